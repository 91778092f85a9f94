import type { Queryable } from "@/server/db/pool";
import { AppError } from "@/server/errors";

/**
 * Games a user follows. Following and unfollowing are idempotent single statements (insert-or-nothing,
 * delete-whatever-is-there), so two tabs or a retried request can never fail on, or double, a follow.
 * A user only ever reads their own follows.
 */

/** Follows the game (a second follow changes nothing). NOT_FOUND when there is no such game. */
export async function followGame(db: Queryable, userId: string, gameId: number): Promise<{ gameId: number; following: true }> {
  const { rows } = await db.query<{ found: boolean }>(
    `WITH game AS (SELECT id FROM "Game" WHERE id = $2),
          ins AS (INSERT INTO "GameFollow" ("userId", "gameId") SELECT $1, id FROM game ON CONFLICT DO NOTHING)
     SELECT EXISTS (SELECT 1 FROM game) AS found`,
    [userId, gameId],
  );
  if (!rows[0]?.found) throw new AppError("NOT_FOUND", `No game with id ${gameId}.`);
  return { gameId, following: true };
}

/** Stops following the game; not following it already is fine. */
export async function unfollowGame(db: Queryable, userId: string, gameId: number): Promise<{ gameId: number; following: false }> {
  await db.query(`DELETE FROM "GameFollow" WHERE "userId" = $1 AND "gameId" = $2`, [userId, gameId]);
  return { gameId, following: false };
}

/** Of `gameIds` (or of all games when null), those the user follows. */
export async function followedGameIds(db: Queryable, userId: string, gameIds: number[] | null = null): Promise<Set<number>> {
  const { rows } = await db.query<{ gameId: number }>(
    `SELECT "gameId" FROM "GameFollow" WHERE "userId" = $1 AND ($2::int[] IS NULL OR "gameId" = ANY($2::int[]))`,
    [userId, gameIds],
  );
  return new Set(rows.map((r) => r.gameId));
}

/** Per user, the games among `gameIds` they follow: the steam evaluator's view for many rules at once. */
export async function followsByUser(db: Queryable, userIds: string[], gameIds: number[]): Promise<Map<string, Set<number>>> {
  const out = new Map<string, Set<number>>();
  if (userIds.length === 0 || gameIds.length === 0) return out;
  const { rows } = await db.query<{ userId: string; gameId: number }>(
    `SELECT "userId", "gameId" FROM "GameFollow" WHERE "userId" = ANY($1::text[]) AND "gameId" = ANY($2::int[])`,
    [userIds, gameIds],
  );
  for (const r of rows) {
    const set = out.get(r.userId);
    if (set) set.add(r.gameId);
    else out.set(r.userId, new Set([r.gameId]));
  }
  return out;
}
