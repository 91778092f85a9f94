import { parentPort, workerData } from "node:worker_threads";
import { viewFromColumns, viewKeyOf, type ViewColumns } from "@/server/domain/backtest/dataset";
import { runStrategy } from "@/server/domain/backtest/engine";
import type { Strategy, Tiers } from "@/server/domain/strategies/schema";

/** What one sweep worker is sent: the data's dates, the columns its variants read, its share of the variants. */
export interface SweepTask {
  dates: string[];
  /** The data's tier thresholds for strategies without their own (part of each view's key). */
  tiers: Tiers;
  views: ViewColumns[];
  strategies: Strategy[];
}

if (parentPort && workerData) {
  const task = workerData as SweepTask;
  const views = new Map(task.views.map((c) => [JSON.stringify(c.key), viewFromColumns(c)]));
  parentPort.postMessage(
    task.strategies.map((s) => runStrategy(task.dates, s, views.get(JSON.stringify(viewKeyOf(s, task.tiers)))!)),
  );
}
