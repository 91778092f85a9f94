import type pg from "pg";
import {
  DEFAULT_SCHEDULE,
  isDue,
  pollInterval,
  SCORES_LIVE_HOURS,
  type CollectSchedule,
} from "@/server/domain/collectors/schedule";
import { PROVIDER_KINDS, type Provider, type ProviderName } from "./providers";
import { runCollector, type CollectResult } from "./run";

/**
 * The bodies of the scheduled collection jobs (inngest/jobs.ts wraps them): each runs every configured
 * provider of its kind. Without any configured provider a job returns at once, touching nothing.
 */
export type CollectionKind = keyof typeof PROVIDER_KINDS;

/** Hours until the quota resets: The Odds API's monthly quota resets at the start of the UTC month. */
function hoursToMonthEnd(now: Date): number {
  const next = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);
  return (next - now.getTime()) / 3_600_000;
}

/**
 * Whether a provider's pass is due: odds by the time to the next kick-off and the quota left, scores every
 * minute while a game is being played (else the scores interval), weather and injuries by their interval.
 */
export async function collectionDue(
  pool: pg.Pool,
  kind: CollectionKind,
  provider: ProviderName,
  now: Date,
  schedule: CollectSchedule = DEFAULT_SCHEDULE,
): Promise<boolean> {
  const { rows } = await pool.query<{
    lastSuccessAt: Date | null;
    quotaRemaining: number | null;
    nextKickoff: Date | null;
    playing: boolean;
  }>(
    `SELECT (SELECT "lastSuccessAt" FROM "ProviderState" WHERE provider = $1) AS "lastSuccessAt",
            (SELECT "quotaRemaining" FROM "ProviderState" WHERE provider = $1) AS "quotaRemaining",
            (SELECT min("startsAt") FROM "Game" WHERE status = 'SCHEDULED' AND "startsAt" > $2) AS "nextKickoff",
            EXISTS (SELECT 1 FROM "Game" WHERE status = 'SCHEDULED' AND "startsAt" <= $2
                      AND "startsAt" > $2 - make_interval(hours => $3)) AS playing`,
    [provider, now, SCORES_LIVE_HOURS],
  );
  const r = rows[0]!;
  const interval =
    kind === "odds"
      ? pollInterval({
          quotaRemaining: r.quotaRemaining,
          windowHours: hoursToMonthEnd(now),
          hoursToNextKickoff: r.nextKickoff ? (r.nextKickoff.getTime() - now.getTime()) / 3_600_000 : null,
          schedule,
        })
      : kind === "scores"
        ? r.playing
          ? schedule["scores-live"]
          : schedule.scores
        : schedule[kind];
  return isDue(r.lastSuccessAt, interval, now);
}

export interface CollectionJobResult {
  ran: CollectResult[];
  /** Providers not run, with the reason. */
  skipped: { provider: ProviderName; reason: string }[];
}

export async function runCollectionJob(
  pool: pg.Pool,
  kind: CollectionKind,
  registry: Record<ProviderName, Provider>,
  opts: {
    now?: Date;
    trigger?: string;
    step?: <T>(id: string, fn: () => Promise<T>) => Promise<T>;
    schedule?: CollectSchedule;
  } = {},
): Promise<CollectionJobResult> {
  const now = opts.now ?? new Date();
  const step = opts.step ?? ((_id, fn) => fn());
  const result: CollectionJobResult = { ran: [], skipped: [] };
  for (const name of PROVIDER_KINDS[kind]) {
    const provider = registry[name];
    const reason = provider.notConfigured();
    if (reason) {
      // The health page shows the reason from the registry itself: nothing to write every minute.
      result.skipped.push({ provider: name, reason });
      continue;
    }
    if (!(await collectionDue(pool, kind, name, now, opts.schedule))) {
      result.skipped.push({ provider: name, reason: "not due yet (collection schedule)" });
      continue;
    }
    result.ran.push(
      await step(`collect-${kind}-${name}`, () =>
        runCollector(pool, provider, { now, kind, trigger: `job:collect-${kind}` }),
      ),
    );
  }
  return result;
}
