import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  americanToDecimal,
  decimalToAmerican,
  findArbitrage,
  gradeBet,
  kellyFraction,
  removeVig,
  settleProfitCents,
  VIG_METHODS,
  type Outcome,
} from "@/server/domain/odds";

const decimalOdds = fc.double({ min: 1.01, max: 50, noNaN: true });
const probability = fc.double({ min: 0.001, max: 0.999, noNaN: true });
/** A market as a bookmaker prices it: fair probabilities plus a margin between -3% and 12%. */
const bookMarket = fc
  .tuple(fc.array(fc.double({ min: 0.03, max: 1, noNaN: true }), { minLength: 2, maxLength: 4 }), fc.double({ min: -0.03, max: 0.12, noNaN: true }))
  .map(([weights, margin]) => {
    const total = weights.reduce((a, b) => a + b, 0);
    return weights.map((w) => 1 / ((w / total) * (1 + margin)));
  })
  .filter((ds) => ds.every((d) => d > 1.01));

const opposite: Record<Outcome, Outcome> = { win: "loss", loss: "win", push: "push", "half-win": "half-loss", "half-loss": "half-win" };

describe("odds maths properties", () => {
  it("American and decimal convert back and forth", () => {
    fc.assert(fc.property(decimalOdds, (d) => Math.abs(americanToDecimal(decimalToAmerican(d)) - d) < 1e-9));
  });

  it("fair probabilities sum to 1 and keep the favourite's order, for every method", () => {
    fc.assert(
      fc.property(bookMarket, fc.constantFrom(...VIG_METHODS.filter((m) => m !== "additive")), (ds, method) => {
        const fair = removeVig(ds, method);
        expect(Math.abs(fair.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-9);
        for (let i = 0; i < ds.length; i++)
          for (let j = 0; j < ds.length; j++) if (ds[i]! < ds[j]!) expect(fair[i]!).toBeGreaterThanOrEqual(fair[j]!);
      }),
    );
  });

  it("additive either returns valid probabilities or refuses", () => {
    fc.assert(
      fc.property(bookMarket, (ds) => {
        try {
          const fair = removeVig(ds, "additive");
          return fair.every((p) => p > 0) && Math.abs(fair.reduce((a, b) => a + b, 0) - 1) < 1e-9;
        } catch (e) {
          return e instanceof RangeError;
        }
      }),
    );
  });

  it("Kelly is 0 without an edge and never exceeds its cap", () => {
    fc.assert(
      fc.property(probability, decimalOdds, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (p, d, fraction, maxFraction) => {
        const k = kellyFraction(p, d, { fraction, maxFraction });
        if (p * d - 1 <= 0) expect(k).toBe(0);
        expect(k).toBeGreaterThanOrEqual(0);
        expect(k).toBeLessThanOrEqual(maxFraction);
      }),
    );
  });

  it("arbitrage stakes sum to 1 and pay the same on every outcome", () => {
    const offers = fc.array(fc.array(decimalOdds.map((decimal) => ({ bookmaker: "b", decimal })), { minLength: 1, maxLength: 4 }), { minLength: 2, maxLength: 3 });
    fc.assert(
      fc.property(offers, (outcomes) => {
        const arb = findArbitrage(outcomes);
        const best = outcomes.map((o) => Math.max(...o.map((x) => x.decimal)));
        if (best.reduce((s, d) => s + 1 / d, 0) >= 1) return arb === null;
        expect(arb).not.toBeNull();
        expect(Math.abs(arb!.stakes.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-9);
        const returns = arb!.stakes.map((s, i) => s * arb!.picks[i]!.decimal);
        for (const r of returns) expect(r - 1).toBeCloseTo(arb!.profit, 9);
        return arb!.profit > 0;
      }),
    );
  });

  const score = fc.record({ home: fc.nat(60), away: fc.nat(60) });
  const quarterLine = fc.integer({ min: -60, max: 60 }).map((q) => q / 4);

  it("spread grading is symmetric between the sides", () => {
    fc.assert(
      fc.property(score, quarterLine, (s, line) => {
        const home = gradeBet({ market: "spread", selection: "home", line }, s);
        const away = gradeBet({ market: "spread", selection: "away", line: -line }, s);
        return away === opposite[home];
      }),
    );
  });

  it("total grading is symmetric between over and under; moneyline between home and away", () => {
    fc.assert(
      fc.property(score, quarterLine.map(Math.abs), (s, line) => {
        const over = gradeBet({ market: "total", selection: "over", line }, s);
        const under = gradeBet({ market: "total", selection: "under", line }, s);
        const home = gradeBet({ market: "moneyline", selection: "home" }, s);
        return under === opposite[over] && gradeBet({ market: "moneyline", selection: "away" }, s) === opposite[home];
      }),
    );
  });

  it("a settled profit is whole cents, never loses more than the stake, and mirrors between win and loss", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), decimalOdds, fc.constantFrom<Outcome>("win", "loss", "push", "half-win", "half-loss"), (stake, d, outcome) => {
        const profit = settleProfitCents(stake, d, outcome);
        expect(Number.isInteger(profit)).toBe(true);
        expect(profit).toBeGreaterThanOrEqual(-stake);
        if (outcome === "loss") expect(profit).toBe(-stake);
        if (outcome === "half-loss") expect(profit).toBe(-settleProfitCents(stake, 2, "half-win"));
      }),
    );
  });
});
