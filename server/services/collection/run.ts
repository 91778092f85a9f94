import type pg from "pg";
import { circuitAfterFailure, shouldRun, type BreakerState } from "@/server/domain/collectors/schedule";
import type { RejectedRow } from "@/server/domain/collectors/types";
import { redactSecrets } from "@/server/integrations/provider-error";
import type { CollectContext, CollectPass, Provider } from "./providers";
import { storeInjuries, storePrices, storeScores, storeWeather, type StoreCounts } from "./store";

/**
 * One collection pass of one provider: skipped with its reason when it is not configured or its circuit is
 * open, else collected, stored, recorded as a JobRun with its counts, and reflected in ProviderState (the
 * health page and the circuit breaker read it).
 */

/** What `npm run collect -- --json` prints (keep it stable: other tools read it). */
export interface CollectResult {
  provider: string;
  requests: number;
  events: number;
  snapshots: number;
  inserted: number;
  unchanged: number;
  rejected: number;
  quotaRemaining: number | null;
  errors: RejectedRow[];
  /** completed: the pass ran (row rejections included); failed: the provider could not be reached or refused; skipped. */
  status: "completed" | "failed" | "skipped";
  /** Why the pass was skipped or failed. */
  message?: string;
}

/** At most this many row errors go into a result (the count is always exact). */
const MAX_ERRORS = 200;

interface StoredState extends BreakerState {
  quotaRemaining: number | null;
}

async function loadState(pool: pg.Pool, provider: string): Promise<StoredState> {
  const { rows } = await pool.query<StoredState>(
    `SELECT "consecutiveFailures", "circuitOpenUntil", "quotaRemaining" FROM "ProviderState" WHERE provider = $1`,
    [provider],
  );
  return rows[0] ?? { consecutiveFailures: 0, circuitOpenUntil: null, quotaRemaining: null };
}

async function recordSkip(pool: pg.Pool, provider: string, reason: string, now: Date): Promise<void> {
  await pool.query(
    `INSERT INTO "ProviderState" (provider, "skippedReason", "lastSkippedAt", "updatedAt") VALUES ($1, $2, $3, $3)
     ON CONFLICT (provider) DO UPDATE SET "skippedReason" = $2, "lastSkippedAt" = $3, "updatedAt" = $3`,
    [provider, reason, now],
  );
}

function emptyResult(provider: string, quotaRemaining: number | null): CollectResult {
  return {
    provider,
    requests: 0,
    events: 0,
    snapshots: 0,
    inserted: 0,
    unchanged: 0,
    rejected: 0,
    quotaRemaining,
    errors: [],
    status: "completed",
  };
}

async function storePass(pool: pg.Pool, provider: string, pass: CollectPass, now: Date): Promise<StoreCounts[]> {
  const counts: StoreCounts[] = [];
  if (pass.prices) counts.push(await storePrices(pool, provider, pass.prices, now));
  if (pass.scores) counts.push(await storeScores(pool, provider, pass.scores));
  if (pass.weather) counts.push(await storeWeather(pool, pass.weather));
  if (pass.injuries) counts.push(await storeInjuries(pool, provider, pass.injuries, now, pass.injuriesCompleteLeagues));
  return counts;
}

function eventsOf(pass: CollectPass): number {
  const ids = new Set<string>();
  for (const rows of [pass.prices?.rows, pass.scores?.rows, pass.weather?.rows])
    for (const r of rows ?? []) ids.add(r.event.externalId);
  return ids.size;
}

