/**
 * Whether this deployment can serve: the verdict /api/health/ready returns, from facts the service gathered.
 * Only the database and the job runner decide readiness; a collector's open circuit is reported but does not
 * make the app unready (pages and bets still work, only fresh odds from that provider wait).
 */

export interface ReadinessFacts {
  now: Date;
  /** null when the database answered; else a short reason (never the driver's message: it may hold a host). */
  databaseError: string | null;
  /** Start of the newest JobRun, null when none was ever recorded (or the database is down). */
  latestJobRunAt: Date | null;
  maxJobAgeSeconds: number;
  providers: { provider: string; circuitOpenUntil: Date | null; consecutiveFailures: number }[];
}

export interface Readiness {
  ready: boolean;
  checks: {
    database: { ok: boolean; error?: string };
    jobRunner: { ok: boolean; latestRunAt: string | null; ageSeconds: number | null; maxAgeSeconds: number };
    collectors: { provider: string; circuit: "open" | "closed"; openUntil: string | null; consecutiveFailures: number }[];
  };
}

export function readiness(facts: ReadinessFacts): Readiness {
  const database = facts.databaseError ? { ok: false, error: facts.databaseError } : { ok: true };
  const ageSeconds = facts.latestJobRunAt ? Math.max(0, Math.floor((facts.now.getTime() - facts.latestJobRunAt.getTime()) / 1000)) : null;
  const jobRunner = {
    ok: ageSeconds !== null && ageSeconds <= facts.maxJobAgeSeconds,
    latestRunAt: facts.latestJobRunAt?.toISOString() ?? null,
    ageSeconds,
    maxAgeSeconds: facts.maxJobAgeSeconds,
  };
  const collectors = facts.providers.map((p) => {
    const open = p.circuitOpenUntil !== null && p.circuitOpenUntil.getTime() > facts.now.getTime();
    return { provider: p.provider, circuit: open ? ("open" as const) : ("closed" as const), openUntil: open ? p.circuitOpenUntil!.toISOString() : null, consecutiveFailures: p.consecutiveFailures };
  });
  return { ready: database.ok && jobRunner.ok, checks: { database, jobRunner, collectors } };
}
