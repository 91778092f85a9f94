import { inverseNormalCdf, normalCdf, populationMoments, sampleVariance } from "./statistics";

/*
 * How much a swept result owes to the number of variants tried: the deflated Sharpe ratio of the best variant
 * (Bailey and Lopez de Prado 2014) and the probability of backtest overfitting by combinatorially symmetric
 * cross-validation (Bailey, Borwein, Lopez de Prado and Zhu 2016), exactly as issue 10 section 4 defines them.
 */

/** Euler-Mascheroni constant, to the digits the issue fixes. */
export const EULER_GAMMA = 0.5772156649;

/**
 * Expected maximum of N independent Sharpe estimates with variance V and true Sharpe 0:
 * SR0 = sqrt(V) * ((1 - c) * Phi^-1(1 - 1/N) + c * Phi^-1(1 - 1/(N e))). Needs N >= 2 (Phi^-1(0) is -inf).
 */
export function expectedMaxSharpe(variance: number, variants: number): number {
  const c = EULER_GAMMA;
  return (
    Math.sqrt(variance) *
    ((1 - c) * inverseNormalCdf(1 - 1 / variants) + c * inverseNormalCdf(1 - 1 / (variants * Math.E)))
  );
}

export interface DeflatedSharpeInputs {
  /** Sharpe ratio of the selected variant (per period, not annualised). */
  sharpe: number;
  /** Number of returns behind it (betting dates). */
  observations: number;
  /** Skewness g3 of its returns. */
  skewness: number;
  /** Raw kurtosis g4 of its returns (normal = 3). */
  kurtosis: number;
  /** The benchmark Sharpe SR0, usually `expectedMaxSharpe(V, N)`. */
  benchmark: number;
}

/**
 * The probabilistic Sharpe ratio against `benchmark`:
 * Phi((SR - SR0) * sqrt(T - 1) / sqrt(1 - g3 * SR + (g4 - 1) / 4 * SR^2)); with SR0 the expected maximum
 * Sharpe this is the deflated Sharpe ratio. Null when T < 3 or the root's argument is not positive.
 */
export function probabilisticSharpe(input: DeflatedSharpeInputs): number | null {
  const { sharpe: sr, observations: t, skewness: g3, kurtosis: g4, benchmark } = input;
  if (!(t >= 3)) return null;
  const root = 1 - g3 * sr + ((g4 - 1) / 4) * sr * sr;
  if (!(root > 0) || !Number.isFinite(benchmark)) return null;
  return normalCdf(((sr - benchmark) * Math.sqrt(t - 1)) / Math.sqrt(root));
}

export interface SweepVariant {
  /** The variant's Sharpe ratio by the definition (null with < 2 betting dates or sd 0). */
  sharpe: number | null;
  /**
   * Its daily returns (profit of the date / bankroll at its start) on the dates with at least one bet, the same
   * returns its Sharpe was computed from. Only the best variant's are read.
   */
  dailyReturns: ArrayLike<number>;
}

export interface DeflatedSharpeResult {
  dsr: number;
  /** Index of the best variant in the input. */
  best: number;
  sharpe: number;
  benchmark: number;
  variants: number;
  variance: number;
  observations: number;
  skewness: number;
  kurtosis: number;
}

/**
 * Deflated Sharpe ratio of the best of a sweep's variants, with the figures behind it (for the report's words).
 *
 * The input is the variants themselves rather than a list of Sharpes plus the best one's returns, so the
 * returns used for T, g3 and g4 always belong to the variant that was picked.
 * best = highest non-null sharpe, first in input order on ties; T = its number of betting dates; g3, g4 its
 * population skewness and raw kurtosis; V = sample variance of the non-null sharpes; N = number of variants
 * including those with a null sharpe (they were tried too). Null when N < 2, no sharpe is non-null, V is not
 * defined (fewer than 2 non-null sharpes), T < 3, the returns have no spread, or the root's argument is not
 * positive.
 */