export async function runCollector(
  pool: pg.Pool,
  provider: Provider,
  ctx: CollectContext & { trigger?: string },
): Promise<CollectResult> {
  const { now } = ctx;
  const state = await loadState(pool, provider.name);
  const result = emptyResult(provider.name, state.quotaRemaining);

  const notConfigured = provider.notConfigured();
  const gate = notConfigured ? { run: false as const, reason: notConfigured } : shouldRun(state, now);
  if (!gate.run) {
    await recordSkip(pool, provider.name, gate.reason, now);
    return { ...result, status: "skipped", message: gate.reason };
  }

  const job = `collect:${provider.name}`;
  const { rows } = await pool.query<{ id: number }>(
    `INSERT INTO "JobRun" (job, trigger, "startedAt") VALUES ($1, $2, $3) RETURNING id`,
    [job, ctx.trigger ?? "manual", now],
  );
  const runId = rows[0]!.id;

  let pass: CollectPass;
  try {
    pass = await provider.collect({ sport: ctx.sport, now, kind: ctx.kind, db: pool });
  } catch (error) {
    const message = redactSecrets(error instanceof Error ? error.message : String(error)).slice(0, 2000);
    const next = circuitAfterFailure(state, now);
    await pool.query(
      `INSERT INTO "ProviderState" (provider, "lastErrorAt", "lastError", "consecutiveFailures", "circuitOpenUntil", "skippedReason", "updatedAt")
       VALUES ($1, $2, $3, 1, NULL, NULL, $2)
       ON CONFLICT (provider) DO UPDATE SET "lastErrorAt" = $2, "lastError" = $3, "consecutiveFailures" = $4,
         "circuitOpenUntil" = $5, "skippedReason" = NULL, "updatedAt" = $2`,
      [provider.name, now, message, next.consecutiveFailures, next.circuitOpenUntil],
    );
    await pool.query(`UPDATE "JobRun" SET "finishedAt" = now(), ok = false, error = $2 WHERE id = $1`, [
      runId,
      message,
    ]);
    return { ...result, status: "failed", message, errors: [{ event: "", message }] };
  }

  try {
    const counts = await storePass(pool, provider.name, pass, now);
    const errors = counts.flatMap((c) => c.rejected);
    const summary: CollectResult = {
      ...result,
      requests: pass.requests,
      events: eventsOf(pass),
      snapshots: pass.prices?.rows.length ?? 0,
      inserted: counts.reduce((s, c) => s + c.inserted, 0),
      unchanged: counts.reduce((s, c) => s + c.unchanged, 0),
      rejected: errors.length,
      quotaRemaining: pass.quota?.remaining ?? state.quotaRemaining,
      errors: errors.slice(0, MAX_ERRORS),
    };
    const { errors: _errors, status: _status, ...runCounts } = summary;
    await pool.query(
      `INSERT INTO "ProviderState" (provider, "lastSuccessAt", "consecutiveFailures", "circuitOpenUntil", "skippedReason",
         "quotaRemaining", "quotaUsed", "lastRunCounts", "updatedAt")
       VALUES ($1, $2, 0, NULL, NULL, $3, $4, $5, $2)
       ON CONFLICT (provider) DO UPDATE SET "lastSuccessAt" = $2, "consecutiveFailures" = 0, "circuitOpenUntil" = NULL,
         "skippedReason" = NULL, "quotaRemaining" = COALESCE($3, "ProviderState"."quotaRemaining"),
         "quotaUsed" = COALESCE($4, "ProviderState"."quotaUsed"), "lastRunCounts" = $5, "updatedAt" = $2`,
      [provider.name, now, pass.quota?.remaining ?? null, pass.quota?.used ?? null, JSON.stringify(runCounts)],
    );
    await pool.query(`UPDATE "JobRun" SET "finishedAt" = now(), ok = true, result = $2 WHERE id = $1`, [
      runId,
      JSON.stringify(runCounts),
    ]);
    return summary;
  } catch (error) {
    // Our side failed (the database): recorded on the run, not counted against the provider.
    const message = error instanceof Error ? error.message : String(error);
    await pool.query(`UPDATE "JobRun" SET "finishedAt" = now(), ok = false, error = $2 WHERE id = $1`, [
      runId,
      message.slice(0, 2000),
    ]);
    throw error;
  }
}
