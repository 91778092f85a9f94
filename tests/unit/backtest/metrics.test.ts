import { describe, expect, it } from "vitest";
import {
  dailyPath,
  maxDrawdown,
  oddsBand,
  runMetrics,
  sortinoRatio,
  type SettledBet,
} from "@/server/domain/backtest/metrics";

const bet = (
  b: Partial<SettledBet> & Pick<SettledBet, "date" | "stake" | "profit" | "price" | "result">,
): SettledBet => ({
  clv: null,
  league: "epl",
  market: "1x2",
  selection: "home",
  tier: null,
  ...b,
});

// A small run from a bankroll of 100, every figure worked by hand below.
const BETS: SettledBet[] = [
  bet({ date: "2024-01-01", stake: 10, price: 2.0, result: "win", profit: 10, clv: 0.05, tier: "A" }),
  bet({
    date: "2024-01-01",
    stake: 10,
    price: 4.0,
    result: "loss",
    profit: -10,
    clv: -0.02,
    selection: "away",
    tier: "B",
  }),
  bet({
    date: "2024-01-02",
    stake: 20,
    price: 1.5,
    result: "loss",
    profit: -20,
    league: "laliga",
    market: "total",
    selection: "over",
  }),
  bet({
    date: "2024-01-02",
    stake: 10,
    price: 1.8,
    result: "half-loss",
    profit: -5,
    clv: 0.01,
    league: "laliga",
    market: "total",
    selection: "under",
    tier: "A",
  }),
  bet({ date: "2024-02-03", stake: 5, price: 6.0, result: "win", profit: 25, clv: 0.1, market: "spread", tier: "B" }),
  bet({
    date: "2024-02-03",
    stake: 5,
    price: 1.4,
    result: "push",
    profit: 0,
    clv: 0,
    market: "spread",
    selection: "away",
    tier: "C",
  }),
  // Half win at 3.0: half the stake wins 5 * 2 = 10, the other half is returned.
  bet({
    date: "2024-02-10",
    stake: 10,
    price: 3.0,
    result: "half-win",
    profit: 10,
    clv: 0,
    league: "laliga",
    selection: "draw",
    tier: "A",
  }),
  bet({
    date: "2024-03-01",
    stake: 22,
    price: 2.5,
    result: "loss",
    profit: -22,
    clv: -0.03,
    league: "laliga",
    tier: "D",
  }),
  bet({ date: "2024-03-01", stake: 11, price: 2.2, result: "loss", profit: -11, selection: "away", tier: "D" }),
];

describe("dailyPath", () => {
  it("compounds by date and marks dates without bets", () => {
    // Day profits: 0, -25, (no bets on 01-15), +25, +10, -33.
    // Bankroll 100, 75, 75, 100, 110, 77; peak 100, 100, 100, 100, 110, 110.
    // Returns: 0/100, -25/100, null, 25/75, 10/100, -33/110.
    const path = dailyPath(BETS, 100, ["2024-01-15", "2024-01-01"]);
    expect(path.map((p) => p.date)).toEqual([
      "2024-01-01",
      "2024-01-02",
      "2024-01-15",
      "2024-02-03",
      "2024-02-10",
      "2024-03-01",
    ]);
    expect(path.map((p) => p.bankroll)).toEqual([100, 75, 75, 100, 110, 77]);
    expect(path.map((p) => p.peak)).toEqual([100, 100, 100, 100, 110, 110]);
    expect(path.map((p) => p.drawdown)).toEqual([0, 0.25, 0.25, 0, 0, 0.3]);
    const returned = path.map((p) => p.returned);
    expect(returned.slice(0, 3)).toEqual([0, -0.25, null]);
    expect(returned[3]).toBeCloseTo(1 / 3, 15);
    expect(returned[4]).toBeCloseTo(0.1, 15);
    expect(returned[5]).toBeCloseTo(-0.3, 15);
  });
});

