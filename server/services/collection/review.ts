import type pg from "pg";
import { withTransaction } from "@/server/db/transaction";
import { aliasKey } from "@/server/domain/names/normalize";
import { AppError } from "@/server/errors";

/**
 * An admin's answer to the name review queue: the provider's spelling is the team given. The spelling becomes an
 * alias of that team (so every later poll resolves it, through the one resolver imports use) and the review row
 * records the answer. Refused when the team is of another league, or when the spelling already names another team.
 */
export async function resolveReviewedName(
  pool: pg.Pool,
  input: { reviewId: number; teamId: number },
): Promise<{ alias: string }> {
  return withTransaction(pool, async (tx) => {
    const { rows } = await tx.query<{ leagueId: number; name: string }>(
      `SELECT "leagueId", name FROM "TeamNameReview" WHERE id = $1 FOR UPDATE`,
      [input.reviewId],
    );
    const review = rows[0];
    if (!review) throw new AppError("NOT_FOUND", "No such name in the review queue.");
    const team = await tx.query<{ leagueId: number }>(`SELECT "leagueId" FROM "Team" WHERE id = $1`, [input.teamId]);
    if (!team.rows[0]) throw new AppError("NOT_FOUND", "No such team.");
    if (team.rows[0].leagueId !== review.leagueId)
      throw new AppError("BAD_REQUEST", "Choose a team of the same league as the name.");
    const alias = aliasKey(review.name);
    await tx.query(
      `INSERT INTO "TeamAlias" ("leagueId", "teamId", alias) VALUES ($1, $2, $3) ON CONFLICT ("leagueId", alias) DO NOTHING`,
      [review.leagueId, input.teamId, alias],
    );
    const owner = await tx.query<{ teamId: number }>(
      `SELECT "teamId" FROM "TeamAlias" WHERE "leagueId" = $1 AND alias = $2`,
      [review.leagueId, alias],
    );
    if (owner.rows[0]!.teamId !== input.teamId)
      throw new AppError("CONFLICT", `"${review.name}" already names another team of this league.`);
    await tx.query(`UPDATE "TeamNameReview" SET "resolvedTeamId" = $2 WHERE id = $1`, [input.reviewId, input.teamId]);
    return { alias };
  });
}

/** Teams of a review row's league, for the admin's choice. */
export async function teamsForReview(
  db: Pick<pg.Pool, "query">,
  reviewId: number,
): Promise<{ id: number; name: string }[]> {
  const { rows } = await db.query<{ id: number; name: string }>(
    `SELECT t.id, t.name FROM "Team" t JOIN "TeamNameReview" r ON r."leagueId" = t."leagueId" WHERE r.id = $1 ORDER BY t.name`,
    [reviewId],
  );
  return rows;
}
