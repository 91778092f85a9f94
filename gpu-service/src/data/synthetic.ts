import type { Dataset } from "./matrix";
import { normal, rng } from "./random";

/**
 * A published, seeded benchmark problem: 40 standard-normal features, 10 of them informative through
 * linear terms, interactions, thresholds and curvature; the label is drawn from the true probability.
 * `bayesLogLoss` is the log loss of that true probability: no model can beat it on average.
 */
export function syntheticBinary(rows: number, seed: number, cols = 40): { data: Dataset; trueProbability: Float64Array } {
  const random = rng(seed);
  const x = new Float32Array(rows * cols);
  const y = new Int32Array(rows);
  const p = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    const v = (c: number) => x[r * cols + c]!;
    for (let c = 0; c < cols; c++) x[r * cols + c] = normal(random);
    // Two correlated pairs, so splits must pick between near-duplicates.
    x[r * cols + 10] = 0.8 * v(0) + 0.6 * x[r * cols + 10]!;
    x[r * cols + 11] = 0.7 * v(1) + 0.71 * x[r * cols + 11]!;
    const logit =
      0.3 + 0.9 * v(0) - 0.7 * v(1) + 0.6 * v(2) * v(3) + 0.8 * (v(4) > 0.5 ? 1 : 0) - 0.5 * v(5) * v(5) +
      0.6 * Math.sin(2 * v(6)) + 0.4 * Math.abs(v(7)) - 0.5 * (v(8) > 0 && v(9) > 0 ? 1 : 0) + 0.3 * v(9);
    p[r] = 1 / (1 + Math.exp(-logit));
    y[r] = random() < p[r]! ? 1 : 0;
  }
  return {
    data: { x: { rows, cols, data: x }, y, classes: 2, featureNames: Array.from({ length: cols }, (_, c) => `f${c}`) },
    trueProbability: p,
  };
}

export function bayesLogLoss(trueProbability: Float64Array, y: Int32Array): number {
  let sum = 0;
  for (let i = 0; i < y.length; i++) sum -= Math.log(y[i] === 1 ? trueProbability[i]! : 1 - trueProbability[i]!);
  return sum / y.length;
}
