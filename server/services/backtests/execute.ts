import type pg from "pg";
import type { Strategy } from "@/server/domain/strategies/schema";
import type { BacktestRequest } from "./request";

/** Runs one backtest and returns its report (stored as JSON). Progress is a fraction in [0, 1] and a note. */
export async function executeBacktest(
  pool: pg.Pool,
  job: { id: number; userId: string; strategy: Strategy; request: BacktestRequest },
  progress: (fraction: number, note: string) => Promise<void>,
): Promise<unknown /* report JSON */> {
  void pool;
  void job;
  void progress;
  throw new Error("backtest engine not merged yet");
}
