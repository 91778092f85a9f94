import { describe, expect, it } from "vitest";
import { prepareData, viewKeyOf, viewOf, type PreparedData } from "@/server/domain/backtest/dataset";
import type { BacktestGame, BacktestQuote } from "@/server/domain/backtest/games";
import { runStrategy as runOn } from "@/server/domain/backtest/engine";
import { runSweep } from "@/server/domain/backtest/run";
import { parseStrategy } from "@/server/domain/strategies/validate";
import type { Strategy, StrategyInput } from "@/server/domain/strategies/schema";

/**
 * A tiny synthetic league whose every figure is worked out by hand below: three games over two UTC dates,
 * Pinnacle's opening and closing 1X2 prices and bet365's opening prices.
 */
type Triple = [number, number, number];
function game(
  id: string,
  startsAt: string,
  score: [number, number],
  prices: { pinOpen: Triple; b365Open: Triple; pinClose: Triple },
): BacktestGame {
  const quotes: BacktestQuote[] = [];
  const add = (book: string, phase: "OPENING" | "CLOSING", p: Triple) =>
    (["HOME", "DRAW", "AWAY"] as const).forEach((selection, i) =>
      quotes.push({
        bookmaker: { key: book, isAggregate: false },
        market: "ONE_X_TWO",
        period: "FULL_GAME",
        selection,
        line: null,
        phase,
        capturedAt: null,
        price: p[i]!,
        gameStartsAt: new Date(startsAt),
      }),
    );
  add("pinnacle", "OPENING", prices.pinOpen);
  add("bet365", "OPENING", prices.b365Open);
  add("pinnacle", "CLOSING", prices.pinClose);
  return {
    id,
    league: "epl",
    sport: "soccer",
    season: 2024,
    startsAt: new Date(startsAt),
    home: `${id}-home`,
    away: `${id}-away`,
    homeScore: score[0],
    awayScore: score[1],
    roof: null,
    temperatureC: null,
    windKph: null,
    quotes,
  };
}

const GAMES = [
  // Day 1. Pinnacle opening no-vig: 1/2, 1/3.5, 1/4 over their sum 1.0357143 = 0.4827586, 0.2758621, 0.2413793.
  // bet365 home 2.20: edge 0.4827586 * 2.2 - 1 = 0.0620690; the draw and away edges are negative. Home wins 2-1.
  game("a", "2024-08-10T14:00:00Z", [2, 1], {
    pinOpen: [2.0, 3.5, 4.0],
    b365Open: [2.2, 3.4, 3.6],
    pinClose: [1.9, 3.6, 4.4],
  }),
  // No-vig 1/3, 1/3.3, 1/2.5 over 1.0363636 = 0.3216374, 0.2923977, 0.3859649. bet365 draw 3.6: edge 0.0526316. 0-0.
  game("b", "2024-08-10T16:00:00Z", [0, 0], {
    pinOpen: [3.0, 3.3, 2.5],
    b365Open: [3.1, 3.6, 2.6],
    pinClose: [3.2, 3.3, 2.4],
  }),
  // Day 2. No-vig 1/1.5, 1/4.5, 1/7 over 1.0317460 = 0.6461538, 0.2153846, 0.1384615. bet365 away 7.5: edge 0.0384615.
  // Home wins 1-0, so the away bet loses.
  game("c", "2024-08-11T15:00:00Z", [1, 0], {
    pinOpen: [1.5, 4.5, 7.0],
    b365Open: [1.55, 4.33, 7.5],
    pinClose: [1.45, 4.8, 8.0],
  }),
];

