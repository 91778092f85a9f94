import type pg from "pg";
import { betsCsv } from "@/server/domain/backtest/build-report";
import type { BacktestReport } from "@/server/domain/backtest/report";
import { AppError } from "@/server/errors";
import { parseStrategyOrRefuse } from "@/server/services/strategies/strategies";
import { getBacktest } from "./backtests";
import { allBetsOf } from "./execute";

/** A finished backtest's bets as CSV: the stored list, or every bet recomputed when the report kept only the first ones. */
export async function backtestBetsCsv(
  pool: pg.Pool,
  userId: string,
  id: number,
): Promise<{ csv: string; fileName: string }> {
  const run = await getBacktest(pool, userId, id);
  if (run.status !== "SUCCEEDED" || !run.report)
    throw new AppError("CONFLICT", "This backtest has not finished: its bets can be exported once it has.");
  const report = run.report as BacktestReport;
  let bets = report.bets;
  if (report.betsTruncated) {
    const { rows } = await pool.query<{ definition: unknown }>(
      `SELECT definition FROM "StrategyVersion" WHERE id = $1`,
      [run.strategyVersionId],
    );
    bets = await allBetsOf(pool, userId, parseStrategyOrRefuse(rows[0]!.definition), run.request);
  }
  return { csv: betsCsv(bets), fileName: `linesmith-backtest-${id}-bets.csv` };
}
