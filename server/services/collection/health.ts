import type { Queryable } from "@/server/db/pool";
import { PROVIDER_NAMES, type Provider, type ProviderName } from "./providers";

/** What the admins' health page shows: each provider's state, the latest collection runs and the name queue. */

export interface ProviderHealth {
  provider: ProviderName;
  /** Why it cannot run in this process ("set ODDS_API_KEY"), or null. */
  notConfigured: string | null;
  lastSuccessAt: Date | null;
  lastErrorAt: Date | null;
  lastError: string | null;
  consecutiveFailures: number;
  circuitOpenUntil: Date | null;
  skippedReason: string | null;
  lastSkippedAt: Date | null;
  quotaRemaining: number | null;
  quotaUsed: number | null;
}

export interface CollectionRun {
  id: number;
  provider: string;
  trigger: string;
  startedAt: Date;
  finishedAt: Date | null;
  ok: boolean | null;
  error: string | null;
  counts: Record<string, unknown> | null;
}

export interface NameReview {
  id: number;
  provider: string;
  league: string;
  name: string;
  seen: number;
  firstSeenAt: Date;
  lastSeenAt: Date;
}

export interface CollectionHealth {
  providers: ProviderHealth[];
  runs: CollectionRun[];
  reviewQueue: NameReview[];
}

export async function collectionHealth(
  db: Queryable,
  registry: Record<ProviderName, Provider>,
  opts: { runs?: number } = {},
): Promise<CollectionHealth> {
  const states = await db.query<Omit<ProviderHealth, "notConfigured">>(
    `SELECT provider, "lastSuccessAt", "lastErrorAt", "lastError", "consecutiveFailures", "circuitOpenUntil",
            "skippedReason", "lastSkippedAt", "quotaRemaining", "quotaUsed"
     FROM "ProviderState"`,
  );
  const byName = new Map(states.rows.map((s) => [s.provider, s]));
  const providers = PROVIDER_NAMES.map((name) => ({
    provider: name,
    notConfigured: registry[name].notConfigured(),
    lastSuccessAt: null,
    lastErrorAt: null,
    lastError: null,
    consecutiveFailures: 0,
    circuitOpenUntil: null,
    skippedReason: null,
    lastSkippedAt: null,
    quotaRemaining: null,
    quotaUsed: null,
    ...byName.get(name),
  }));
  const runs = await db.query<CollectionRun>(
    `SELECT id, substr(job, 9) AS provider, trigger, "startedAt", "finishedAt", ok, error, result AS counts
     FROM "JobRun" WHERE job LIKE 'collect:%' ORDER BY "startedAt" DESC, id DESC LIMIT $1`,
    [opts.runs ?? 50],
  );
  const queue = await db.query<NameReview>(
    `SELECT r.id, r.provider, l.key AS league, r.name, r.seen, r."firstSeenAt", r."lastSeenAt"
     FROM "TeamNameReview" r JOIN "League" l ON l.id = r."leagueId"
     WHERE r."resolvedTeamId" IS NULL ORDER BY r.seen DESC, r."lastSeenAt" DESC LIMIT 200`,
  );
  return { providers, runs: runs.rows, reviewQueue: queue.rows };
}
