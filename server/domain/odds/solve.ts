/**
 * Bisection for a continuous function that changes sign on [lo, hi]. Slow but unconditionally convergent,
 * which matters more than speed for margin removal (a few dozen iterations on a handful of outcomes).
 */
export function bisect(f: (x: number) => number, lo: number, hi: number, tolerance = 1e-15, maxIterations = 200): number {
  let fLo = f(lo);
  if (fLo === 0) return lo;
  if (Math.sign(fLo) === Math.sign(f(hi))) throw new RangeError(`no root between ${lo} and ${hi}`);
  for (let i = 0; i < maxIterations && hi - lo > tolerance; i++) {
    const mid = (lo + hi) / 2;
    const fMid = f(mid);
    if (fMid === 0) return mid;
    if (Math.sign(fMid) === Math.sign(fLo)) {
      lo = mid;
      fLo = fMid;
    } else {
      hi = mid;
    }
  }
  return (lo + hi) / 2;
}
