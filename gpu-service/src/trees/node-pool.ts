import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { histogramSize, NODE_KERNEL_SOURCE } from "./node-kernel";

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
 * Runs the node kernel on this thread and threads - 1 workers, the node's features split between them. The booster writes gradients and partitions the row index in the shared arrays it exposes.
 */
export interface NodePool {
  rowIndex: Uint32Array;
  grad: Float64Array;
  hess: Float64Array;
  features: Int32Array;
  threads: number;
  /** Histogram of rows [0, rowCount) into `slot`, and its best split. */
  root(rowCount: number, featureCount: number, slot: number, stats: NodeStats): Split | null;
  /** Histogram of the smaller child, the larger child's by subtraction from the parent slot it inherits. */
  children(start: number, end: number, featureCount: number, smallSlot: number, largeSlot: number, small: NodeStats, large: NodeStats): [Split | null, Split | null];
  close(): Promise<void>;
}

// Below this many row-features a node is cheaper to build on one thread than to hand out.
const MIN_WORK_PER_THREAD = 50_000;

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

type Typed = { new (b: SharedArrayBuffer): unknown; new (n: number): unknown; BYTES_PER_ELEMENT: number };

export function defaultThreads(): number {
  return Math.max(1, availableParallelism());
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
  const useWorkers = threads > 1 && bins.buffer instanceof SharedArrayBuffer;
  const alloc = <T>(Type: Typed, n: number): T =>
    (useWorkers ? new Type(new SharedArrayBuffer(Math.max(1, n) * Type.BYTES_PER_ELEMENT)) : new Type(n)) as T;
  const slotSize = histogramSize(cols);
  const shared = {
    bins,
    rows,
    rowIndex: alloc<Uint32Array>(Uint32Array, rows),
    grad: alloc<Float64Array>(Float64Array, rows),
    hess: alloc<Float64Array>(Float64Array, rows),
    features: alloc<Int32Array>(Int32Array, cols),
    hist: alloc<Float64Array>(Float64Array, slots * slotSize),
    slotSize,
    binCounts: (() => {
      const b = alloc<Int32Array>(Int32Array, cols);
      b.set(binCounts);
      return b;
    })(),
    params: (() => {
      const p = alloc<Float64Array>(Float64Array, 3);
      p.set([params.minDataInLeaf, params.minSumHessian, params.lambda]);
      return p;
    })(),
  };
  const channel = () => ({
    control: alloc<Int32Array>(Int32Array, 11),
    numbers: alloc<Float64Array>(Float64Array, 6),
    out: alloc<Float64Array>(Float64Array, 10),
  });
  const local = { ...channel(), step: (new Function(`return ${NODE_KERNEL_SOURCE}`)() as (s: typeof shared) => Step)(shared) };
  // This thread takes one share of every node; threads - 1 workers take the others.
  const helpers = useWorkers
    ? Array.from({ length: threads - 1 }, () => {
        const c = channel();
        const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { shared, ...c } });
        worker.unref();
        return { worker, ...c };
      })
    : [];

  const readSplit = (out: Float64Array, at: number): Split | null =>
    out[at]! < 0 ? null : { gain: out[at]!, feature: out[at + 1]!, bin: out[at + 2]!, leftG: out[at + 3]!, leftH: out[at + 4]! };
  const better = (a: Split | null, b: Split | null) => (!a ? b : !b ? a : b.gain > a.gain ? b : a);

  /** Runs one op over the features, split between threads; returns the best split of A and of B. */
  function run(op: number, start: number, end: number, featureCount: number, slotA: number, slotB: number, a: NodeStats, b: NodeStats | null): [Split | null, Split | null] {
    const work = (end - start) * featureCount;
    const parts = Math.max(1, Math.min(helpers.length + 1, Math.floor(work / MIN_WORK_PER_THREAD)));
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
    rowIndex: shared.rowIndex,
    grad: shared.grad,
    hess: shared.hess,
    features: shared.features,
    threads: helpers.length + 1,
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
