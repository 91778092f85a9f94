import { describe, expect, it } from "vitest";
import { gradeBoth, INVERSE_MIN_BETS, inverseTable, summarize, verdictOf, type GradedPrediction } from "@/server/domain/inverse/inverse";

const NOW = new Date("2031-06-30T00:00:00Z");
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);

function game(i: number, winner: GradedPrediction["winner"], over: Partial<GradedPrediction> = {}): GradedPrediction {
  return {
    model: "elo",
    sport: "basketball",
    market: "MONEYLINE",
    gameId: i,
    startsAt: daysAgo(1 + (i % 5)),
    probabilities: { home: 0.6, away: 0.4 },
    closing: { home: 1.8, away: 2.1 },
    winner,
    ...over,
  };
}

describe("grading the pick and the inverse", () => {
  it("bets the most probable selection, and splits the inverse unit over the other sides", () => {
    expect(gradeBoth(game(1, "home"))).toEqual({ pick: 0.8, inverse: -1 });
    expect(gradeBoth(game(1, "away"))).toEqual({ pick: -1, inverse: 1.1 });
    const soccer = game(2, "draw", { sport: "soccer", market: "ONE_X_TWO", probabilities: { home: 0.5, draw: 0.3, away: 0.2 }, closing: { home: 2, draw: 3.4, away: 4 } });
    // Half a unit on the draw at 3.4 wins 1.2; half on away loses 0.5.
    expect(gradeBoth(soccer)!.pick).toBe(-1);
    expect(gradeBoth(soccer)!.inverse).toBeCloseTo(0.7, 12);
  });

  it("skips a game without a closing price for every selection", () => {
    expect(gradeBoth(game(1, "home", { closing: { home: 1.8 } }))).toBeNull();
  });
});

describe("verdicts on a hand-made set", () => {
  // 40 games in the last 5 days. A model whose picks lose most of the time at fair-ish prices: the inverse wins.
  const losing = Array.from({ length: 40 }, (_, i) => game(i, i % 4 === 0 ? "home" : "away"));
  // Picks that win 3 in 4 at 1.8: ROI +35%.
  const winning = Array.from({ length: 40 }, (_, i) => game(100 + i, i % 4 === 0 ? "away" : "home", { model: "sharp" }));
  // Coin flips: neither side is ahead.
  const coin = Array.from({ length: 40 }, (_, i) => game(200 + i, i % 2 === 0 ? "home" : "away", { model: "coin", closing: { home: 1.95, away: 1.95 } }));
  const rows = inverseTable([...losing, ...winning, ...coin], NOW);

  it("says invert for the model whose opposite side wins, with its figures", () => {
    const row = rows.find((r) => r.model === "elo" && r.windowDays === 7)!;
    expect(row.pick.bets).toBe(40);
    // 10 wins at +0.8, 30 losses: ROI (8 - 30) / 40 = -55%; inverse 30 x 1.1 - 10 = 23 -> +57.5%.
    expect(row.pick.roi).toBeCloseTo(-0.55, 12);
    expect(row.inverse.roi).toBeCloseTo(0.575, 12);
    expect(row.verdict).toBe("invert");
    expect(row.basis).toMatch(/inverse ROI 57\.5%/);
  });

  it("says use for a model whose picks win, avoid for a coin", () => {
    expect(rows.find((r) => r.model === "sharp" && r.windowDays === 30)!.verdict).toBe("use");
    expect(rows.find((r) => r.model === "coin" && r.windowDays === 90)).toMatchObject({ verdict: "avoid", basis: expect.stringMatching(/neither side/) });
  });

  it("needs enough games, and counts only the window's games", () => {
    const few = inverseTable(losing.slice(0, INVERSE_MIN_BETS - 1), NOW);
    expect(few.every((r) => r.verdict === "avoid" && /29 graded games/.test(r.basis))).toBe(true);
    const old = inverseTable([...losing.map((g) => ({ ...g, startsAt: daysAgo(20) })), game(999, "home", { startsAt: daysAgo(2) })], NOW);
    expect(old.find((r) => r.windowDays === 7)!.pick.bets).toBe(1);
    expect(old.find((r) => r.windowDays === 30)!.pick.bets).toBe(41);
    // A game after `now` is not graded.
    expect(inverseTable([game(1, "home", { startsAt: new Date(NOW.getTime() + 1) })], NOW)).toEqual([]);
  });

  it("computes the lower bound from the spread of the profits", () => {
    const s = summarize([1, -1, 1, -1]);
    expect(s.roi).toBe(0);
    expect(s.lowerBound).toBeCloseTo(-1.645 * Math.sqrt(4 / 3 / 4), 12);
    expect(verdictOf(s, s).verdict).toBe("avoid");
  });
});
