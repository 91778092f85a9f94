/**
 * The per-node work of tree growth, as JavaScript source so that this thread and the worker threads run
 * the same code (workers start from source with eval, which works under tsx, Vitest and Next alike).
 * The loops (gathering gradients, histograms, subtraction, split search, partition) are WebAssembly
 * (assembly/histograms.ts): measured about twice as fast as JavaScript, and without V8's run-to-run
 * swings in how it compiles hot loops. This source only dispatches. Each thread
 * handles a range of the node's features and writes only their histogram slots, so nothing is merged but
 * the best split.
 *
 * Everything lives in one shared WebAssembly memory. Bins are feature-major (column f at f * rows). A
 * histogram holds (sum of gradients, sum of hessians) per bin, 256 bins per feature; row counts are
 * estimated from hessians, as LightGBM does.
 */
export const NODE_KERNEL_SOURCE = `function makeNodeStep(s) {
  const { memory, wasm, ptr, rows, slotDoubles, og, oh, result } = s;
  const kernel = new WebAssembly.Instance(new WebAssembly.Module(wasm), {
    env: { memory, abort: () => { throw new Error("node kernel aborted"); } },
  }).exports;
  const slotBytes = slotDoubles * 8;
  const params = new Float64Array(memory.buffer, ptr.params, 3);
  const found = new Float64Array(memory.buffer, result, 5);
  const best = (slot, fromJ, toJ, n, g, h, out, at) => {
    kernel.best(ptr.hist + slot * slotBytes, ptr.features, ptr.binCounts, fromJ, toJ, n, g, h, params[0], params[1], params[2], result);
    out.set(found, at);
  };

  // control: [seq, op, start, end, fromJ, toJ, slotA, slotB, splitA, splitB, done]
  // numbers: [nA, gA, hA, nB, gB, hB]; out: best split of A at 0, of B at 5 (gain -1: none).
  // op 1: build A over [start, end) and find its best split. op 2: build A (the smaller child) over
  // [start, end), B (the larger) = B - A, and find both best splits.
  return (control, numbers, out) => {
    const start = control[2];
    const end = control[3];
    const fromJ = control[4];
    const toJ = control[5];
    const a = ptr.hist + control[6] * slotBytes;
    kernel.gather(ptr.rowIndex, ptr.grad, ptr.hess, og, oh, start, end);
    kernel.histograms(ptr.bins, rows, ptr.rowIndex, og, oh, ptr.features, a, start, end, fromJ, toJ);
    if (control[1] === 2) kernel.subtract(ptr.features, ptr.hist + control[7] * slotBytes, a, fromJ, toJ);
    out[0] = -1;
    out[5] = -1;
    if (control[8]) best(control[6], fromJ, toJ, numbers[0], numbers[1], numbers[2], out, 0);
    if (control[1] === 2 && control[9]) best(control[7], fromJ, toJ, numbers[3], numbers[4], numbers[5], out, 5);
  };
}`;

/** Doubles per feature in a histogram: 256 bins x (gradient, hessian). */
export const FEATURE_STRIDE = 512;
