import type { Queryable } from "@/server/db/pool";
import type { WalkForwardRow } from "@/server/ml/evaluate";
import { outcomeProbabilities, type OutcomeProbabilities } from "@/server/ml/walk-forward";

/** Rows per INSERT: keeps each statement's parameter arrays a few megabytes at most. */
const CHUNK = 10_000;

/**
 * Stores an evaluation's walk-forward predictions. Idempotent: the key (evaluation, model, game) makes a
 * retried run write nothing twice. Records without a stored game (none, when read from the database) are left out.
 */
export async function storeWalkForwardPredictions(
  db: Queryable,
  evaluationId: number,
  rows: WalkForwardRow[],
  gameIds: Map<string, number>,
  classes: number,
): Promise<number> {
  const stored = rows.flatMap((r) => {
    const gameId = gameIds.get(r.recordId);
    return gameId === undefined
      ? []
      : [{ gameId, model: r.model, testSeason: r.testSeason, ...outcomeProbabilities(r.probabilities, classes) }];
  });
  let inserted = 0;
  for (let start = 0; start < stored.length; start += CHUNK) {
    const chunk = stored.slice(start, start + CHUNK);
    const result = await db.query(
      `INSERT INTO "WalkForwardPrediction" ("evaluationId", model, "gameId", "testSeason", home, draw, away)
       SELECT $1, m, g, s, h, d, a FROM unnest($2::text[], $3::int[], $4::int[], $5::float8[], $6::float8[], $7::float8[]) AS x(m, g, s, h, d, a)
       ON CONFLICT ("evaluationId", model, "gameId") DO NOTHING`,
      [
        evaluationId,
        chunk.map((r) => r.model),
        chunk.map((r) => r.gameId),
        chunk.map((r) => r.testSeason),
        chunk.map((r) => r.home),
        chunk.map((r) => r.draw),
        chunk.map((r) => r.away),
      ],
    );
    inserted += result.rowCount ?? 0;
  }
  return inserted;
}

/**
 * The user's walk-forward probabilities of `model` by game id: for each league, the rows of its latest
 * succeeded evaluation that produced that model (an ensemble's members count too). `leagueIds` empty = every
 * league, as a strategy's empty league list means.
 */
export async function loadWalkForwardProbabilities(
  db: Queryable,
  input: { userId: string; leagueIds: number[]; model: string },
): Promise<Map<number, OutcomeProbabilities>> {
  const { rows } = await db.query<{ gameId: number; home: number; draw: number | null; away: number }>(
    `WITH latest AS (
       SELECT DISTINCT ON (e."leagueId") e.id
         FROM "Evaluation" e
        WHERE e."userId" = $1 AND e.status = 'SUCCEEDED' AND (cardinality($2::int[]) = 0 OR e."leagueId" = ANY($2))
          AND EXISTS (SELECT 1 FROM "WalkForwardPrediction" w WHERE w."evaluationId" = e.id AND w.model = $3)
        ORDER BY e."leagueId", e."finishedAt" DESC, e.id DESC)
     SELECT w."gameId", w.home, w.draw, w.away
       FROM "WalkForwardPrediction" w JOIN latest ON latest.id = w."evaluationId"
      WHERE w.model = $3`,
    [input.userId, input.leagueIds, input.model],
  );
  return new Map(rows.map((r) => [r.gameId, { home: r.home, draw: r.draw, away: r.away }]));
}