export function deflatedSharpeDetails(variants: readonly SweepVariant[]): DeflatedSharpeResult | null {
  const n = variants.length;
  if (n < 2) return null;
  let best = -1;
  const sharpes: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = variants[i]!.sharpe;
    if (s === null || !Number.isFinite(s)) continue;
    sharpes.push(s);
    if (best < 0 || s > variants[best]!.sharpe!) best = i;
  }
  if (best < 0 || sharpes.length < 2) return null;
  const variance = sampleVariance(sharpes);
  const returns = variants[best]!.dailyReturns;
  const t = returns.length;
  if (t < 3) return null;
  const moments = populationMoments(returns);
  if (!(moments.variance > 0)) return null;
  const sharpe = variants[best]!.sharpe!;
  const benchmark = expectedMaxSharpe(variance, n);
  const dsr = probabilisticSharpe({
    sharpe,
    observations: t,
    skewness: moments.skewness,
    kurtosis: moments.kurtosis,
    benchmark,
  });
  if (dsr === null) return null;
  return {
    dsr,
    best,
    sharpe,
    benchmark,
    variants: n,
    variance,
    observations: t,
    skewness: moments.skewness,
    kurtosis: moments.kurtosis,
  };
}

/** The CLI's `deflatedSharpe`: the DSR of the best variant, or null (see `deflatedSharpeDetails`). */
export function deflatedSharpe(variants: readonly SweepVariant[]): number | null {
  return deflatedSharpeDetails(variants)?.dsr ?? null;
}

/**
 * Start index of each of `blocks` contiguous blocks over `length` dates in time order, plus `length` at the
 * end: sizes differ by at most one and, when the dates do not divide evenly, the first blocks get one more.
 */
export function blockBounds(length: number, blocks: number): number[] {
  const base = Math.floor(length / blocks);
  const extra = length % blocks;
  const bounds = [0];
  for (let b = 0; b < blocks; b++) bounds.push(bounds[b]! + base + (b < extra ? 1 : 0));
  return bounds;
}

/** Every choice of k of the indices 0..n-1, in lexicographic order ({0..k-1} first). */
export function combinations(n: number, k: number): number[][] {
  const out: number[][] = [];
  const pick: number[] = [];
  const rec = (start: number) => {
    if (pick.length === k) {
      out.push(pick.slice());
      return;
    }
    for (let i = start; i <= n - (k - pick.length); i++) {
      pick.push(i);
      rec(i + 1);
      pick.pop();
    }
  };
  rec(0);
  return out;
}

export interface PboResult {
  /** Share of the splits whose in-sample best ranks in the lower half out of sample (logit <= 0). */
  pbo: number;
  /** logit = ln(w / (1 - w)) of every split, in the order of `combinations(blocks, blocks / 2)`. */
  logits: Float64Array;
  /** Number of splits, C(blocks, blocks / 2). */
  splits: number;
}

/**
 * Sharpe over a set of dates from its sum, sum of squares and count: mean / sample sd, and 0 when the sd is 0.
 * The variance's numerator ss - s^2/n is taken as 0 below 1e-12 of ss: that is where cancellation error
 * lives for constant returns, and a set of all-zero returns (a variant that did not bet) gives exactly 0.
 */
function sharpeFromSums(s: number, ss: number, n: number): number {
  const num = ss - (s * s) / n;
  if (!(num > 1e-12 * ss)) return 0;
  return s / n / Math.sqrt(num / (n - 1));
}

/**
 * Probability of backtest overfitting by CSCV, as issue 10 defines it.
 *
 * `matrix[v]` holds variant v's daily returns over the same dates (every date of the data, 0 where it did not
 * bet). The dates are split into `blocks` contiguous blocks (`blockBounds`); for every choice of blocks/2
 * in-sample blocks (12,870 for 16), the variant with the best in-sample Sharpe (mean / sample sd, 0 when the
 * sd is 0, first in input order on ties) is ranked among all N by out-of-sample Sharpe (1 = lowest, average
 * ranks for ties), w = rank / (N + 1) and logit = ln(w / (1 - w)); pbo is the share of splits with logit <= 0.
 * Null with fewer than 2 variants or fewer dates than blocks (or fewer than 2 dates in a half).
 *
 * Speed: per-block sums and sums of squares are computed once per variant; the blocks are then cut into four
 * groups of four and the sums of all 16 subsets of each group are tabulated, so a half's sums are 4 look-ups
 * per variant and a split costs O(N) instead of O(N x dates). Subset sums add blocks in a fixed order, so equal
 * variants stay exactly equal (ties are honest) and an all-zero half sums to exactly 0.
 */
