import { forwardOnlyReason } from "@/server/domain/strategies/forward-only";
import type pg from "pg";
import type { Strategy } from "@/server/domain/strategies/schema";
import { AppError } from "@/server/errors";
import { EVENTS, publishEvent } from "@/server/jobs/events";
import { parseStrategyOrRefuse } from "@/server/services/strategies/strategies";
import type { BacktestReport } from "@/server/domain/backtest/report";
import { BACKTEST_CODE_VERSION } from "./code-version";
import { executeBacktest } from "./execute";
import { getSystemSettings } from "@/server/services/system-settings/settings";
import { assertSweepFits, type BacktestOptions, type BacktestRequest } from "./request";

export type BacktestStatus = "QUEUED" | "RUNNING" | "SUCCEEDED" | "FAILED";

export interface BacktestHead {
  id: number;
  strategyId: number;
  strategyVersionId: number;
  strategyHash: string;
  status: BacktestStatus;
  progress: number;
  progressNote: string | null;
  error: string | null;
  request: BacktestRequest;
  codeVersion: string;
  dataFrom: Date | null;
  dataTo: Date | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

const HEAD_COLUMNS = `b.id, v."strategyId", b."strategyVersionId", b."strategyHash", b.status, b.progress, b."progressNote", b.error,
  b.request, b."codeVersion", b."dataFrom", b."dataTo", b."createdAt", b."startedAt", b."finishedAt"`;

/**
 * Queues a backtest of the current version of one of the user's strategies. The client's idempotency key
 * makes a double submit one run: the unique request key decides, not a check before the insert.
 */
export async function requestBacktest(
  pool: pg.Pool,
  userId: string,
  input: BacktestOptions & { strategyId: number; idempotencyKey: string },
): Promise<{ backtestId: number }> {
  const { rows } = await pool.query<{
    versionId: number | null;
    hash: string | null;
    definition: Strategy | null;
    archivedAt: Date | null;
  }>(
    `SELECT v.id AS "versionId", v.hash, v.definition, s."archivedAt"
       FROM "Strategy" s LEFT JOIN "StrategyVersion" v ON v.id = s."currentVersionId"
      WHERE s.id = $1 AND s."userId" = $2`,
    [input.strategyId, userId],
  );
  const strategy = rows[0];
  if (!strategy) throw new AppError("NOT_FOUND", "No such strategy.");
  if (strategy.archivedAt)
    throw new AppError("CONFLICT", "This strategy is archived: restore or copy it to backtest it.");
  if (strategy.versionId === null || strategy.definition === null || strategy.hash === null) {
    throw new AppError("CONFLICT", "This strategy has no saved content yet: save it first.");
  }
  const forwardOnly = forwardOnlyReason(strategy.definition);
  if (forwardOnly) throw new AppError("BAD_REQUEST", forwardOnly);
  if (input.sweep) assertSweepFits(strategy.definition, input.sweep);
  const request: BacktestRequest = {
    fromSeason: input.fromSeason ?? null,
    toSeason: input.toSeason ?? null,
    leagues: strategy.definition.leagues,
    sweep: input.sweep ?? null,
    tiers: (await getSystemSettings(pool)).tiers,
  };
  const requestKey = `${userId}:${input.idempotencyKey}`;
  const inserted = await pool.query<{ id: number }>(
    `INSERT INTO "Backtest" ("userId", "strategyVersionId", "requestKey", request, "strategyHash", "codeVersion")
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT ("requestKey") DO NOTHING RETURNING id`,
    [userId, strategy.versionId, requestKey, JSON.stringify(request), strategy.hash, BACKTEST_CODE_VERSION],
  );
  if (inserted.rows[0]) {
    await publishEvent({ name: EVENTS.backtestRequested, data: { backtestId: inserted.rows[0].id } });
    return { backtestId: inserted.rows[0].id };
  }
  const { rows: existing } = await pool.query<{ id: number; strategyId: number }>(
    `SELECT b.id, v."strategyId" FROM "Backtest" b JOIN "StrategyVersion" v ON v.id = b."strategyVersionId" WHERE b."requestKey" = $1`,
    [requestKey],
  );
  const run = existing[0]!;
  // The same key for another strategy is a client bug; answering with the other run would mislead it.
  if (run.strategyId !== input.strategyId)
    throw new AppError(
      "CONFLICT",
      "This request key was already used for another strategy's backtest: send a new one.",
    );
  return { backtestId: run.id };
}

/** The user's backtests of one strategy (every version), newest first; another user's strategy is NOT_FOUND. */
export async function listBacktests(
  db: Pick<pg.Pool, "query">,
  userId: string,
  strategyId: number,
): Promise<BacktestHead[]> {
  const owned = await db.query(`SELECT 1 FROM "Strategy" WHERE id = $1 AND "userId" = $2`, [strategyId, userId]);
  if (owned.rowCount === 0) throw new AppError("NOT_FOUND", "No such strategy.");
  const { rows } = await db.query<BacktestHead>(
    `SELECT ${HEAD_COLUMNS}
       FROM "Backtest" b JOIN "StrategyVersion" v ON v.id = b."strategyVersionId"
      WHERE v."strategyId" = $1 AND b."userId" = $2
      ORDER BY b."createdAt" DESC, b.id DESC LIMIT 100`,
    [strategyId, userId],
  );
  return rows;
}

/** One of the user's backtests with its report (null until it succeeds); another user's is NOT_FOUND. */
export async function getBacktest(
  db: Pick<pg.Pool, "query">,
  userId: string,
  id: number,
): Promise<BacktestHead & { report: unknown }> {
  const { rows } = await db.query<BacktestHead & { report: unknown }>(
    `SELECT ${HEAD_COLUMNS}, b.report
       FROM "Backtest" b JOIN "StrategyVersion" v ON v.id = b."strategyVersionId"
      WHERE b.id = $1 AND b."userId" = $2`,
    [id, userId],
  );
  if (!rows[0]) throw new AppError("NOT_FOUND", "No such backtest.");
  return rows[0];
}

/** Claims the oldest queued backtest (other runners skip it) and marks it running. */
async function claimQueued(pool: pg.Pool): Promise<number | null> {
  const { rows } = await pool.query<{ id: number }>(
    `UPDATE "Backtest" SET status = 'RUNNING', "startedAt" = now(), progress = 0
      WHERE id = (SELECT id FROM "Backtest" WHERE status = 'QUEUED' ORDER BY "createdAt", id FOR UPDATE SKIP LOCKED LIMIT 1)
      RETURNING id`,
  );
  return rows[0]?.id ?? null;
}

/** A report's `dataFrom`/`dataTo` (ISO times of the first and last game read), when the engine states them. */
/** The first and last dates of the games the report read, stored on the run for lists and comparisons. */
function dataRange(report: BacktestReport): [Date | null, Date | null] {
  const at = (day: string | null) => (day ? new Date(`${day}T00:00:00Z`) : null);
  return [at(report.data.from), at(report.data.to)];
}

async function runBacktest(pool: pg.Pool, id: number): Promise<void> {
  const { rows } = await pool.query<{ userId: string; definition: unknown; request: BacktestRequest }>(
    `SELECT b."userId", v.definition, b.request FROM "Backtest" b JOIN "StrategyVersion" v ON v.id = b."strategyVersionId" WHERE b.id = $1`,
    [id],
  );
  const job = rows[0]!;
  let lastWrite = 0;
  const progress = async (fraction: number, note: string) => {
    // At most a few writes a second: progress is for the screen, not an audit trail.
    if (Date.now() - lastWrite < 300) return;
    lastWrite = Date.now();
    await pool.query(`UPDATE "Backtest" SET progress = $2, "progressNote" = $3 WHERE id = $1`, [
      id,
      Math.min(1, Math.max(0, fraction)),
      note.slice(0, 500),
    ]);
  };
  // Parsed again so a version stored under an older schema reaches the engine migrated.
  const strategy = parseStrategyOrRefuse(job.definition);
  const report = await executeBacktest(pool, { id, userId: job.userId, strategy, request: job.request }, progress);
  const [dataFrom, dataTo] = dataRange(report);
  await pool.query(
    `UPDATE "Backtest" SET status = 'SUCCEEDED', progress = 1, "progressNote" = NULL, report = $2, "dataFrom" = $3, "dataTo" = $4, "finishedAt" = now()
      WHERE id = $1`,
    [id, JSON.stringify(report ?? null), dataFrom, dataTo],
  );
}

/** Runs queued backtests one after another; a failure is stored on its run and the next one goes on. */
export async function runQueuedBacktests(pool: pg.Pool): Promise<{ ran: number[]; failed: number[] }> {
  const ran: number[] = [];
  const failed: number[] = [];
  for (let id = await claimQueued(pool); id !== null; id = await claimQueued(pool)) {
    try {
      await runBacktest(pool, id);
      ran.push(id);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await pool.query(`UPDATE "Backtest" SET status = 'FAILED', error = $2, "finishedAt" = now() WHERE id = $1`, [
        id,
        message.slice(0, 2000),
      ]);
      failed.push(id);
    }
  }
  return { ran, failed };
}
