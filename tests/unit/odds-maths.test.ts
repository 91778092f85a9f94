import { describe, expect, it } from "vitest";
import {
  americanToDecimal,
  closingLineValue,
  closingLineValuePoints,
  decimalToAmerican,
  expectedValue,
  findArbitrage,
  fractionalToDecimal,
  gradeBet,
  hedgeStake,
  impliedProbability,
  kellyFraction,
  parlayPrice,
  removeVig,
  settleProfitCents,
  VIG_METHODS,
} from "@/server/domain/odds";

describe("format conversions (worked examples)", () => {
  it.each([
    [-110, 1.909090909],
    [+150, 2.5],
    [-200, 1.5],
    [+100, 2],
    [-100, 2],
  ])("American %d is decimal %d", (american, decimal) => {
    expect(americanToDecimal(american)).toBeCloseTo(decimal, 8);
  });

  it.each([
    ["5/2", 3.5],
    ["1/4", 1.25],
    ["evens", NaN],
    ["11/10", 2.1],
  ])("fraction %s", (fraction, decimal) => {
    if (Number.isNaN(decimal)) expect(() => fractionalToDecimal(fraction)).toThrow(/fractional odds/);
    else expect(fractionalToDecimal(fraction)).toBeCloseTo(decimal, 12);
  });

  it("refuses impossible prices with a RangeError that says why", () => {
    expect(() => americanToDecimal(-99)).toThrow(/<= -100 or >= \+100/);
    expect(() => americanToDecimal(NaN)).toThrow(RangeError);
    expect(() => decimalToAmerican(1)).toThrow(/greater than 1/);
    expect(() => impliedProbability(0.5)).toThrow(RangeError);
    expect(() => fractionalToDecimal("0/3")).toThrow(RangeError);
  });
});

describe("removeVig", () => {
  const oneXTwo = [2.3, 3.4, 3.2];

  it("multiplicative normalises implied probabilities", () => {
    const [h, d, a] = removeVig(oneXTwo, "multiplicative");
    const total = 1 / 2.3 + 1 / 3.4 + 1 / 3.2;
    expect(h).toBeCloseTo(1 / 2.3 / total, 12);
    expect(d).toBeCloseTo(1 / 3.4 / total, 12);
    expect(a).toBeCloseTo(1 / 3.2 / total, 12);
  });

  it("additive takes the same amount off each outcome", () => {
    const fair = removeVig(oneXTwo, "additive");
    const share = (1 / 2.3 + 1 / 3.4 + 1 / 3.2 - 1) / 3;
    expect(fair[0]).toBeCloseTo(1 / 2.3 - share, 12);
  });

  it("additive says so instead of returning a negative probability", () => {
    expect(() => removeVig([1.01, 20, 150], "additive")).toThrow(/additive/);
  });

  it("power uses one exponent for every outcome", () => {
    const fair = removeVig(oneXTwo, "power");
    const k = Math.log(fair[0]!) / Math.log(1 / 2.3);
    expect(Math.log(fair[1]!) / Math.log(1 / 3.4)).toBeCloseTo(k, 9);
    expect(Math.log(fair[2]!) / Math.log(1 / 3.2)).toBeCloseTo(k, 9);
    expect(k).toBeGreaterThan(1);
  });

  it("odds-ratio keeps one odds ratio between book and fair odds (Cheung 2015)", () => {
    const fair = removeVig(oneXTwo, "odds-ratio");
    const ratio = (i: number) => (1 / oneXTwo[i]! / (1 - 1 / oneXTwo[i]!)) / (fair[i]! / (1 - fair[i]!));
    expect(ratio(1)).toBeCloseTo(ratio(0), 9);
    expect(ratio(2)).toBeCloseTo(ratio(0), 9);
  });

  it("Shin equals additive on two-way markets (Clarke, Kovalchik & Ingram 2017)", () => {
    const shin = removeVig([1.5, 2.6], "shin");
    const additive = removeVig([1.5, 2.6], "additive");
    expect(shin[0]).toBeCloseTo(additive[0]!, 9);
  });

  it("Shin gives long shots a bigger cut than multiplicative (favourite-longshot bias)", () => {
    const shin = removeVig([1.25, 6, 12], "shin");
    const mult = removeVig([1.25, 6, 12], "multiplicative");
    expect(shin[2]).toBeLessThan(mult[2]!);
    expect(shin[0]).toBeGreaterThan(mult[0]!);
  });

  it("fills an underround market too (every method sums to 1)", () => {
    for (const method of VIG_METHODS) {
      const fair = removeVig([2.1, 2.05], method);
      expect(fair[0]! + fair[1]!).toBeCloseTo(1, 12);
    }
  });
});

describe("expected value and Kelly", () => {
  it("EV per unit: p*d - 1", () => {
    expect(expectedValue(0.55, 2)).toBeCloseTo(0.1, 12);
    expect(expectedValue(0.5, 1.9)).toBeCloseTo(-0.05, 12);
  });

  it("full Kelly on the textbook example: 60% at even money stakes 20%", () => {
    expect(kellyFraction(0.6, 2)).toBeCloseTo(0.2, 12);
  });

  it("scales, caps, and refuses small or negative edges", () => {
    expect(kellyFraction(0.6, 2, { fraction: 0.25 })).toBeCloseTo(0.05, 12);
    expect(kellyFraction(0.6, 2, { maxFraction: 0.02 })).toBe(0.02);
    expect(kellyFraction(0.52, 2, { minEdge: 0.05 })).toBe(0);
    expect(kellyFraction(0.45, 2)).toBe(0);
    expect(() => kellyFraction(1.2, 2)).toThrow(/probability/);
  });
});

