import type { Queryable } from "@/server/db/pool";
import { readiness, type Readiness } from "@/server/domain/health/readiness";

/** A health probe must answer quickly even when PostgreSQL hangs: past this the database counts as down. */
const DATABASE_TIMEOUT_MS = 2_000;

export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timeout")), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(error)),
    );
  });
}

/** Gathers the readiness facts (database round trip, newest JobRun, collectors' circuits) and judges them. */
export async function checkReadiness(db: Queryable, opts: { maxJobAgeSeconds: number; now?: Date }): Promise<Readiness> {
  const now = opts.now ?? new Date();
  try {
    const [jobs, providers] = await withTimeout(
      Promise.all([
        // The newest row by primary key: an index lookup however long JobRun grows.
        db.query<{ startedAt: Date }>(`SELECT "startedAt" FROM "JobRun" ORDER BY id DESC LIMIT 1`),
        db.query<{ provider: string; circuitOpenUntil: Date | null; consecutiveFailures: number }>(
          `SELECT provider, "circuitOpenUntil", "consecutiveFailures" FROM "ProviderState" ORDER BY provider`,
        ),
      ]),
      DATABASE_TIMEOUT_MS,
    );
    return readiness({ now, databaseError: null, latestJobRunAt: jobs.rows[0]?.startedAt ?? null, maxJobAgeSeconds: opts.maxJobAgeSeconds, providers: providers.rows });
  } catch (error) {
    const reason = error instanceof Error && error.message === "timeout" ? `no answer within ${DATABASE_TIMEOUT_MS} ms` : "unreachable";
    return readiness({ now, databaseError: reason, latestJobRunAt: null, maxJobAgeSeconds: opts.maxJobAgeSeconds, providers: [] });
  }
}
