import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { histogramSize, makeStep, STEP_FACTORY_SOURCE } from "./histogram-kernel";

/**
 * Builds a node's gradient histograms with the features split across threads (each thread writes its
 * own features' slots, so nothing is merged). Everything the workers read lives in shared memory:
 * bins, the row index the booster partitions, gathered gradients and the histogram slots.
 */
export interface HistogramBuilder {
  rowIndex: Uint32Array;
  grad: Float64Array;
  hess: Float64Array;
  features: Int32Array;
  /** Histogram slots: slot s is hist.subarray(s * size, (s + 1) * size). */
  hist: Float64Array;
  slotSize: number;
  threads: number;
  build(start: number, end: number, featureCount: number, slot: number): void;
  close(): Promise<void>;
}

// Below this many row-features a node is cheaper to build than to hand out.
const MIN_WORK_PER_THREAD = 50_000;

const WORKER_SOURCE = `
const { workerData } = require("node:worker_threads");
const makeStep = (${STEP_FACTORY_SOURCE});
function serve({ bins, rows, rowIndex, grad, hess, features, hist, control }) {
  const step = makeStep(bins, rows, rowIndex, grad, hess, features, hist);
  let seen = 0;
  for (;;) {
    Atomics.wait(control, 0, seen);
    seen = Atomics.load(control, 0);
    if (control[1] < 0) return;
    step(control[1], control[2], control[3], control[4], control[5]);
    Atomics.store(control, 6, seen);
    Atomics.notify(control, 6);
  }
}
serve(workerData);
`;

function sharedArray<T>(Type: { new (b: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number }, length: number): T {
  return new Type(new SharedArrayBuffer(Math.max(1, length) * Type.BYTES_PER_ELEMENT));
}

export function defaultThreads(): number {
  return Math.max(1, availableParallelism());
}

export function createHistogramBuilder(bins: Uint8Array, rows: number, cols: number, slots: number, threads = defaultThreads()): HistogramBuilder {
  const useWorkers = threads > 1 && bins.buffer instanceof SharedArrayBuffer;
  const alloc = <T>(Type: { new (b: SharedArrayBuffer): T; new (n: number): T; BYTES_PER_ELEMENT: number }, n: number): T =>
    useWorkers ? sharedArray(Type, n) : new Type(n);
  const slotSize = histogramSize(cols);
  const rowIndex = alloc(Uint32Array, rows);
  const grad = alloc(Float64Array, rows);
  const hess = alloc(Float64Array, rows);
  const features = alloc(Int32Array, cols);
  const hist = alloc(Float64Array, slots * slotSize);
  const localStep = makeStep(bins, rows, rowIndex, grad, hess, features, hist);
  const helpers = useWorkers
    ? Array.from({ length: threads - 1 }, () => {
        const control = sharedArray(Int32Array, 7);
        const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { bins, rows, rowIndex, grad, hess, features, hist, control } });
        worker.unref();
        return { worker, control };
      })
    : [];

  return {
    rowIndex,
    grad,
    hess,
    features,
    hist,
    slotSize,
    threads: Math.max(1, helpers.length),
    build(start, end, featureCount, slot) {
      const offset = slot * slotSize;
      if (helpers.length === 0 || (end - start) * featureCount < MIN_WORK_PER_THREAD) {
        localStep(start, end, 0, featureCount, offset);
        return;
      }
      const parts = Math.max(1, Math.min(helpers.length, Math.floor(((end - start) * featureCount) / MIN_WORK_PER_THREAD)));
      const chunk = Math.ceil(featureCount / parts);
      const busy = helpers.slice(0, parts);
      busy.forEach(({ control }, i) => {
        control[1] = start;
        control[2] = end;
        control[3] = chunk * i;
        control[4] = Math.min(featureCount, chunk * (i + 1));
        control[5] = offset;
        Atomics.add(control, 0, 1);
        Atomics.notify(control, 0);
      });
      for (const { control } of busy) {
        const ticket = Atomics.load(control, 0);
        for (let done = Atomics.load(control, 6); done !== ticket; done = Atomics.load(control, 6)) Atomics.wait(control, 6, done);
      }
    },
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
