import { describe, expect, it } from "vitest";
import {
  blockBounds,
  combinations,
  deflatedSharpe,
  deflatedSharpeDetails,
  expectedMaxSharpe,
  probabilisticSharpe,
  probabilityOfBacktestOverfitting,
} from "@/server/domain/backtest/overfitting";
import { gaussian, mulberry32, sharpeRatio } from "@/server/domain/backtest/statistics";

describe("deflated Sharpe ratio: Bailey and Lopez de Prado (2014), numerical example", () => {
  // The paper's example: N = 100 trials whose annualised Sharpes have variance 1/2; the selected strategy's
  // annualised Sharpe is 2.5 over 5 years of daily returns (T = 1250, 250 a year), skewness -3, kurtosis 10.
  // Non-annualised: SR = 2.5 / sqrt(250) = 0.1581, V = 0.5 / 250. The paper finds SR0 = 0.1132 and DSR = 0.9004.
  const sr = 2.5 / Math.sqrt(250);
  const sr0 = expectedMaxSharpe(0.5 / 250, 100);

  it("reproduces the paper's SR0 and DSR to its digits", () => {
    expect(sr0.toFixed(4)).toBe("0.1132");
    const dsr = probabilisticSharpe({ sharpe: sr, observations: 1250, skewness: -3, kurtosis: 10, benchmark: sr0 });
    expect(dsr!.toFixed(4)).toBe("0.9004");
  });

  it("matches a 30-digit mpmath evaluation of the same formula", () => {
    expect(Math.abs(sr0 - 0.113172001865107771)).toBeLessThan(1e-14);
    const dsr = probabilisticSharpe({ sharpe: sr, observations: 1250, skewness: -3, kurtosis: 10, benchmark: sr0 })!;
    expect(Math.abs(dsr - 0.900396834449512221)).toBeLessThan(1e-12);
  });

  it("is null when the root's argument is not positive or T < 3", () => {
    // 1 - 3 * 0.5 + (3 - 1) / 4 * 0.25 = -0.375
    expect(probabilisticSharpe({ sharpe: 0.5, observations: 100, skewness: 3, kurtosis: 3, benchmark: 0 })).toBeNull();
    expect(probabilisticSharpe({ sharpe: 0.5, observations: 2, skewness: 0, kurtosis: 3, benchmark: 0 })).toBeNull();
  });
});

describe("deflatedSharpe over a sweep's variants", () => {
  // Best = C (sharpe 0.5, first of the tie with D). Its returns [0, 0, 0, 4]: mean 1, sample sd 2 (sharpe 0.5),
  // population m2 = 3, m3 = 6, m4 = 21, so g3 = 6 / 3^1.5 = 1.1547, g4 = 21 / 9. T = 4.
  // V = sample variance of [0.1, 0.5, 0.5] = 0.05333 (B's null sharpe is left out of V but counts in N = 4).
  // mpmath: SR0 = sqrt(V) * (0.4228 * Phi^-1(3/4) + 0.5772 * Phi^-1(1 - 1/(4e))) = 0.242977358306265,
  // DSR = Phi((0.5 - SR0) * sqrt(3) / sqrt(1 - g3 * 0.5 + (g4 - 1) / 4 * 0.25)) = 0.734290385932806.
  const variants = [
    { sharpe: 0.1, dailyReturns: [0.01, -0.02, 0.03] },
    { sharpe: null, dailyReturns: [0.01] },
    { sharpe: 0.5, dailyReturns: [0, 0, 0, 4] },
    { sharpe: 0.5, dailyReturns: [1, 2, 3] },
  ];

  it("picks the first best, uses N with nulls and V without them", () => {
    expect(sharpeRatio(variants[2]!.dailyReturns)).toBe(0.5);
    const d = deflatedSharpeDetails(variants)!;
    expect(d.best).toBe(2);
    expect(d.variants).toBe(4);
    expect(d.observations).toBe(4);
    expect(d.variance).toBeCloseTo(0.16 / 3, 14);
    expect(Math.abs(d.benchmark - 0.242977358306265)).toBeLessThan(1e-13);
    expect(Math.abs(d.dsr - 0.734290385932806)).toBeLessThan(1e-12);
    expect(deflatedSharpe(variants)).toBe(d.dsr);
  });

  it("falls as more variants are tried, other things equal", () => {
    // Variants with a null sharpe raise N without moving V or the best: the benchmark rises, the DSR falls.
    const more = [...variants, ...Array.from({ length: 20 }, () => ({ sharpe: null, dailyReturns: [] }))];
    expect(deflatedSharpe(more)!).toBeLessThan(deflatedSharpe(variants)!);
  });

  it("is null for one variant, one usable sharpe, T < 3 or no spread in the returns", () => {
    expect(deflatedSharpe([variants[2]!])).toBeNull();
    expect(deflatedSharpe([variants[2]!, variants[1]!])).toBeNull();
    expect(deflatedSharpe([{ sharpe: 2, dailyReturns: [1, 2] }, variants[0]!])).toBeNull();
    expect(deflatedSharpe([{ sharpe: 2, dailyReturns: [1, 1, 1] }, variants[0]!])).toBeNull();
    expect(deflatedSharpe([])).toBeNull();
  });
});

