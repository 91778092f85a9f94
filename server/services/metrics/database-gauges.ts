import type pg from "pg";
import { log } from "@/server/log";
import { withTimeout } from "@/server/services/health/readiness";
import { metrics, type DatabaseGauges } from "./registry";

const logger = log.child({ module: "metrics" });

/** A scrape must stay quick when PostgreSQL is slow: past this the gauges are left empty and database_up is 0. */
const DATABASE_TIMEOUT_MS = 2_000;

interface Counts {
  users: number;
  activeBots: number;
  deliveriesPending: number;
  deliveriesFailed: number;
  backtestsQueued: number;
  evaluationsQueued: number;
  oddsSnapshots: number;
}

interface JobRow {
  job: string;
  status: "succeeded" | "failed" | "running" | null;
  runs: number | null;
  lastSuccess: Date | null;
}

interface ProviderRow {
  provider: string;
  quotaRemaining: number | null;
  circuitOpen: boolean;
  consecutiveFailures: number;
}

// Every count below reads an index (Bot.state, NotificationDelivery.status, Backtest.status) or a small table;
// OddsSnapshot grows to millions of rows, so its size is the planner's estimate (-1 before the first ANALYZE).
const COUNTS_SQL = `
  SELECT
    (SELECT count(*) FROM "User")::int AS users,
    (SELECT count(*) FROM "Bot" WHERE state = 'ACTIVE')::int AS "activeBots",
    (SELECT count(*) FROM "NotificationDelivery" WHERE status = 'PENDING')::int AS "deliveriesPending",
    (SELECT count(*) FROM "NotificationDelivery" WHERE status = 'FAILED')::int AS "deliveriesFailed",
    (SELECT count(*) FROM "Backtest" WHERE status = 'QUEUED')::int AS "backtestsQueued",
    (SELECT count(*) FROM "Evaluation" WHERE status = 'QUEUED')::int AS "evaluationsQueued",
    (SELECT GREATEST(reltuples, 0)::float8 FROM pg_class WHERE oid = '"OddsSnapshot"'::regclass) AS "oddsSnapshots"`;

// JobRun gains a row per job per minute, so nothing here scans it: the job names come from a skip scan of the
// (job, startedAt) index, and each job's last day and latest success are range reads of the same index.
const JOBS_SQL = `
  WITH RECURSIVE jobs AS (
    (SELECT job FROM "JobRun" ORDER BY job LIMIT 1)
    UNION ALL
    SELECT (SELECT r.job FROM "JobRun" r WHERE r.job > jobs.job ORDER BY r.job LIMIT 1) FROM jobs WHERE jobs.job IS NOT NULL
  )
  SELECT j.job, s.status, s.runs, last."finishedAt" AS "lastSuccess"
  FROM jobs j
  LEFT JOIN LATERAL (
    SELECT CASE WHEN r.ok THEN 'succeeded' WHEN NOT r.ok THEN 'failed' ELSE 'running' END AS status, count(*)::int AS runs
    FROM "JobRun" r WHERE r.job = j.job AND r."startedAt" >= now() - interval '24 hours' GROUP BY 1
  ) s ON true
  LEFT JOIN LATERAL (
    SELECT r."finishedAt" FROM "JobRun" r WHERE r.job = j.job AND r.ok ORDER BY r."startedAt" DESC LIMIT 1
  ) last ON true
  WHERE j.job IS NOT NULL`;

const PROVIDERS_SQL = `
  SELECT provider, "quotaRemaining", COALESCE("circuitOpenUntil" > now(), false) AS "circuitOpen", "consecutiveFailures"
  FROM "ProviderState"`;

function setAll(g: DatabaseGauges, counts: Counts, jobs: JobRow[], providers: ProviderRow[]): void {
  g.users.set(counts.users);
  g.activeBots.set(counts.activeBots);
  g.deliveries.set({ status: "pending" }, counts.deliveriesPending);
  g.deliveries.set({ status: "failed" }, counts.deliveriesFailed);
  g.backtestsQueued.set(counts.backtestsQueued);
  g.evaluationsQueued.set(counts.evaluationsQueued);
  g.oddsSnapshots.set(counts.oddsSnapshots);
  for (const row of jobs) {
    if (row.status) g.jobRuns.set({ job: row.job, status: row.status }, row.runs ?? 0);
    if (row.lastSuccess) g.jobLastSuccess.set({ job: row.job }, row.lastSuccess.getTime() / 1000);
  }
  for (const p of providers) {
    if (p.quotaRemaining !== null) g.quotaRemaining.set({ provider: p.provider }, p.quotaRemaining);
    g.circuitOpen.set({ provider: p.provider }, p.circuitOpen ? 1 : 0);
    g.consecutiveFailures.set({ provider: p.provider }, p.consecutiveFailures);
  }
}

async function refresh(pool: pg.Pool, g: DatabaseGauges): Promise<void> {
  // The pool as the application left it, before this scrape borrows a connection.
  const poolNow = { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount };
  const started = performance.now();
  let read: [Counts, JobRow[], ProviderRow[]] | null = null;
  try {
    const [counts, jobs, providers] = await withTimeout(
      Promise.all([
        pool.query<Counts>(COUNTS_SQL),
        pool.query<JobRow>(JOBS_SQL),
        pool.query<ProviderRow>(PROVIDERS_SQL),
      ]),
      DATABASE_TIMEOUT_MS,
    );
    read = [counts.rows[0]!, jobs.rows, providers.rows];
  } catch (error) {
    logger.warn({ err: error }, "[metrics] the database gauges could not be read");
  }
  g.poolConnections.set({ state: "total" }, poolNow.total);
  g.poolConnections.set({ state: "idle" }, poolNow.idle);
  g.poolWaiting.set(poolNow.waiting);
  g.up.set(read ? 1 : 0);
  g.collectSeconds.set((performance.now() - started) / 1000);
  // Without an answer the gauges keep their last values (database_up says they are stale) rather than drop to 0.
  if (!read) return;
  // Reset and set in one synchronous stretch, so a concurrent scrape never sees a half-written set of labels
  // (and a job or provider that is gone disappears).
  for (const gauge of [
    g.jobRuns,
    g.jobLastSuccess,
    g.quotaRemaining,
    g.circuitOpen,
    g.consecutiveFailures,
    g.deliveries,
  ])
    gauge.reset();
  setAll(g, ...read);
}

/** The Prometheus text exposition of every metric, with the database gauges read now. */
export async function renderMetrics(pool: pg.Pool): Promise<{ contentType: string; body: string }> {
  const m = metrics();
  m.refreshing ??= refresh(pool, m.gauges).finally(() => {
    m.refreshing = null;
  });
  await m.refreshing;
  return { contentType: m.registry.contentType, body: await m.registry.metrics() };
}
