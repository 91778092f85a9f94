/**
 * Limited-memory BFGS with a backtracking Armijo line search: minimises a smooth convex objective
 * given a function that returns the value and writes the gradient.
 */
export type Objective = (w: Float64Array, grad: Float64Array) => number;

export interface LbfgsOptions {
  maxIterations?: number;
  memory?: number;
  /** Stop when the gradient's max-norm falls below this. */
  tolerance?: number;
}

export interface LbfgsResult {
  w: Float64Array;
  value: number;
  iterations: number;
  converged: boolean;
}

const dot = (a: Float64Array, b: Float64Array) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
};
const maxAbs = (a: Float64Array) => a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

export function minimizeLbfgs(f: Objective, start: Float64Array, options: LbfgsOptions = {}): LbfgsResult {
  const { maxIterations = 200, memory = 10, tolerance = 1e-6 } = options;
  const n = start.length;
  let w = start.slice();
  let grad = new Float64Array(n);
  let value = f(w, grad);
  const sList: Float64Array[] = [];
  const yList: Float64Array[] = [];
  const rho: number[] = [];
  const alpha = new Float64Array(memory);
  for (let iter = 0; iter < maxIterations; iter++) {
    if (maxAbs(grad) < tolerance) return { w, value, iterations: iter, converged: true };
    // Two-loop recursion: direction = -H * grad.
    const q = grad.slice();
    for (let i = sList.length - 1; i >= 0; i--) {
      alpha[i] = rho[i]! * dot(sList[i]!, q);
      for (let j = 0; j < n; j++) q[j]! -= alpha[i]! * yList[i]![j]!;
    }
    const last = sList.length - 1;
    const gamma = last >= 0 ? dot(sList[last]!, yList[last]!) / dot(yList[last]!, yList[last]!) : 1 / Math.max(1, maxAbs(grad));
    for (let j = 0; j < n; j++) q[j]! *= gamma;
    for (let i = 0; i < sList.length; i++) {
      const beta = rho[i]! * dot(yList[i]!, q);
      for (let j = 0; j < n; j++) q[j]! += sList[i]![j]! * (alpha[i]! - beta);
    }
    const direction = q.map((v) => -v);
    let slope = dot(direction, grad);
    if (slope >= 0) {
      // Not a descent direction (curvature information went stale): restart from steepest descent.
      sList.length = yList.length = rho.length = 0;
      for (let j = 0; j < n; j++) direction[j] = -grad[j]!;
      slope = dot(direction, grad);
    }
    let step = 1;
    const next = new Float64Array(n);
    const nextGrad = new Float64Array(n);
    let nextValue = Infinity;
    for (let tries = 0; tries < 40; tries++) {
      for (let j = 0; j < n; j++) next[j] = w[j]! + step * direction[j]!;
      nextValue = f(next, nextGrad);
      if (nextValue <= value + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(nextValue < value)) return { w, value, iterations: iter, converged: true };
    const s = next.map((v, j) => v - w[j]!);
    const y = nextGrad.map((v, j) => v - grad[j]!);
    const sy = dot(s, y);
    if (sy > 1e-12) {
      if (sList.length === memory) {
        sList.shift();
        yList.shift();
        rho.shift();
      }
      sList.push(s);
      yList.push(y);
      rho.push(1 / sy);
    }
    const improvement = value - nextValue;
    w = next;
    grad = nextGrad;
    value = nextValue;
    if (improvement < 1e-12 * Math.max(1, Math.abs(value))) return { w, value, iterations: iter + 1, converged: true };
  }
  return { w, value, iterations: maxIterations, converged: false };
}
