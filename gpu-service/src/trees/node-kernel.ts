/**
 * The per-node work of tree growth (histograms, histogram subtraction, best split), kept as JavaScript
 * source so the main thread and the worker threads run the same code: workers start from source with
 * eval, which works under tsx, Vitest and Next alike. Each thread handles a range of the node's features
 * and writes only their histogram slots, so nothing is merged but the best split.
 *
 * Bins are feature-major (column f at f * rows). A histogram holds (sum of gradients, sum of hessians)
 * per bin, 256 bins per feature; row counts are estimated from hessians, as LightGBM does. Every call of
 * the factory compiles a fresh copy: a kernel shared across runs, or inlined into a long wait loop,
 * measured up to 3x slower in V8.
 */
export const NODE_KERNEL_SOURCE = `function makeNodeStep(s) {
  const { bins, rows, rowIndex, grad, hess, features, hist, slotSize, binCounts, params } = s;
  const og = new Float64Array(rows);
  const oh = new Float64Array(rows);

  // Hot loops take their arrays as parameters: V8 compiles them several times faster than loops over
  // arrays captured from the closure (measured on this kernel).
  function gather(rowIndex, grad, hess, og, oh, start, end) {
    for (let i = start; i < end; i++) {
      og[i] = grad[rowIndex[i]];
      oh[i] = hess[rowIndex[i]];
    }
  }

  // Four features per pass over the node's rows: the row index and gradients are read once for four
  // histograms, and the four updates of a row are independent, so a run of rows in the same bin (common
  // once a node is narrowed on a feature) does not stall on its own stores. Measured 2x one at a time.
  function build(bins, rows, rowIndex, og, oh, features, hist, start, end, fromJ, toJ, offset) {
    let j = fromJ;
    for (; j + 3 < toJ; j += 4) {
      const c0 = features[j] * rows;
      const c1 = features[j + 1] * rows;
      const c2 = features[j + 2] * rows;
      const c3 = features[j + 3] * rows;
      const o0 = offset + (features[j] << 9);
      const o1 = offset + (features[j + 1] << 9);
      const o2 = offset + (features[j + 2] << 9);
      const o3 = offset + (features[j + 3] << 9);
      hist.fill(0, o0, o0 + 512);
      hist.fill(0, o1, o1 + 512);
      hist.fill(0, o2, o2 + 512);
      hist.fill(0, o3, o3 + 512);
      for (let i = start; i < end; i++) {
        const r = rowIndex[i];
        const g = og[i];
        const h = oh[i];
        const a0 = o0 + (bins[c0 + r] << 1);
        const a1 = o1 + (bins[c1 + r] << 1);
        const a2 = o2 + (bins[c2 + r] << 1);
        const a3 = o3 + (bins[c3 + r] << 1);
        hist[a0] += g;
        hist[a0 + 1] += h;
        hist[a1] += g;
        hist[a1 + 1] += h;
        hist[a2] += g;
        hist[a2 + 1] += h;
        hist[a3] += g;
        hist[a3 + 1] += h;
      }
    }
    for (; j < toJ; j++) {
      const column = features[j] * rows;
      const o = offset + (features[j] << 9);
      hist.fill(0, o, o + 512);
      for (let i = start; i < end; i++) {
        const at = o + (bins[column + rowIndex[i]] << 1);
        hist[at] += og[i];
        hist[at + 1] += oh[i];
      }
    }
  }

  function subtract(hist, features, largeOffset, smallOffset, fromJ, toJ) {
    for (let j = fromJ; j < toJ; j++) {
      const f = features[j] << 9;
      for (let k = 0; k < 512; k++) hist[largeOffset + f + k] -= hist[smallOffset + f + k];
    }
  }

  function best(hist, features, binCounts, params, offset, fromJ, toJ, n, g, h, out, at) {
    const minData = params[0];
    const minHess = params[1];
    const lambda = params[2];
    const parentScore = (g * g) / (h + lambda);
    const perHessian = n / h;
    let bestGain = 1e-12;
    let bestFeature = -1;
    let bestBin = 0;
    let bestG = 0;
    let bestH = 0;
    for (let j = fromJ; j < toJ; j++) {
      const f = features[j];
      const last = binCounts[f];
      let p = offset + (f << 9);
      let gl = 0;
      let hl = 0;
      for (let b = 0; b < last; b++, p += 2) {
        // An empty bin moves nothing from right to left: same split as the bin before it.
        if (hist[p + 1] === 0) continue;
        gl += hist[p];
        hl += hist[p + 1];
        const cl = (hl * perHessian + 0.5) | 0;
        if (cl < minData || hl < minHess) continue;
        if (n - cl < minData) break;
        const hr = h - hl;
        if (hr < minHess) continue;
        const gr = g - gl;
        const gain = (gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda) - parentScore;
        if (gain > bestGain) {
          bestGain = gain;
          bestFeature = f;
          bestBin = b;
          bestG = gl;
          bestH = hl;
        }
      }
    }
    out[at] = bestFeature < 0 ? -1 : bestGain;
    out[at + 1] = bestFeature;
    out[at + 2] = bestBin;
    out[at + 3] = bestG;
    out[at + 4] = bestH;
  }

  // control: [seq, op, start, end, fromJ, toJ, slotA, slotB, splitA, splitB, done]
  // numbers: [nA, gA, hA, nB, gB, hB]; out: best split of A at 0, of B at 5.
  // op 1: build A over [start, end) and find its best split. op 2: build A (the smaller child) over
  // [start, end), B (the larger) = B - A, and find both best splits.
  return (control, numbers, out) => {
    const fromJ = control[4];
    const toJ = control[5];
    const a = control[6] * slotSize;
    const b = control[7] * slotSize;
    gather(rowIndex, grad, hess, og, oh, control[2], control[3]);
    build(bins, rows, rowIndex, og, oh, features, hist, control[2], control[3], fromJ, toJ, a);
    if (control[1] === 2) subtract(hist, features, b, a, fromJ, toJ);
    out[0] = -1;
    out[5] = -1;
    if (control[8]) best(hist, features, binCounts, params, a, fromJ, toJ, numbers[0], numbers[1], numbers[2], out, 0);
    if (control[1] === 2 && control[9]) best(hist, features, binCounts, params, b, fromJ, toJ, numbers[3], numbers[4], numbers[5], out, 5);
  };
}`;

/** Values per feature in a histogram: 256 bins x (gradient, hessian). */
export const FEATURE_STRIDE = 512;
export const histogramSize = (cols: number) => cols * FEATURE_STRIDE;