function strategy(input: Partial<StrategyInput>): Strategy {
  const parsed = parseStrategy({
    schemaVersion: 1,
    name: "hand",
    markets: ["1x2"],
    probability: "market:pinnacle-opening",
    price: "book:bet365",
    decideAt: "opening",
    when: { all: [{ field: "edge", op: "gte", value: 0.01 }] },
    stake: { kind: "kelly", fraction: 0.5, maxFraction: 0.05 },
    ...input,
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.strategy;
}

const data = prepareData(GAMES);
const runStrategy = (d: PreparedData, s: Strategy) => runOn(d.dates, s, viewOf(d, viewKeyOf(s, d.tiers)));

describe("backtest engine on a hand-computed league", () => {
  it("sizes every bet of a date from the bankroll at its start (half Kelly) and compounds by date", () => {
    const run = runStrategy(data, strategy({}));
    expect(run.bets.map((b) => b.game)).toEqual([0, 1, 2]);
    // Home of game a: full Kelly 0.0620690 / 1.2 = 0.0517241; half = 0.0258621 of 100.
    const kellyA = (0.4827586 * 2.2 - 1) / 1.2 / 2;
    // Draw of game b, same date, so also from 100: 0.0526316 / 2.6 / 2 = 0.0101215.
    const kellyB = (0.2923977 * 3.6 - 1) / 2.6 / 2;
    expect(run.bets[0]!.stake).toBeCloseTo(100 * kellyA, 4);
    expect(run.bets[1]!.stake).toBeCloseTo(100 * kellyB, 4);
    const day1 = 100 + 100 * kellyA * 1.2 + 100 * kellyB * 2.6;
    expect(run.end[0]).toBeCloseTo(day1, 4); // 105.7350
    // Away of game c on day 2 from the day's opening bankroll: 0.0384615 / 6.5 / 2 = 0.0029586; it loses.
    const kellyC = (0.1384615 * 7.5 - 1) / 6.5 / 2;
    expect(run.bets[2]!.stake).toBeCloseTo(day1 * kellyC, 4);
    expect(run.bets[2]!.profit).toBeCloseTo(-day1 * kellyC, 4);
    expect(run.end[1]).toBeCloseTo(day1 * (1 - kellyC), 4);
    // CLV of the home bet: 2.2 x Pinnacle's closing no-vig home (1/1.9 over 1.0313666 = 0.5103098) - 1.
    expect(run.bets[0]!.clv).toBeCloseTo(2.2 * 0.5103098 - 1, 5);
  });

  it("reports the contract's figures: ROI, mean CLV, drawdown from the peak at the end of a date, daily Sharpe", () => {
    const s = strategy({});
    const [v] = runSweep(data, [{ strategy: s, hash: "h" }]).variants;
    const kA = (0.4827586 * 2.2 - 1) / 1.2 / 2;
    const kB = (0.2923977 * 3.6 - 1) / 2.6 / 2;
    const kC = (0.1384615 * 7.5 - 1) / 6.5 / 2;
    const day1 = 100 * (1 + kA * 1.2 + kB * 2.6);
    const staked = 100 * kA + 100 * kB + day1 * kC;
    const profit = 100 * kA * 1.2 + 100 * kB * 2.6 - day1 * kC;
    expect(v!.bets).toBe(3);
    expect(v!.staked).toBeCloseTo(staked, 4);
    expect(v!.profit).toBeCloseTo(profit, 4);
    expect(v!.roi).toBeCloseTo(profit / staked, 5);
    // Drawdown after day 2 from the day-1 peak: exactly the share staked and lost.
    expect(v!.maxDrawdown).toBeCloseTo(kC, 6);
    const r1 = day1 / 100 - 1;
    const r2 = -kC;
    const mean = (r1 + r2) / 2;
    const sd = Math.abs(r1 - r2) / Math.SQRT2;
    expect(v!.sharpe).toBeCloseTo(mean / sd, 5);
    const clv = [
      (2.2 * (1 / 1.9)) / (1 / 1.9 + 1 / 3.6 + 1 / 4.4),
      (3.6 * (1 / 3.3)) / (1 / 3.2 + 1 / 3.3 + 1 / 2.4),
      (7.5 * (1 / 8)) / (1 / 1.45 + 1 / 4.8 + 1 / 8),
    ].map((x) => x - 1);
    expect(v!.meanClv).toBeCloseTo((clv[0]! + clv[1]! + clv[2]!) / 3, 6);
    expect(v!.finalBankroll).toBeCloseTo(100 + profit, 4);
  });

  it("flat and percent stakes; best-per-game keeps one selection; a look-ahead-free price view", () => {
    const flat = runStrategy(data, strategy({ stake: { kind: "flat", units: 2 } }));
    expect(flat.bets.map((b) => b.stake)).toEqual([2, 2, 2]);
    expect(flat.end[1]).toBeCloseTo(100 + 2 * 1.2 + 2 * 2.6 - 2, 9);
    const percent = runStrategy(data, strategy({ stake: { kind: "percent", fraction: 0.1 } }));
    expect(percent.bets[2]!.stake).toBeCloseTo(0.1 * (100 + 10 * 1.2 + 10 * 2.6), 9);
    // Every selection with any edge: game a has only home positive, so best-per-game equals "all" here,
    // but with no condition the best edge per game is still one bet per game.
    const best = runStrategy(
      data,
      strategy({ when: { all: [] }, pick: "best-per-game", stake: { kind: "flat", units: 1 } }),
    );
    expect(best.bets.map((b) => b.game)).toEqual([0, 1, 2]);
  });

  it("limits stop signals and say which limit", () => {
    const perDay = runStrategy(data, strategy({ stake: { kind: "flat", units: 1 }, limits: { maxBetsPerDay: 1 } }));
    expect(perDay.bets.map((b) => b.game)).toEqual([0, 2]);
    expect(perDay.skipped).toEqual([{ row: expect.any(Number), day: 0, reason: "maxBetsPerDay" }]);
    const exposure = runStrategy(
      data,
      strategy({ stake: { kind: "percent", fraction: 0.03 }, limits: { maxDailyExposure: 0.05 } }),
    );
    expect(exposure.bets).toHaveLength(2);
    expect(exposure.skipped[0]!.reason).toBe("maxDailyExposure");
    const pause = runStrategy(
      prepareData([
        ...GAMES,
        game("d", "2024-08-12T15:00:00Z", [1, 0], {
          pinOpen: [1.5, 4.5, 7.0],
          b365Open: [1.55, 4.33, 7.5],
          pinClose: [1.45, 4.8, 8.0],
        }),
      ]),
      strategy({
        stake: { kind: "flat", units: 1 },
        limits: { pauseAfterLosses: { losses: 1, lastBets: 1, days: 1 } },
      }),
    );
    expect(pause.skipped.map((s) => s.reason)).toEqual(["pauseAfterLosses"]);
  });

  it("a run whose bankroll reaches 0 is ruined: no further bets", () => {
    const run = runStrategy(
      prepareData([
        GAMES[2]!,
        game("e", "2024-08-12T15:00:00Z", [0, 1], {
          pinOpen: [1.5, 4.5, 7.0],
          b365Open: [1.55, 4.33, 7.5],
          pinClose: [1.45, 4.8, 8.0],
        }),
      ]),
      strategy({ stake: { kind: "flat", units: 100 } }),
    );
    expect(run.bets).toHaveLength(1);
    expect(run.end[0]).toBe(0);
    expect(run.skipped[0]!.reason).toBe("bankrollExhausted");
  });
});
