import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { HISTOGRAMS_WASM_BASE64 } from "./histograms-wasm";
import { FEATURE_STRIDE, NODE_KERNEL_SOURCE } from "./node-kernel";

export interface Split {
  gain: number;
  feature: number;
  bin: number;
  leftG: number;
  leftH: number;
}

export interface NodeStats {
  n: number;
  g: number;
  h: number;
  /** False when depth or size rules out splitting it: its best split is not searched. */
  splittable: boolean;
}

type Step = (control: Int32Array, numbers: Float64Array, out: Float64Array) => void;

/**
 * Runs the node kernel on this thread and threads - 1 workers, the node's features split between them.
 * The booster writes gradients into, and partitions, the shared arrays it exposes.
 */
export interface NodePool {
  rowIndex: Uint32Array;
  grad: Float64Array;
  hess: Float64Array;
  features: Int32Array;
  threads: number;
  /** Stable partition of rowIndex[start, end) on bin(feature) <= bin; returns where the right rows start. */
  partition(start: number, end: number, feature: number, bin: number): number;
  /** Histogram of rows [0, rowCount) into `slot`, and its best split. */
  root(rowCount: number, featureCount: number, slot: number, stats: NodeStats): Split | null;
  /** Histogram of the smaller child, the larger child's by subtraction from the parent slot it inherits. */
  children(start: number, end: number, featureCount: number, smallSlot: number, largeSlot: number, small: NodeStats, large: NodeStats): [Split | null, Split | null];
  close(): Promise<void>;
}

const WORKER_SOURCE = `
const { workerData } = require("node:worker_threads");
const makeNodeStep = (${NODE_KERNEL_SOURCE});
function serve({ shared, control, numbers, out }) {
  const step = makeNodeStep(shared);
  let seen = 0;
  for (;;) {
    // Nodes of one tree come a few hundred microseconds apart: spin briefly before sleeping, since a
    // futex wake-up costs about as much as a small node's work.
    for (let spin = 0; spin < 20000 && Atomics.load(control, 0) === seen; spin++);
    Atomics.wait(control, 0, seen);
    seen = Atomics.load(control, 0);
    if (control[1] < 0) return;
    step(control, numbers, out);
    Atomics.store(control, 10, seen);
    Atomics.notify(control, 10);
  }
}
serve(workerData);
`;

const WASM = Buffer.from(HISTOGRAMS_WASM_BASE64, "base64");
const PAGE = 65536;

export function defaultThreads(): number {
  return Math.max(1, availableParallelism());
}

/** Lays out the trainer's arrays in one shared WebAssembly memory; returns byte offsets and the memory. */
function layout(rows: number, cols: number, slots: number, threads: number) {
  let end = 64;
  const take = (bytes: number) => {
    const at = end;
    end += Math.ceil(bytes / 64) * 64; // cache-line aligned
    return at;
  };
  const ptr = {
    bins: take(rows * cols),
    rowIndex: take(rows * 4),
    grad: take(rows * 8),
    hess: take(rows * 8),
    features: take(cols * 4),
    binCounts: take(cols * 4),
    params: take(3 * 8),
    hist: take(slots * cols * FEATURE_STRIDE * 8),
    partitionScratch: take(rows * 4),
    slots,
  };
  const scratch = Array.from({ length: threads }, () => ({ og: take(rows * 8), oh: take(rows * 8), result: take(5 * 8) }));
  const pages = Math.ceil(end / PAGE);
  return { ptr, scratch, memory: new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true }) };
}

