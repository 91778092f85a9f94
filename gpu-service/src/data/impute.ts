import type { Matrix } from "./matrix";

/** Column medians ignoring NaN (0 for a column with no values): what blanks are replaced with. */
export function columnMedians(x: Matrix): Float32Array {
  const medians = new Float32Array(x.cols);
  const column = new Float32Array(x.rows);
  for (let c = 0; c < x.cols; c++) {
    let n = 0;
    for (let r = 0; r < x.rows; r++) {
      const v = x.data[r * x.cols + c]!;
      if (!Number.isNaN(v)) column[n++] = v;
    }
    if (n > 0) medians[c] = select(column, n, Math.floor((n - 1) / 2));
  }
  return medians;
}

/** The k-th smallest of a[0..n) (Hoare's quickselect; reorders a). */
function select(a: Float32Array, n: number, k: number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i++] = a[j]!;
        a[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k]!;
  }
  return a[k]!;
}

/** x with NaN replaced by the given per-column values (trees and ORT both need NaN gone); x itself when it has none. */
export function impute(x: Matrix, values: Float32Array): Matrix {
  if (!x.data.some(Number.isNaN)) return x;
  const data = x.data.slice();
  for (let i = 0; i < data.length; i++) if (Number.isNaN(data[i]!)) data[i] = values[i % x.cols]!;
  return { rows: x.rows, cols: x.cols, data };
}

export interface Standardizer {
  mean: Float64Array;
  scale: Float64Array;
}

export function fitStandardizer(x: Matrix): Standardizer {
  const mean = new Float64Array(x.cols);
  const scale = new Float64Array(x.cols);
  for (let r = 0; r < x.rows; r++) for (let c = 0; c < x.cols; c++) mean[c]! += x.data[r * x.cols + c]!;
  for (let c = 0; c < x.cols; c++) mean[c]! /= x.rows;
  for (let r = 0; r < x.rows; r++) {
    for (let c = 0; c < x.cols; c++) {
      const d = x.data[r * x.cols + c]! - mean[c]!;
      scale[c]! += d * d;
    }
  }
  // A constant column keeps scale 1 so it contributes nothing instead of dividing by zero.
  for (let c = 0; c < x.cols; c++) scale[c] = Math.sqrt(scale[c]! / x.rows) || 1;
  return { mean, scale };
}

export function standardize(x: Matrix, s: Standardizer): Float64Array {
  const out = new Float64Array(x.rows * x.cols);
  for (let r = 0; r < x.rows; r++) {
    for (let c = 0; c < x.cols; c++) out[r * x.cols + c] = (x.data[r * x.cols + c]! - s.mean[c]!) / s.scale[c]!;
  }
  return out;
}
