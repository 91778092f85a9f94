/*
 * Numerical building blocks for the backtest statistics (deflated Sharpe, PBO, Monte Carlo, report metrics).
 * Pure and dependency-free so the same code runs in the browser, the server and worker threads.
 */

const SQRT2 = Math.SQRT2;
const SQRT_PI = Math.sqrt(Math.PI);
const SQRT_2PI = Math.sqrt(2 * Math.PI);

/**
 * erf(x) for 0 <= x <= 2.5 by the everywhere-convergent series
 * erf(x) = 2x/sqrt(pi) * exp(-x^2) * sum_n (2x^2)^n / (1 * 3 * ... * (2n + 1)).
 * Every term is positive, so there is no cancellation: the sum is good to a few ulps.
 */
function erfSeries(x: number): number {
  const x2 = x * x;
  let term = 1;
  let sum = 1;
  for (let n = 1; n < 500; n++) {
    term *= (2 * x2) / (2 * n + 1);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return ((2 * x) / SQRT_PI) * Math.exp(-x2) * sum;
}

/**
 * erfc(x) for x > 2.5 by its continued fraction
 * erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...))))),
 * evaluated with the modified Lentz method. It keeps full *relative* accuracy far into the tail, which the
 * inverse's Halley step needs when p is tiny (1 / (N e) for large N).
 */
function erfcContinuedFraction(x: number): number {
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 5000; n++) {
    const a = n / 2;
    d = x + a * d;
    d = d === 0 ? tiny : d;
    c = x + a / c;
    c = c === 0 ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / SQRT_PI / f;
}

/** Complementary error function, relative error around 1e-15 for x >= 0 (absolute for x < 0). */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x <= 2.5) return 1 - erfSeries(x);
  if (x > 27.3) return 0; // exp(-x^2) underflows
  return erfcContinuedFraction(x);
}

/** Standard normal distribution function Phi(z), accurate to about 1e-15 (and relatively so in the lower tail). */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return NaN;
  if (z === Infinity) return 1;
  if (z === -Infinity) return 0;
  return 0.5 * erfc(-z / SQRT2);
}

/** Standard normal density. */
export function normalPdf(z: number): number {
  return Math.exp(-0.5 * z * z) / SQRT_2PI;
}

// Peter J. Acklam's rational approximation of the normal quantile (relative error below 1.15e-9).
const A = [
  -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1,
  2.506628277459239,
];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [
  -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;

function acklamLower(p: number): number {
  // p <= 0.5 here.
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((C[0]! * q + C[1]!) * q + C[2]!) * q + C[3]!) * q + C[4]!) * q + C[5]!) /
      ((((D[0]! * q + D[1]!) * q + D[2]!) * q + D[3]!) * q + 1)
    );
  }
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((A[0]! * r + A[1]!) * r + A[2]!) * r + A[3]!) * r + A[4]!) * r + A[5]!) * q) /
    (((((B[0]! * r + B[1]!) * r + B[2]!) * r + B[3]!) * r + B[4]!) * r + 1)
  );
}

/**
 * Normal quantile Phi^-1(p): Acklam's approximation refined by one Halley step on Phi(x) - p, which takes
 * its ~1e-9 relative error to near machine precision. The upper half is mapped to the lower one by symmetry
 * (1 - p is exact for p >= 0.5), so the Halley step always works where Phi has full relative accuracy.
 */
export function inverseNormalCdf(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p > 0.5) return -inverseNormalCdf(1 - p);
  const x = acklamLower(p);
  const e = normalCdf(x) - p;
  const u = e * SQRT_2PI * Math.exp(0.5 * x * x);
  return x - u / (1 + 0.5 * x * u);
}

/** Arithmetic mean; NaN for an empty list. */
export function mean(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return NaN;
  let s = 0;
  for (let i = 0; i < n; i++) s += values[i]!;
  return s / n;
}

/** Sample variance with the n - 1 denominator (two-pass, so no cancellation); NaN with fewer than 2 values. */
export function sampleVariance(values: ArrayLike<number>): number {
  const n = values.length;
  if (n < 2) return NaN;
  const m = mean(values);
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i]! - m;
    ss += d * d;
  }
  return ss / (n - 1);
}

export interface PopulationMoments {
  mean: number;
  /** Population variance m2 (denominator n). */
  variance: number;
  /** g3 = m3 / m2^1.5. */
  skewness: number;
  /** Raw (non-excess) kurtosis g4 = m4 / m2^2: 3 for a normal distribution. */
  kurtosis: number;
}

/**
 * Mean, population variance, skewness g3 and raw kurtosis g4 from the population central moments
 * m_k = (1/n) sum (x - mean)^k. Skewness and kurtosis are NaN when the variance is 0; everything is NaN for
 * an empty list.
 */
export function populationMoments(values: ArrayLike<number>): PopulationMoments {
  const n = values.length;
  const m = mean(values);
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i]! - m;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  m2 /= n;
  m3 /= n;
  m4 /= n;
  const ok = m2 > 0;
  return { mean: m, variance: m2, skewness: ok ? m3 / m2 ** 1.5 : NaN, kurtosis: ok ? m4 / (m2 * m2) : NaN };
}

/**
 * The Sharpe ratio: mean / sample standard deviation (n - 1) of the returns, not annualised; null with
 * fewer than 2 returns or a standard deviation of 0.
 */
export function sharpeRatio(returns: ArrayLike<number>): number | null {
  if (returns.length < 2) return null;
  const sd = Math.sqrt(sampleVariance(returns));
  if (!(sd > 0)) return null;
  return mean(returns) / sd;
}

/**
 * Percentile by linear interpolation between closest ranks (the "type 7" of Hyndman and Fan, numpy's and R's
 * default): position (n - 1) * q in the ascending order. `sorted` must be sorted ascending. NaN when empty.
 */
export function percentileOfSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const pos = (n - 1) * Math.min(1, Math.max(0, q));
  const lo = Math.floor(pos);
  const hi = Math.min(n - 1, lo + 1);
  const frac = pos - lo;
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * frac;
}

/** A seeded source of uniform numbers in [0, 1). */
export type Rng = () => number;

/**
 * mulberry32 (Tommy Ettinger): a 32-bit-state generator, fast and good enough for shuffles and simulated
 * noise; the same seed always gives the same stream, so Monte Carlo results are reproducible.
 */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal draw by the Box-Muller transform (one of the pair; simple over fast). */
export function gaussian(rng: Rng): number {
  const u1 = 1 - rng(); // (0, 1]: log(0) never happens
  const u2 = rng();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}