export function createNodePool(
  bins: Uint8Array,
  rows: number,
  cols: number,
  slots: number,
  binCounts: Int32Array,
  params: { minDataInLeaf: number; minSumHessian: number; lambda: number },
  threads = defaultThreads(),
): NodePool {
  const { ptr, scratch, memory } = layout(rows, cols, slots, Math.max(1, threads));
  const buffer = memory.buffer as unknown as SharedArrayBuffer;
  new Uint8Array(buffer, ptr.bins, rows * cols).set(bins);
  new Int32Array(buffer, ptr.binCounts, cols).set(binCounts);
  new Float64Array(buffer, ptr.params, 3).set([params.minDataInLeaf, params.minSumHessian, params.lambda]);
  const shared = { memory, wasm: WASM, ptr, rows, cols, slotDoubles: cols * FEATURE_STRIDE };
  const sharedArray = <T>(Type: { new (b: SharedArrayBuffer): T }, bytes: number) => new Type(new SharedArrayBuffer(bytes));
  const channel = () => ({
    control: sharedArray(Int32Array, 11 * 4),
    numbers: sharedArray(Float64Array, 6 * 8),
    out: sharedArray(Float64Array, 10 * 8),
  });
  const kernel = new WebAssembly.Instance(new WebAssembly.Module(WASM), { env: { memory, abort: () => { throw new Error("kernel aborted"); } } }).exports as unknown as {
    partition(bins: number, rows: number, rowIndex: number, scratch: number, start: number, end: number, feature: number, bin: number): number;
  };
  const makeStep = new Function(`return ${NODE_KERNEL_SOURCE}`)() as (s: typeof shared & { og: number; oh: number; result: number }) => Step;
  const local = { ...channel(), step: makeStep({ ...shared, ...scratch[0]! }) };
  // This thread takes one share of every node; threads - 1 workers take the others.
  const helpers = Array.from({ length: Math.max(0, threads - 1) }, (_, i) => {
    const c = channel();
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { shared: { ...shared, ...scratch[i + 1]! }, ...c } });
    worker.unref();
    return { worker, ...c };
  });

  const readSplit = (out: Float64Array, at: number): Split | null =>
    out[at]! < 0 ? null : { gain: out[at]!, feature: out[at + 1]!, bin: out[at + 2]!, leftG: out[at + 3]!, leftH: out[at + 4]! };
  const better = (a: Split | null, b: Split | null) => (!a ? b : !b ? a : b.gain > a.gain ? b : a);

  /** Runs one op over the features, split between threads; returns the best split of A and of B. */
  function run(op: number, start: number, end: number, featureCount: number, slotA: number, slotB: number, a: NodeStats, b: NodeStats | null): [Split | null, Split | null] {
    // Every node is shared out: the split search costs the same for small nodes as for large ones, and a
    // spinning worker takes a node in microseconds.
    const parts = Math.min(helpers.length + 1, featureCount);
    const channels = [local, ...helpers.slice(0, parts - 1)];
    const chunk = Math.ceil(featureCount / channels.length);
    channels.forEach((c, i) => {
      c.control.set([op, start, end, chunk * i, Math.min(featureCount, chunk * (i + 1)), slotA, slotB, a.splittable ? 1 : 0, b?.splittable ? 1 : 0], 1);
      c.numbers.set([a.n, a.g, a.h, b?.n ?? 0, b?.g ?? 0, b?.h ?? 0]);
    });
    const busy = channels.slice(1);
    for (const c of busy) {
      Atomics.add(c.control, 0, 1);
      Atomics.notify(c.control, 0);
    }
    local.step(local.control, local.numbers, local.out);
    for (const c of busy) {
      // The workers' shares take about as long as this thread's: spin, then sleep if one lags.
      const ticket = Atomics.load(c.control, 0);
      for (let spin = 0; spin < 20000 && Atomics.load(c.control, 10) !== ticket; spin++);
      for (let done = Atomics.load(c.control, 10); done !== ticket; done = Atomics.load(c.control, 10)) Atomics.wait(c.control, 10, done);
    }
    let bestA: Split | null = null;
    let bestB: Split | null = null;
    for (const c of channels) {
      bestA = better(bestA, readSplit(c.out, 0));
      bestB = better(bestB, readSplit(c.out, 5));
    }
    return [bestA, bestB];
  }

  return {
    rowIndex: new Uint32Array(buffer, ptr.rowIndex, rows),
    grad: new Float64Array(buffer, ptr.grad, rows),
    hess: new Float64Array(buffer, ptr.hess, rows),
    features: new Int32Array(buffer, ptr.features, cols),
    threads: helpers.length + 1,
    partition: (start, end, feature, bin) => kernel.partition(ptr.bins, rows, ptr.rowIndex, ptr.partitionScratch, start, end, feature, bin),
    root: (rowCount, featureCount, slot, stats) => run(1, 0, rowCount, featureCount, slot, slot, stats, null)[0],
    children: (start, end, featureCount, smallSlot, largeSlot, small, large) => run(2, start, end, featureCount, smallSlot, largeSlot, small, large),
    async close() {
      for (const { control } of helpers) {
        control[1] = -1;
        Atomics.add(control, 0, 1);
        Atomics.notify(control, 0);
      }
      await Promise.all(helpers.map(({ worker }) => worker.terminate()));
    },
  };
}