describe("runMetrics: a hand-computed run", () => {
  const path = dailyPath(BETS, 100, ["2024-01-15"]);
  const m = runMetrics(BETS, path, 100);

  it("totals, roi and yield", () => {
    // Staked 10+10+20+10+5+5+10+22+11 = 103; profit 10-10-20-5+25+0+10-22-11 = -23.
    expect(m.bets).toBe(9);
    expect(m.staked).toBe(103);
    expect(m.profit).toBe(-23);
    expect(m.roi).toBeCloseTo(-23 / 103, 15);
    expect(m.yield).toBe(m.roi);
  });

  it("win rate counts halves, average odds, CLV", () => {
    // Wins 1 + 1 + 0.5 (half win) = 2.5; decided 1+1+1+0.5+1+0+0.5+1+1 = 7 (the push counts 0, halves 0.5).
    expect(m.winRate).toBeCloseTo(2.5 / 7, 15);
    // (2 + 4 + 1.5 + 1.8 + 6 + 1.4 + 3 + 2.5 + 2.2) / 9 = 24.4 / 9.
    expect(m.averageOdds).toBeCloseTo(24.4 / 9, 14);
    // CLV on 7 bets: 0.05 - 0.02 + 0.01 + 0.1 + 0 + 0 - 0.03 = 0.11; above 0: three of them.
    expect(m.clvBets).toBe(7);
    expect(m.meanClv).toBeCloseTo(0.11 / 7, 15);
    expect(m.beatCloseShare).toBeCloseTo(3 / 7, 15);
  });

  it("max drawdown and its dates", () => {
    // 0.25 on 01-02 from the initial 100, then 0.3 on 03-01 from the 110 peak of 02-10 (33 / 110).
    expect(m.maxDrawdown).toBeCloseTo(0.3, 15);
    expect(m.maxDrawdownPeakDate).toBe("2024-02-10");
    expect(m.maxDrawdownTroughDate).toBe("2024-03-01");
  });

  it("daily Sharpe and Sortino over the betting days only", () => {
    // Returns [0, -0.25, 1/3, 0.1, -0.3] (01-15 had no bets): mean -0.0233333, sample sd 0.2602349
    // -> Sharpe -0.0896626; downside sqrt((0.0625 + 0.09) / 5) = 0.1746425 -> Sortino -0.1336063.
    expect(m.bettingDays).toBe(5);
    expect(m.sharpe).toBeCloseTo(-0.08966257044132754, 12);
    expect(m.sortino).toBeCloseTo(-0.13360627800656924, 12);
  });

  it("profit factor and longest losing run", () => {
    // Gross wins 10 + 25 + 10 = 45; gross losses 10 + 20 + 5 + 22 + 11 = 68.
    expect(m.profitFactor).toBeCloseTo(45 / 68, 15);
    // loss, loss, half loss (bets 2-4) = 3; the push of bet 6 is not a loss; bets 8-9 make 2.
    expect(m.longestLosingRun).toBe(3);
  });

  it("breakdowns by league, market, selection, tier, month and odds band", () => {
    const rows = (r: typeof m.byLeague) => r.map(({ key, bets, staked, profit }) => [key, bets, staked, profit]);
    expect(rows(m.byLeague)).toEqual([
      ["epl", 5, 41, 14],
      ["laliga", 4, 62, -37],
    ]);
    expect(m.byLeague[0]!.roi).toBeCloseTo(14 / 41, 15);
    expect(rows(m.byMarket)).toEqual([
      ["1x2", 5, 63, -23],
      ["spread", 2, 10, 25],
      ["total", 2, 30, -25],
    ]);
    expect(rows(m.bySelection)).toEqual([
      ["away", 3, 26, -21],
      ["draw", 1, 10, 10],
      ["home", 3, 37, 13],
      ["over", 1, 20, -20],
      ["under", 1, 10, -5],
    ]);
    expect(rows(m.byTier)).toEqual([
      ["A", 3, 30, 15],
      ["B", 2, 15, 15],
      ["C", 1, 5, 0],
      ["D", 2, 33, -33],
      ["none", 1, 20, -20],
    ]);
    expect(rows(m.byMonth)).toEqual([
      ["2024-01", 4, 50, -25],
      ["2024-02", 3, 20, 35],
      ["2024-03", 2, 33, -33],
    ]);
    // 1.4 | 1.5, 1.8 | 2.0, 2.5, 2.2 | 4.0, 3.0 | 6.0, in band order (not alphabetical).
    expect(rows(m.byOddsBand)).toEqual([
      ["<1.5", 1, 5, 0],
      ["1.5-2", 2, 30, -25],
      ["2-3", 3, 43, -23],
      ["3-5", 2, 20, 0],
      ["5+", 1, 5, 25],
    ]);
  });
});

describe("edge cases", () => {
  it("an empty run", () => {
    const m = runMetrics([], [], 100);
    expect(m).toMatchObject({
      bets: 0,
      staked: 0,
      profit: 0,
      roi: null,
      yield: null,
      winRate: null,
      averageOdds: null,
    });
    expect(m).toMatchObject({
      meanClv: null,
      beatCloseShare: null,
      maxDrawdown: 0,
      maxDrawdownPeakDate: null,
      maxDrawdownTroughDate: null,
    });
    expect(m).toMatchObject({ sharpe: null, sortino: null, profitFactor: null, longestLosingRun: 0 });
  });

  it("a drawdown from the initial bankroll has no peak date; no losses means no profit factor", () => {
    const path = dailyPath(BETS.slice(0, 4), 100);
    expect(maxDrawdown(path, 100)).toEqual({ maxDrawdown: 0.25, peakDate: null, troughDate: "2024-01-02" });
    const winners = BETS.filter((b) => b.profit >= 0);
    expect(runMetrics(winners, dailyPath(winners, 100), 100).profitFactor).toBeNull();
  });

  it("sortino is null without a down day", () => {
    expect(sortinoRatio([0.1, 0.2])).toBeNull();
    expect(sortinoRatio([0.1])).toBeNull();
  });

  it("odds bands include their lower bound", () => {
    expect([1.01, 1.49, 1.5, 1.99, 2, 2.99, 3, 4.99, 5, 50].map(oddsBand)).toEqual([
      "<1.5",
      "<1.5",
      "1.5-2",
      "1.5-2",
      "2-3",
      "2-3",
      "3-5",
      "3-5",
      "5+",
      "5+",
    ]);
  });
});
