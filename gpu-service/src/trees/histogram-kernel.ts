/**
 * The histogram kernel, kept as source text so the main thread and the worker threads run the same
 * function (workers start from source with eval, which works under tsx, Vitest and Next alike).
 *
 * Bins are feature-major (column f at f * rows). Each thread first gathers the node's gradients and
 * hessians into its own position-ordered buffers, in a separate function (og[i] belongs to rowIndex[i]): reading buffers another
 * core wrote, or ones gathered long before, measured 3x slower than gathering them fresh.
 * A histogram holds (sum of gradients, sum of hessians) per bin, stride 256 bins per feature; counts are
 * estimated from hessians at split time, as LightGBM does.
 */
const KERNEL_SOURCE = `function buildHistograms(bins, rows, rowIndex, start, end, og, oh, features, fromJ, toJ, hist, histOffset) {
  for (let j = fromJ; j < toJ; j++) {
    const f = features[j];
    const column = f * rows;
    const o = histOffset + (f << 9);
    hist.fill(0, o, o + 512);
    for (let i = start; i < end; i++) {
      const at = o + (bins[column + rowIndex[i]] << 1);
      hist[at] += og[i];
      hist[at + 1] += oh[i];
    }
  }
}`;

/**
 * Source of a factory that returns a "build" closure over one thread's buffers: gather the node's
 * gradients into position order, then run the kernel. Each call compiles a fresh kernel, so every thread
 * and every training run gets code specialised to its own arrays; a kernel shared across calls measured
 * up to 3x slower.
 */
export const STEP_FACTORY_SOURCE = `function makeStep(bins, rows, rowIndex, grad, hess, features, hist) {
  const buildHistograms = (${KERNEL_SOURCE});
  const og = new Float64Array(rows);
  const oh = new Float64Array(rows);
  return (start, end, fromJ, toJ, offset) => {
    for (let i = start; i < end; i++) {
      og[i] = grad[rowIndex[i]];
      oh[i] = hess[rowIndex[i]];
    }
    buildHistograms(bins, rows, rowIndex, start, end, og, oh, features, fromJ, toJ, hist, offset);
  };
}`;

export type BuildStep = (start: number, end: number, fromJ: number, toJ: number, offset: number) => void;

export function makeStep(
  bins: Uint8Array,
  rows: number,
  rowIndex: Uint32Array,
  grad: Float64Array,
  hess: Float64Array,
  features: Int32Array,
  hist: Float64Array,
): BuildStep {
  const factory = new Function(`return ${STEP_FACTORY_SOURCE}`)();
  return factory(bins, rows, rowIndex, grad, hess, features, hist) as BuildStep;
}

/** Values per feature in a histogram: 256 bins x (gradient, hessian). */
export const FEATURE_STRIDE = 512;
export const histogramSize = (cols: number) => cols * FEATURE_STRIDE;
