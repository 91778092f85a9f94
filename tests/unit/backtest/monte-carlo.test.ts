import { describe, expect, it } from "vitest";
import { monteCarlo, shuffleInPlace } from "@/server/domain/backtest/monte-carlo";
import { gaussian, mulberry32 } from "@/server/domain/backtest/statistics";

describe("shuffleInPlace", () => {
  it("draws each of the 6 orders of 3 bets about equally often", () => {
    const rng = mulberry32(3);
    const counts = new Map<string, number>();
    const order = Int32Array.from([0, 1, 2]);
    for (let i = 0; i < 60_000; i++) {
      shuffleInPlace(order, rng);
      const key = order.join("");
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    // 10,000 expected each; the sd of a count is about 91, so 500 is more than 5 sd.
    for (const n of counts.values()) expect(Math.abs(n - 10_000)).toBeLessThan(500);
  });
});

describe("monteCarlo over the order of bets", () => {
  it("compound mode: every order ends at the same bankroll, drawdowns differ by order", () => {
    // Returns +100%, -50%, -50% from 100: any order ends at 100 * 2 * 0.5 * 0.5 = 50. The three distinct
    // orders, equally likely:
    //   +1, -.5, -.5: 200, 100, 50   -> peak 200, drawdown 0.75
    //   -.5, +1, -.5: 50, 100, 50    -> peak 100, drawdown 0.5
    //   -.5, -.5, +1: 50, 25, 50     -> drawdown 0.75
    // So a third of the paths have 0.5 and two thirds 0.75: p5 = 0.5, p50 = p95 = 0.75.
    const r = monteCarlo([1, -0.5, -0.5], { seed: 9, startBankroll: 100 });
    expect(r.runs).toBe(10_000);
    expect(r.finalBankroll.p5).toBeCloseTo(50, 10);
    expect(r.finalBankroll.p95).toBeCloseTo(50, 10);
    expect(r.maxDrawdown).toEqual({ p5: 0.5, p50: 0.75, p95: 0.75 });
    expect(r.probabilityOfRuin).toBe(0);
    // The actual order is the first one.
    expect(r.observed).toEqual({ maxDrawdown: 0.75, finalBankroll: 50, ruined: false });
  });

  it("ruin below a threshold stops the path there", () => {
    // Same bets, ruin at or below 40: only -.5, -.5, +1 (50, 25) is ruined, ending at 25. P = 1/3 (the sd of
    // the share over 10,000 paths is 0.0047).
    const r = monteCarlo([1, -0.5, -0.5], { seed: 2, ruinBankroll: 40 });
    expect(Math.abs(r.probabilityOfRuin - 1 / 3)).toBeLessThan(0.025);
    expect(r.finalBankroll.p5).toBe(25);
    expect(r.finalBankroll.p95).toBeCloseTo(50, 10);
  });

  it("additive mode (flat stakes): profits add up and a path can go broke", () => {
    // Profits -60, -60, +200 from 100:
    //   -60, -60, +200: 40, -20 -> ruined at -20 (drawdown 120 / 100 = 1.2), no third bet
    //   -60, +200, -60: 40, 240, 180;  +200, -60, -60: 300, 240, 180
    // Ruin 1/3; final p5 = -20, p50 = p95 = 180.
    const r = monteCarlo([-60, -60, 200], { seed: 4, mode: "additive" });
    expect(Math.abs(r.probabilityOfRuin - 1 / 3)).toBeLessThan(0.025);
    expect(r.finalBankroll).toEqual({ p5: -20, p50: 180, p95: 180 });
    expect(r.maxDrawdown.p95).toBeCloseTo(1.2, 12);
    expect(r.observed.ruined).toBe(true);
  });

  it("is reproducible by seed", () => {
    const rng = mulberry32(1);
    const returns = Array.from({ length: 300 }, () => 0.01 * gaussian(rng));
    const a = monteCarlo(returns, { seed: 7, runs: 2000 });
    const b = monteCarlo(returns, { seed: 7, runs: 2000 });
    const c = monteCarlo(returns, { seed: 8, runs: 2000 });
    expect(a).toEqual(b);
    expect(c.maxDrawdown.p50).not.toBe(a.maxDrawdown.p50);
    // Ordering cannot change a product: the final bankroll is the same on every path up to rounding.
    expect(a.finalBankroll.p95 - a.finalBankroll.p5).toBeLessThan(1e-9);
    expect(a.maxDrawdown.p5).toBeLessThanOrEqual(a.maxDrawdown.p50);
    expect(a.maxDrawdown.p50).toBeLessThanOrEqual(a.maxDrawdown.p95);
  });

  it("no bets: the start bankroll and no drawdown", () => {
    const r = monteCarlo([], { runs: 10, startBankroll: 250 });
    expect(r.finalBankroll).toEqual({ p5: 250, p50: 250, p95: 250 });
    expect(r.maxDrawdown).toEqual({ p5: 0, p50: 0, p95: 0 });
    expect(r.probabilityOfRuin).toBe(0);
  });
});