/**
 * A plain CSCV written straight from the words, date by date, with its own block split and two-pass
 * Sharpes: the fast version (block-sum tables) must agree with it.
 */
function referencePbo(matrix: number[][], blocks: number): { pbo: number; logits: number[] } {
  const n = matrix.length;
  const dates = matrix[0]!.length;
  const blockOf: number[] = [];
  const sizes: number[] = [];
  for (let b = 0; b < blocks; b++) sizes.push(Math.floor(dates / blocks) + (b < dates % blocks ? 1 : 0));
  sizes.forEach((size, b) => {
    for (let i = 0; i < size; i++) blockOf.push(b);
  });
  const sharpe = (xs: number[]) => {
    const m = xs.reduce((a, b) => a + b, 0) / xs.length;
    const v = xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1);
    return v > 0 ? m / Math.sqrt(v) : 0;
  };
  const logits: number[] = [];
  for (let mask = 0; mask < 1 << blocks; mask++) {
    let bits = 0;
    for (let b = 0; b < blocks; b++) bits += (mask >> b) & 1;
    if (bits !== blocks / 2) continue;
    const is = matrix.map((row) => sharpe(row.filter((_, i) => (mask >> blockOf[i]!) & 1)));
    const oos = matrix.map((row) => sharpe(row.filter((_, i) => !((mask >> blockOf[i]!) & 1))));
    let best = 0;
    for (let v = 1; v < n; v++) if (is[v]! > is[best]!) best = v;
    const lower = oos.filter((x) => x < oos[best]!).length;
    const equal = oos.filter((x) => x === oos[best]!).length;
    const w = (lower + (equal + 1) / 2) / (n + 1);
    logits.push(Math.log(w / (1 - w)));
  }
  return { pbo: logits.filter((l) => l <= 0).length / logits.length, logits };
}