describe("arbitrage, hedging, parlays", () => {
  it("finds the best price per outcome and equal-return stakes", () => {
    const arb = findArbitrage([
      [{ bookmaker: "a", decimal: 2.05 }, { bookmaker: "b", decimal: 2.15 }],
      [{ bookmaker: "a", decimal: 1.95 }, { bookmaker: "c", decimal: 2.02 }],
    ])!;
    expect(arb.picks.map((p) => p.bookmaker)).toEqual(["b", "c"]);
    const impliedSum = 1 / 2.15 + 1 / 2.02;
    expect(arb.profit).toBeCloseTo(1 / impliedSum - 1, 12);
    expect(arb.stakes[0]! * 2.15).toBeCloseTo(arb.stakes[1]! * 2.02, 12);
  });

  it("returns null when there is no sure profit", () => {
    expect(findArbitrage([[{ bookmaker: "a", decimal: 1.9 }], [{ bookmaker: "b", decimal: 1.9 }]])).toBeNull();
    expect(findArbitrage([[{ bookmaker: "a", decimal: 2 }], [{ bookmaker: "b", decimal: 2 }]])).toBeNull();
  });

  it("hedges a 100 stake at 3.0 with 150 at 2.0 for +50 either way", () => {
    const h = hedgeStake(100, 3, 2);
    expect(h.stake).toBeCloseTo(150, 12);
    expect(h.profitEitherWay).toBeCloseTo(50, 12);
  });

  it("prices a parlay as the product of its legs", () => {
    expect(parlayPrice([1.91, 1.91, 2.5])).toBeCloseTo(9.12025, 10);
    expect(() => parlayPrice([2])).toThrow(/two legs/);
  });
});

describe("gradeBet", () => {
  it.each([
    // [market, selection, line, home, away, outcome]
    ["moneyline", "home", undefined, 24, 20, "win"],
    ["moneyline", "away", undefined, 24, 20, "loss"],
    ["moneyline", "home", undefined, 20, 20, "push"],
    ["1x2", "draw", undefined, 1, 1, "win"],
    ["1x2", "home", undefined, 1, 1, "loss"],
    ["spread", "home", -3.5, 24, 20, "win"],
    ["spread", "home", -3, 23, 20, "push"],
    ["spread", "away", 3, 23, 20, "push"],
    ["spread", "away", 2.5, 23, 20, "loss"],
    // Asian handicap quarter lines
    ["spread", "home", -0.25, 1, 1, "half-loss"],
    ["spread", "away", 0.25, 1, 1, "half-win"],
    ["spread", "home", -0.75, 2, 1, "half-win"],
    ["spread", "away", 0.75, 2, 1, "half-loss"],
    ["spread", "home", -1.25, 2, 1, "half-loss"],
    ["spread", "home", -1.75, 3, 1, "half-win"],
    ["total", "over", 2.5, 2, 1, "win"],
    ["total", "under", 2.5, 2, 1, "loss"],
    ["total", "over", 3, 2, 1, "push"],
    ["total", "over", 2.25, 1, 1, "half-loss"],
    ["total", "over", 2.75, 2, 1, "half-win"],
    ["total", "under", 2.75, 2, 1, "half-loss"],
  ] as const)("%s %s %s at %d-%d is %s", (market, selection, line, home, away, outcome) => {
    expect(gradeBet({ market, selection, ...(line === undefined ? {} : { line }) }, { home, away })).toBe(outcome);
  });

  it("refuses bets it cannot grade", () => {
    expect(() => gradeBet({ market: "spread", selection: "home" }, { home: 1, away: 0 })).toThrow(/needs a line/);
    expect(() => gradeBet({ market: "moneyline", selection: "draw" }, { home: 1, away: 0 })).toThrow(/does not belong/);
    expect(() => gradeBet({ market: "total", selection: "over", line: 2.1 }, { home: 1, away: 0 })).toThrow(/quarter/);
  });
});

describe("settleProfitCents", () => {
  it.each([
    [1000, 1.909090909, "win", 909],
    [1000, 1.95, "half-win", 475],
    [1000, 1.95, "half-loss", -500],
    [333, 2.5, "half-loss", -167],
    [1000, 2.5, "loss", -1000],
    [1000, 2.5, "push", 0],
    [1000, 2.5, "void", 0],
    [1, 1.5, "win", 1],
  ] as const)("%d cents at %d, %s: %d", (stake, decimal, outcome, profit) => {
    expect(settleProfitCents(stake, decimal, outcome)).toBe(profit);
  });

  it("rejects fractional cents", () => {
    expect(() => settleProfitCents(10.5, 2, "win")).toThrow(/whole cents/);
  });
});

describe("closing line value", () => {
  it("compares the taken price with the no-vig close", () => {
    expect(closingLineValue(2.1, 0.5)).toBeCloseTo(0.05, 12);
    expect(closingLineValue(1.8, 0.5)).toBeCloseTo(-0.1, 12);
  });

  it("counts points in the bettor's favour", () => {
    expect(closingLineValuePoints({ market: "spread", selection: "home", line: 3.5 }, 2)).toBe(1.5);
    expect(closingLineValuePoints({ market: "spread", selection: "away", line: -7 }, -7.5)).toBe(0.5);
    expect(closingLineValuePoints({ market: "total", selection: "over", line: 44 }, 45.5)).toBe(1.5);
    expect(closingLineValuePoints({ market: "total", selection: "under", line: 44 }, 45.5)).toBe(-1.5);
  });
});
