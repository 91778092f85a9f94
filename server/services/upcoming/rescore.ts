import type pg from "pg";
import { buildFeatures } from "@/server/domain/features/build";
import { settingsFor } from "@/server/domain/features/sports";
import { namedProbabilities } from "@/server/ml/evaluate";
import { predictRows, SessionCache } from "@/server/ml/inference";
import { featuresHash, loadArtifact } from "@/server/ml/registry";
import { loadLeagueRecords } from "@/server/services/models/league-records";

/** Upcoming means starting within this window: what live collection keeps fresh (60-second polls). */
export const RESCORE_WINDOW_HOURS = 48;

export interface RescoreResult {
  leagues: number;
  versions: number;
  /** Upcoming games looked at per model version, summed. */
  scored: number;
  /** New predictions: features changed since the newest stored one (or there was none). */
  inserted: number;
}

interface ServedVersion {
  id: number;
  featureNames: string[];
  artifact: Uint8Array | null;
  artifactPath: string | null;
  artifactSha256: string;
}

/**
 * Re-scores upcoming games with every served model (each user's newest version of each model of the league):
 * features are recomputed from the data known now, and a Prediction is inserted only when their hash differs
 * from the newest stored one for that version and game, so history is kept and nothing is written twice.
 * Games that have started are never predicted. `gameIds` narrows the work to those games' leagues.
 */
export async function scoreUpcoming(pool: pg.Pool, options: { gameIds?: number[]; now?: Date } = {}): Promise<RescoreResult> {
  const now = options.now ?? new Date();
  const until = new Date(now.getTime() + RESCORE_WINDOW_HOURS * 3_600_000);
  const { rows: leagues } = await pool.query<{ leagueId: number; gameIds: number[] }>(
    `SELECT g."leagueId", array_agg(g.id) AS "gameIds" FROM "Game" g
      WHERE g.status = 'SCHEDULED' AND g."startsAt" > $1 AND g."startsAt" <= $2
        AND ($3::int[] IS NULL OR g."leagueId" IN (SELECT "leagueId" FROM "Game" WHERE id = ANY($3::int[])))
        AND EXISTS (SELECT 1 FROM "ModelVersion" v WHERE v."leagueId" = g."leagueId")
      GROUP BY g."leagueId" ORDER BY g."leagueId"`,
    [now, until, options.gameIds ?? null],
  );
  const result: RescoreResult = { leagues: leagues.length, versions: 0, scored: 0, inserted: 0 };
  const sessions = new SessionCache(4);
  try {
    for (const league of leagues) {
      const { rows: versions } = await pool.query<ServedVersion>(
        `SELECT DISTINCT ON ("userId", name) id, "featureNames", artifact, "artifactPath", "artifactSha256"
           FROM "ModelVersion" WHERE "leagueId" = $1 ORDER BY "userId", name, version DESC`,
        [league.leagueId],
      );
      const { records, gameIds } = await loadLeagueRecords(pool, league.leagueId, { asOf: now });
      const settings = settingsFor(records[0]!.sport);
      const features = buildFeatures(records, settings);
      const column = new Map(features.specs.map((s, i) => [s.name, i]));
      const wanted = new Set(league.gameIds);
      const upcoming = features.rows.filter((r) => r.game.homeScore === null && r.game.startsAt > now && wanted.has(gameIds.get(r.game.id)!));
      for (const v of versions) {
        // A version trained on features this code no longer computes cannot be served honestly: skip it.
        if (v.featureNames.some((n) => !column.has(n))) continue;
        result.versions++;
        const inputs = upcoming.map((r) => v.featureNames.map((n) => r.values[column.get(n)!]!));
        const hashes = inputs.map((x) => featuresHash(v.featureNames, x));
        const ids = upcoming.map((r) => gameIds.get(r.game.id)!);
        result.scored += ids.length;
        const { rows: newest } = await pool.query<{ gameId: number; featuresHash: string }>(
          `SELECT DISTINCT ON ("gameId") "gameId", "featuresHash" FROM "Prediction"
            WHERE "modelVersionId" = $1 AND "gameId" = ANY($2::int[]) ORDER BY "gameId", "createdAt" DESC, id DESC`,
          [v.id, ids],
        );
        const current = new Map(newest.map((p) => [p.gameId, p.featuresHash]));
        const changed = ids.flatMap((id, i) => (current.get(id) === hashes[i] ? [] : [i]));
        if (changed.length === 0) continue;
        const session = await sessions.get(String(v.id), () => loadArtifact(v));
        const probs = await predictRows(session, changed.map((i) => inputs[i]!), v.featureNames.length);
        // Features that went back to values seen before meet the unique key: that row becomes the newest again.
        const written = await pool.query(
          `INSERT INTO "Prediction" ("modelVersionId", "gameId", probabilities, "featuresHash", "createdAt")
           SELECT $1, g, p, h, $5 FROM unnest($2::int[], $3::jsonb[], $4::text[]) AS x(g, p, h)
           ON CONFLICT ("modelVersionId", "gameId", "featuresHash") DO UPDATE SET probabilities = EXCLUDED.probabilities, "createdAt" = EXCLUDED."createdAt"`,
          [
            v.id,
            changed.map((i) => ids[i]!),
            probs.map((p) => JSON.stringify(namedProbabilities(p, settings.classes))),
            changed.map((i) => hashes[i]!),
            now,
          ],
        );
        result.inserted += written.rowCount ?? 0;
      }
    }
  } finally {
    await sessions.clear();
  }
  return result;
}