describe("probability of backtest overfitting (CSCV)", () => {
  it("a hand-computed 4-block, 2-variant case, including ties in and out of sample", () => {
    // A's returns, two dates a block; B never bets (all 0, Sharpe 0 everywhere). Block sums of A:
    // b0 = 0.375, b1 = 0.25, b2 = -0.25, b3 = -0.125 (dyadic, so sums are exact). Only the sign of A's
    // Sharpe matters against B's 0. With N = 2, w = rank / 3.
    //   IS {0,1}: +0.625 -> A best; OOS {2,3} -0.375 < 0 -> A rank 1, logit ln(1/2)  (counted)
    //   IS {0,2}: +0.125 -> A;      OOS {1,3} +0.125     -> rank 2, ln 2
    //   IS {0,3}: +0.25  -> A;      OOS {1,2}  0 = B's 0 -> rank 1.5, logit 0          (counted)
    //   IS {1,2}:  0 tie -> A (first in input order); OOS {0,3} +0.25 -> rank 2, ln 2
    //   IS {1,3}: +0.125 -> A;      OOS {0,2} +0.125     -> rank 2, ln 2
    //   IS {2,3}: -0.375 -> B best; OOS {0,1} A +0.625 > 0 -> B rank 1, ln(1/2)    (counted)
    // PBO = 3 / 6.
    const a = [0.25, 0.125, 0.0625, 0.1875, -0.125, -0.125, -0.25, 0.125];
    const b = new Array<number>(8).fill(0);
    const r = probabilityOfBacktestOverfitting([a, b], 4)!;
    expect(r.splits).toBe(6);
    expect(r.pbo).toBe(0.5);
    const ln2 = Math.log(2);
    const expected = [-ln2, ln2, 0, ln2, ln2, -ln2];
    expect(r.logits.length).toBe(6);
    r.logits.forEach((l, i) => expect(l).toBeCloseTo(expected[i]!, 14));

    // B first: the in-sample tie of IS {1,2} now goes to B, which ranks below A out of sample: 4 / 6.
    const swapped = probabilityOfBacktestOverfitting([b, a], 4)!;
    expect(swapped.pbo).toBeCloseTo(4 / 6, 15);
    expect(swapped.logits[3]).toBeCloseTo(-ln2, 15);
  });

  it("splits dates into contiguous blocks, the first ones a date longer", () => {
    // 35 = 16 * 2 + 3: blocks 0-2 have 3 dates, the other 13 have 2.
    const bounds = blockBounds(35, 16);
    const sizes = bounds.slice(1).map((end, b) => end - bounds[b]!);
    expect(sizes).toEqual([3, 3, 3, ...new Array<number>(13).fill(2)]);
    expect(bounds.at(-1)).toBe(35);
    expect(blockBounds(32, 16).slice(0, 4)).toEqual([0, 2, 4, 6]);

    // And PBO uses that split. 5 dates in 4 blocks are [d0 d1] [d2] [d3] [d4]; A = [3, -2, -2, -2, -2], B never
    // bets (Sharpe 0). A constant half has sd 0, so Sharpe 0: a tie with B.
    //   IS with block 0 (3 splits): A's [3, -2, -2] has mean -1/3 < 0 -> B best; OOS [-2, -2] Sharpe 0 ties A,
    //     rank 1.5, logit 0 (counted).
    //   IS without block 0 (3 splits): A's [-2, -2] Sharpe 0 ties B -> A (first); OOS [3, -2, -2] < 0 -> rank 1
    //     (counted).
    // PBO = 6/6. With the last block the longer one instead ([d0] [d1] [d2] [d3 d4]) the IS {1,3} and {2,3}
    // splits pick A on a Sharpe-0 tie and see its OOS [3, -2] positive: 4/6. Reversing the dates in time
    // turns the right split into that wrong one, so the two must differ.
    const a = [3, -2, -2, -2, -2];
    const b = [0, 0, 0, 0, 0];
    expect(probabilityOfBacktestOverfitting([a, b], 4)!.pbo).toBe(1);
    expect(probabilityOfBacktestOverfitting([a.slice().reverse(), b], 4)!.pbo).toBeCloseTo(4 / 6, 15);
  });

  it("agrees with a plain date-by-date CSCV on random sparse matrices with ties", () => {
    for (const [seed, variants, dates] of [
      [1, 6, 37],
      [2, 9, 45],
      [3, 4, 16],
    ] as const) {
      const rng = mulberry32(seed);
      // Mostly no bet (0), as in a real sweep; one duplicated variant (exact ties) and one that never bets.
      const m: number[][] = Array.from({ length: variants - 2 }, () =>
        Array.from({ length: dates }, () => (rng() < 0.4 ? 0.02 * gaussian(rng) : 0)),
      );
      m.push(m[1]!.slice());
      m.push(new Array<number>(dates).fill(0));
      const fast = probabilityOfBacktestOverfitting(m)!;
      const ref = referencePbo(m, 16);
      expect(fast.splits).toBe(12_870);
      expect(fast.pbo).toBe(ref.pbo);
      const sortedFast = Array.from(fast.logits).sort((x, y) => x - y);
      const sortedRef = ref.logits.slice().sort((x, y) => x - y);
      sortedFast.forEach((l, i) => expect(l).toBeCloseTo(sortedRef[i]!, 12));
    }
  }, 60_000); // the plain reference is slow on purpose

  it("is about 0.5 when every variant is noise from the same distribution", () => {
    // With N even and no skill, the in-sample winner's out-of-sample rank is uniform on 1..N, so logit <= 0
    // (rank <= N/2) has probability exactly 1/2. One matrix's PBO varies a lot (splits share data), so average
    // 40 seeded matrices: the spread of one is about 0.18, of the mean about 0.03.
    let sum = 0;
    const seeds = 40;
    for (let seed = 1; seed <= seeds; seed++) {
      const rng = mulberry32(seed);
      const m = Array.from({ length: 10 }, () => Float64Array.from({ length: 160 }, () => gaussian(rng)));
      sum += probabilityOfBacktestOverfitting(m)!.pbo;
    }
    expect(Math.abs(sum / seeds - 0.5)).toBeLessThan(0.1);
  }, 30_000);

  it("is 0 when one variant is better in every block", () => {
    // Variant 3 earns 0.05 +- 0.01 a date: its Sharpe (~5) beats noise variants' (~0 +- 0.1) in every half, so
    // it is the in-sample best and the top out of sample in every split: rank N, logit ln(N).
    const rng = mulberry32(5);
    const m = Array.from({ length: 8 }, (_, v) =>
      Float64Array.from({ length: 200 }, () => (v === 3 ? 0.05 + 0.01 * gaussian(rng) : gaussian(rng))),
    );
    const r = probabilityOfBacktestOverfitting(m)!;
    expect(r.pbo).toBe(0);
    for (const l of r.logits) expect(l).toBeCloseTo(Math.log(8), 12);
  });

  it("needs two variants, as many dates as blocks and an even block count", () => {
    expect(probabilityOfBacktestOverfitting([[1, 2, 3, 4]], 4)).toBeNull();
    expect(
      probabilityOfBacktestOverfitting(
        [
          [1, 2, 3],
          [3, 2, 1],
        ],
        4,
      ),
    ).toBeNull();
    expect(() => probabilityOfBacktestOverfitting([[1], [2]], 3)).toThrow(RangeError);
    expect(() => probabilityOfBacktestOverfitting([[1, 2, 3, 4], [1]], 4)).toThrow(RangeError);
  });

  it("enumerates C(16, 8) = 12,870 splits in lexicographic order", () => {
    const all = combinations(16, 8);
    expect(all.length).toBe(12_870);
    expect(all[0]).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(all.at(-1)).toEqual([8, 9, 10, 11, 12, 13, 14, 15]);
    expect(new Set(all.map((c) => c.join())).size).toBe(12_870);
  });
});
