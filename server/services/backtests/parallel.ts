import { availableParallelism } from "node:os";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { viewKeyOf, viewOf, type PreparedData } from "@/server/domain/backtest/dataset";
import type { RunResult } from "@/server/domain/backtest/engine";
import { combine, runSweep, type SweepResult } from "@/server/domain/backtest/run";
import type { Strategy } from "@/server/domain/strategies/schema";
import type { SweepTask } from "./sweep-worker";

/**
 * A sweep split over worker threads, one per core. Each worker is sent the columns its variants read and
 * runs its share of the variants; the cross-variant figures
 * (deflated Sharpe, PBO) are computed here over all of them. Small sweeps run on this thread.
 */
/**
 * Work (variants x candidate rows) below which one thread is faster: starting a worker and loading its
 * modules costs seconds on these machines, while a 1,000-variant sweep over nine seasons of two leagues
 * (20M variant-rows) runs in about 2 s on one thread (`npm run bench:backtest` prints both).
 */
export const PARALLEL_FROM_WORK = 100_000_000;

export async function runSweepInParallel(
  data: PreparedData,
  strategies: { strategy: Strategy; hash: string }[],
  options: { threads?: number; minWork?: number } = {},
): Promise<SweepResult> {
  const threads = options.threads ?? Math.min(availableParallelism(), 8);
  const work = strategies.reduce((sum, { strategy }) => sum + viewOf(data, viewKeyOf(strategy, data.tiers)).length, 0);
  if (
    work < (options.minWork ?? PARALLEL_FROM_WORK) ||
    threads < 2 ||
    strategies.length < threads ||
    !canStartWorkers()
  ) {
    return runSweep(data, strategies);
  }
  const size = Math.ceil(strategies.length / threads);
  const chunks = Array.from({ length: threads }, (_, i) => strategies.slice(i * size, (i + 1) * size)).filter(
    (c) => c.length,
  );
  // Columns are built once here; workers get only the views their variants read (a few MB of typed arrays).
  const results = await Promise.all(
    chunks.map((chunk) => {
      const views = new Map(
        chunk.map(({ strategy }) => {
          const view = viewOf(data, viewKeyOf(strategy, data.tiers));
          return [JSON.stringify(view.key), view.columns] as const;
        }),
      );
      return runInWorker({ dates: data.dates, tiers: data.tiers, views: [...views.values()], strategies: chunk.map((c) => c.strategy) });
    }),
  );
  return combine(data.dates, strategies, results.flat());
}

/**
 * Workers load this TypeScript through tsx's CommonJS hook, which the command line and benchmarks run
 * under; the bundled Next server has no TypeScript loader, and runs sweeps on its own thread.
 */
function canStartWorkers(): boolean {
  return process.execArgv.some((a) => a.includes("tsx"));
}

function runInWorker(task: SweepTask): Promise<RunResult[]> {
  const require = createRequire(import.meta.url);
  const bootstrap = `require(${JSON.stringify(require.resolve("tsx/cjs/api"))}).register(); require(${JSON.stringify(fileURLToPath(new URL("./sweep-worker.ts", import.meta.url)))});`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(bootstrap, { eval: true, workerData: task });
    worker.once("message", (runs: RunResult[]) => {
      resolve(runs);
      void worker.terminate();
    });
    worker.once("error", reject);
    worker.once("exit", (code) => {
      if (code !== 0) reject(new Error(`a sweep worker stopped with exit code ${code}`));
    });
  });
}
