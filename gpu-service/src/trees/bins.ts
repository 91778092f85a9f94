import type { Matrix } from "../data/matrix";
import { permutation, rng } from "../data/random";

/**
 * Quantile bins per feature. Thresholds are float32 values that occur in the data, and a value goes to
 * the first bin whose threshold it does not exceed; so "bin <= b" is exactly "x <= thresholds[b]",
 * the comparison ONNX Runtime makes in float32 (see STACK-NOTES).
 */
export interface Binning {
  thresholds: Float32Array[];
}

export function fitBinning(x: Matrix, maxBins = 255, sampleRows = 200_000, seed = 7): Binning {
  const sample = x.rows > sampleRows ? permutation(x.rows, rng(seed)).subarray(0, sampleRows) : null;
  const n = sample ? sample.length : x.rows;
  const column = new Float32Array(n);
  const thresholds: Float32Array[] = [];
  for (let c = 0; c < x.cols; c++) {
    for (let i = 0; i < n; i++) column[i] = x.data[(sample ? sample[i]! : i) * x.cols + c]!;
    column.sort();
    // Few distinct values (flags, counts): one bin each. Stop counting once there are too many.
    const distinct: number[] = [];
    for (let i = 0; i < n && distinct.length <= maxBins; i++) if (i === 0 || column[i] !== column[i - 1]) distinct.push(column[i]!);
    let cuts: number[];
    if (distinct.length <= maxBins) cuts = distinct.slice(0, -1);
    else {
      cuts = [];
      for (let j = 1; j < maxBins; j++) {
        const value = column[Math.min(n - 1, Math.floor((j * n) / maxBins))]!;
        // The maximum as a threshold would leave an empty last bin.
        if (value !== column[n - 1] && value !== cuts.at(-1)) cuts.push(value);
      }
    }
    thresholds.push(Float32Array.from(cuts));
  }
  return { thresholds };
}

export function binOf(thresholds: Float32Array, value: number): number {
  let lo = 0;
  let hi = thresholds.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (value <= thresholds[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Feature-major bin indices (feature f, row r at f * rows + r); `shared` is for histogram workers. */
export function applyBinning(x: Matrix, binning: Binning, shared = false): Uint8Array {
  const buffer = shared ? new SharedArrayBuffer(x.rows * x.cols) : new ArrayBuffer(x.rows * x.cols);
  const bins = new Uint8Array(buffer);
  for (let c = 0; c < x.cols; c++) {
    const t = binning.thresholds[c]!;
    for (let r = 0; r < x.rows; r++) bins[c * x.rows + r] = binOf(t, x.data[r * x.cols + c]!);
  }
  return bins;
}