export function probabilityOfBacktestOverfitting(matrix: readonly ArrayLike<number>[], blocks = 16): PboResult | null {
  const nv = matrix.length;
  if (!Number.isInteger(blocks) || blocks < 2 || blocks % 2 !== 0)
    throw new RangeError("blocks must be an even integer >= 2");
  if (nv < 2) return null;
  const dates = matrix[0]!.length;
  for (const row of matrix)
    if (row.length !== dates) throw new RangeError("every variant needs a return for every date");
  if (dates < blocks) return null;

  const bounds = blockBounds(dates, blocks);
  const half = blocks / 2;
  const sizes = Array.from({ length: blocks }, (_, b) => bounds[b + 1]! - bounds[b]!);

  // Per variant, per block: sum and sum of squares.
  const bSum = new Float64Array(blocks * nv);
  const bSq = new Float64Array(blocks * nv);
  for (let v = 0; v < nv; v++) {
    const row = matrix[v]!;
    for (let b = 0; b < blocks; b++) {
      let s = 0;
      let q = 0;
      for (let i = bounds[b]!; i < bounds[b + 1]!; i++) {
        const r = row[i]!;
        s += r;
        q += r * r;
      }
      bSum[b * nv + v] = s;
      bSq[b * nv + v] = q;
    }
  }

  // Groups of up to 4 consecutive blocks; subset sums laid out [group][mask][variant] for contiguous reads.
  const GROUP = 4;
  const groups = Math.ceil(blocks / GROUP);
  const masks = 1 << GROUP;
  const gSum = new Float64Array(groups * masks * nv);
  const gSq = new Float64Array(groups * masks * nv);
  for (let g = 0; g < groups; g++) {
    for (let m = 0; m < masks; m++) {
      const base = (g * masks + m) * nv;
      for (let j = 0; j < GROUP; j++) {
        const b = g * GROUP + j;
        if (!(m & (1 << j)) || b >= blocks) continue;
        for (let v = 0; v < nv; v++) {
          gSum[base + v] = gSum[base + v]! + bSum[b * nv + v]!;
          gSq[base + v] = gSq[base + v]! + bSq[b * nv + v]!;
        }
      }
    }
  }

  const splits = combinations(blocks, half);
  const logits = new Float64Array(splits.length);
  const isOffsets = new Int32Array(groups);
  const oosOffsets = new Int32Array(groups);
  let overfit = 0;
  for (let k = 0; k < splits.length; k++) {
    const chosen = splits[k]!;
    const inSample = new Uint8Array(blocks);
    for (const b of chosen) inSample[b] = 1;
    let nIs = 0;
    let nOos = 0;
    for (let b = 0; b < blocks; b++) {
      if (inSample[b]) nIs += sizes[b]!;
      else nOos += sizes[b]!;
    }
    if (nIs < 2 || nOos < 2) return null;
    for (let g = 0; g < groups; g++) {
      let m = 0;
      let all = 0;
      for (let j = 0; j < GROUP && g * GROUP + j < blocks; j++) {
        all |= 1 << j;
        if (inSample[g * GROUP + j]) m |= 1 << j;
      }
      isOffsets[g] = (g * masks + m) * nv;
      oosOffsets[g] = (g * masks + (all & ~m)) * nv;
    }

    // In-sample best.
    let best = 0;
    let bestSharpe = -Infinity;
    for (let v = 0; v < nv; v++) {
      let s = 0;
      let q = 0;
      for (let g = 0; g < groups; g++) {
        s += gSum[isOffsets[g]! + v]!;
        q += gSq[isOffsets[g]! + v]!;
      }
      const sr = sharpeFromSums(s, q, nIs);
      if (sr > bestSharpe) {
        bestSharpe = sr;
        best = v;
      }
    }

    // Its out-of-sample rank among all variants.
    const oos = (v: number) => {
      let s = 0;
      let q = 0;
      for (let g = 0; g < groups; g++) {
        s += gSum[oosOffsets[g]! + v]!;
        q += gSq[oosOffsets[g]! + v]!;
      }
      return sharpeFromSums(s, q, nOos);
    };
    const target = oos(best);
    let below = 0;
    let equal = 0;
    for (let v = 0; v < nv; v++) {
      const sr = oos(v);
      if (sr < target) below++;
      else if (sr === target) equal++;
    }
    const rank = below + (equal + 1) / 2;
    const w = rank / (nv + 1);
    const logit = Math.log(w / (1 - w));
    logits[k] = logit;
    // w <= 1/2 is the exact form of logit <= 0 (the log of a ratio could round a true 0 either way).
    if (2 * rank <= nv + 1) overfit++;
  }
  return { pbo: overfit / splits.length, logits, splits: splits.length };
}
