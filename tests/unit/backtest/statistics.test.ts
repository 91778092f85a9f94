import { describe, expect, it } from "vitest";
import {
  gaussian,
  inverseNormalCdf,
  mean,
  mulberry32,
  normalCdf,
  percentileOfSorted,
  populationMoments,
  sampleVariance,
  sharpeRatio,
} from "@/server/domain/backtest/statistics";

// Reference values computed with mpmath at 40 significant digits (mpmath.ncdf and sqrt(2) * erfinv).
const CDF: [number, number][] = [
  [-38, 2.8854283600687843e-316],
  [-20, 2.7536241186062337e-89],
  [-10, 7.6198530241605261e-24],
  [-7.5, 3.1908916729108962e-14],
  [-5, 2.8665157187919391e-7],
  [-3.5355, 0.00020350212259507151],
  [-2, 0.022750131948179207],
  [-1, 0.15865525393145705],
  [-0.5, 0.3085375387259869],
  [0, 0.5],
  [0.3, 0.61791142218895263],
  [1, 0.84134474606854295],
  [1.96, 0.97500210485177956],
  [3, 0.99865010196836991],
  [5, 0.99999971334842812],
];

describe("normalCdf", () => {
  it.each(CDF)("Phi(%d) to 1e-15 absolute and 1e-12 relative", (z, p) => {
    const got = normalCdf(z);
    expect(Math.abs(got - p)).toBeLessThan(1e-15);
    // Relative accuracy in the lower tail is what lets the quantile's Halley step work for tiny p.
    if (p > 0) expect(Math.abs(got - p) / p).toBeLessThan(1e-12);
  });

  it("is symmetric and monotone across the series / continued-fraction switch", () => {
    let prev = 0;
    for (let z = -6; z <= 6; z += 0.01) {
      const p = normalCdf(z);
      expect(p).toBeGreaterThanOrEqual(prev);
      expect(p + normalCdf(-z)).toBeCloseTo(1, 14);
      prev = p;
    }
  });
});

describe("inverseNormalCdf (Acklam + one Halley step)", () => {
  it.each([
    [1e-20, -9.2623400897984076],
    [1e-9, -5.9978070150076869],
    [0.001, -3.0902323061678135],
    [0.02425, -1.9729610513118848],
    [0.3, -0.52440051270804082],
    [0.975, 1.9599639845400539],
    [0.99, 2.3263478740408408],
    [0.999999, 4.7534243088170878],
  ])("Phi^-1(%d)", (p, x) => {
    // Acklam alone is good to ~1e-9 relative; the refinement must take it to ~1e-13.
    expect(Math.abs(inverseNormalCdf(p) - x)).toBeLessThan(1e-13 * Math.max(1, Math.abs(x)));
  });

  it("inverts normalCdf over the whole range", () => {
    for (let p = 1e-12; p < 1; p = p < 0.01 ? p * 3 : p + 0.0137) {
      const x = inverseNormalCdf(p);
      expect(Math.abs(normalCdf(x) - p) / Math.min(p, 1 - p)).toBeLessThan(1e-12);
    }
    expect(inverseNormalCdf(0.5)).toBe(0);
    expect(inverseNormalCdf(0)).toBe(-Infinity);
    expect(inverseNormalCdf(1)).toBe(Infinity);
    expect(inverseNormalCdf(1.5)).toBeNaN();
  });
});

describe("moments", () => {
  it("mean and sample variance (n - 1) by hand", () => {
    // [2, 4, 4, 4, 5, 5, 7, 9]: mean 5, squared deviations sum 32, sample variance 32 / 7.
    const xs = [2, 4, 4, 4, 5, 5, 7, 9];
    expect(mean(xs)).toBe(5);
    expect(sampleVariance(xs)).toBeCloseTo(32 / 7, 14);
    expect(sampleVariance([1])).toBeNaN();
  });

  it("population skewness and raw kurtosis by hand", () => {
    // [0, 0, 0, 4]: mean 1, deviations -1, -1, -1, 3.
    // m2 = (1 + 1 + 1 + 9) / 4 = 3; m3 = (-1 - 1 - 1 + 27) / 4 = 6; m4 = (1 + 1 + 1 + 81) / 4 = 21.
    // g3 = 6 / 3^1.5 = 1.1547005383792515, g4 = 21 / 9 = 2.3333.
    const m = populationMoments([0, 0, 0, 4]);
    expect(m.variance).toBe(3);
    expect(m.skewness).toBeCloseTo(6 / 3 ** 1.5, 14);
    expect(m.kurtosis).toBeCloseTo(21 / 9, 14);
    expect(populationMoments([2, 2, 2]).skewness).toBeNaN();
  });

  it("a large normal sample has skewness near 0 and raw kurtosis near 3", () => {
    const rng = mulberry32(11);
    const xs = Float64Array.from({ length: 200_000 }, () => gaussian(rng));
    const m = populationMoments(xs);
    // Standard errors are sqrt(6/n) = 0.0055 and sqrt(24/n) = 0.011: 5 of them.
    expect(Math.abs(m.skewness)).toBeLessThan(0.03);
    expect(Math.abs(m.kurtosis - 3)).toBeLessThan(0.06);
    expect(Math.abs(m.mean)).toBeLessThan(0.012);
    expect(Math.abs(m.variance - 1)).toBeLessThan(0.02);
  });

  it("sharpe is mean / sample sd, null with < 2 returns or no spread", () => {
    // [0.1, -0.05, 0.1]: mean 0.05; deviations 0.05, -0.1, 0.05; sample variance 0.015 / 2 = 0.0075.
    expect(sharpeRatio([0.1, -0.05, 0.1])).toBeCloseTo(0.05 / Math.sqrt(0.0075), 12);
    expect(sharpeRatio([0.1])).toBeNull();
    expect(sharpeRatio([0.02, 0.02, 0.02])).toBeNull();
  });
});

describe("percentileOfSorted", () => {
  it("interpolates linearly between order statistics", () => {
    const xs = [10, 20, 30, 40, 50];
    expect(percentileOfSorted(xs, 0.5)).toBe(30);
    expect(percentileOfSorted(xs, 0.05)).toBeCloseTo(12, 12); // position 0.2
    expect(percentileOfSorted(xs, 0.95)).toBeCloseTo(48, 12); // position 3.8
    expect(percentileOfSorted([7], 0.95)).toBe(7);
    expect(percentileOfSorted([], 0.5)).toBeNaN();
  });
});

describe("mulberry32", () => {
  it("is reproducible by seed and uniform enough", () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const xs = Array.from({ length: 10_000 }, () => a());
    expect(xs.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b()));
    expect(xs[0]).not.toBe(c());
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    // Ten equal bins of 1,000 expected each; chi-square with 9 df above 27.9 has probability 0.001.
    const bins = new Array<number>(10).fill(0);
    for (const x of xs) bins[Math.floor(x * 10)]!++;
    const chi2 = bins.reduce((s, n) => s + (n - 1000) ** 2 / 1000, 0);
    expect(chi2).toBeLessThan(27.9);
  });
});
