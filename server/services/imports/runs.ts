import { z } from "zod";
import type { Prisma, PrismaClient } from "@/server/db/generated/client";
import { AppError } from "@/server/errors";
import { ADVISORY_LOCKS } from "@/server/db/locks";
import { recordAudit, type AuditEntry } from "@/server/services/audit/record";

type AuditActor = NonNullable<AuditEntry["actor"]>;

/** The import history, and what an administrator can do with a run: hide it, or delete what only it created. */

const Issue = z.object({ line: z.number(), message: z.string(), kind: z.string().optional() });

export function listRuns(db: PrismaClient, limit: number) {
  return db.importRun.findMany({ orderBy: { startedAt: "desc" }, take: limit, omit: { errors: true, checksum: true, userId: true } });
}

export async function getRun(db: PrismaClient, id: string) {
  const run = await db.importRun.findUnique({ where: { id }, omit: { userId: true } });
  if (!run) throw new AppError("NOT_FOUND", "No such import.");
  return { ...run, errors: z.array(Issue).parse(run.errors) };
}

/** Hidden runs' games leave non-admin game lists unless a visible run also contains them; nothing is removed. */
export async function setRunHidden(db: PrismaClient, actor: AuditActor, id: string, hidden: boolean): Promise<void> {
  const count = await db.$transaction(async (tx) => {
    const { count } = await tx.importRun.updateMany({ where: { id, deletedAt: null }, data: { hiddenAt: hidden ? new Date() : null } });
    if (count === 1) await recordAudit(tx, { actor, action: hidden ? "importRun.hide" : "importRun.show", target: { type: "importRun", id } });
    return count;
  });
  if (count === 0) {
    const exists = await db.importRun.count({ where: { id } });
    throw exists ? new AppError("CONFLICT", "This import was deleted: there is nothing left to hide.") : new AppError("NOT_FOUND", "No such import.");
  }
}

/**
 * Game list filter for users who are not administrators: games of hidden runs only are left out. Written as
 * "not (in a hidden run and in no visible run)" so that the second test, over every run link, is evaluated
 * only for the few games of hidden runs.
 */
export const visibleToUsers: Prisma.GameWhereInput = {
  NOT: {
    AND: [
      { importRuns: { some: { importRun: { hiddenAt: { not: null } } } } },
      { importRuns: { none: { importRun: { hiddenAt: null } } } },
    ],
  },
};

export interface DeletedRun {
  games: number;
  odds: number;
  playerStats: number;
  /** Games the run described that stay because another import also contains them. */
  keptGames: number;
  message: string;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * Deletes what only this run created, in one transaction under the import lock (no import runs meanwhile):
 * - games no other run describes (with their prices, predictions and run links); games imported before runs
 *   were tracked are never removed;
 * - on games another run also describes, the prices this source wrote when no other run of the same source
 *   describes the game (a re-import of the same file keeps them);
 * - box scores it inserted, unless a live run imported the same file;
 * - seasons, teams and leagues left without games.
 * Refuses, changing nothing, when bets are on the games it would remove: bets keep their game.
 */
export async function deleteRun(db: PrismaClient, actor: AuditActor, id: string): Promise<DeletedRun> {
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ADVISORY_LOCKS.imports}::bigint)`;
      const [run] = await tx.$queryRaw<{ source: string; checksum: string; status: string; deletedAt: Date | null }[]>`
        SELECT source, checksum, status::text, "deletedAt" FROM "ImportRun" WHERE id = ${id} FOR UPDATE`;
      if (!run) throw new AppError("NOT_FOUND", "No such import.");
      if (run.deletedAt) throw new AppError("CONFLICT", "This import was already deleted.");
      if (run.status === "RUNNING") throw new AppError("CONFLICT", "This import is still running: wait for it to finish.");

      // Locked so that no bet can be placed on them between the count below and the delete.
      const only = await tx.$queryRaw<{ id: number; leagueId: number; seasonId: number; homeTeamId: number; awayTeamId: number }[]>`
        SELECT g.id, g."leagueId", g."seasonId", g."homeTeamId", g."awayTeamId"
          FROM "ImportRunGame" rg JOIN "Game" g ON g.id = rg."gameId"
         WHERE rg."importRunId" = ${id} AND g."importRunId" IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM "ImportRunGame" o WHERE o."gameId" = rg."gameId" AND o."importRunId" <> ${id})
         FOR UPDATE OF g`;
      const gameIds = only.map((g) => g.id);
      const [bets] = await tx.$queryRaw<{ bets: number; users: number }[]>`
        SELECT count(*)::int AS bets, count(DISTINCT "userId")::int AS users FROM "Bet" WHERE "gameId" = ANY(${gameIds}::int[])`;
      if (bets!.bets > 0) {
        throw new AppError(
          "CONFLICT",
          `${plural(bets!.bets, "bet")} by ${plural(bets!.users, "user")} ${bets!.bets === 1 ? "is" : "are"} on games only this import ` +
            "created, so it cannot be deleted. Hide the import instead: its games leave users' lists and the bets keep their game.",
        );
      }

      const sharedOdds = await tx.$executeRaw`
        DELETE FROM "OddsSnapshot" o USING "ImportRunGame" rg
         WHERE rg."importRunId" = ${id} AND o."gameId" = rg."gameId" AND NOT (o."gameId" = ANY(${gameIds}::int[]))
           AND o."importRunId" IS NOT NULL AND o.source = ${run.source}
           AND NOT EXISTS (
             SELECT 1 FROM "ImportRunGame" x JOIN "ImportRun" r ON r.id = x."importRunId"
              WHERE x."gameId" = o."gameId" AND x."importRunId" <> ${id} AND r.source = ${run.source})`;
      const [ownOdds] = await tx.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM "OddsSnapshot" WHERE "gameId" = ANY(${gameIds}::int[])`;
      const playerStats = await tx.$executeRaw`
        DELETE FROM "PlayerGameStat"
         WHERE "importRunId" IN (SELECT r.id FROM "ImportRun" r WHERE r.checksum = ${run.checksum} AND (r.id = ${id} OR r."deletedAt" IS NOT NULL))
           AND NOT EXISTS (
             SELECT 1 FROM "ImportRun" r WHERE r.checksum = ${run.checksum} AND r.id <> ${id} AND r."deletedAt" IS NULL AND r.status = 'SUCCEEDED')`;
      await tx.$executeRaw`DELETE FROM "Game" WHERE id = ANY(${gameIds}::int[])`;
      await removeEmptyCatalogue(tx, only);

      const [described] = await tx.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM "ImportRunGame" WHERE "importRunId" = ${id}`;
      await tx.$executeRaw`DELETE FROM "ImportRunGame" WHERE "importRunId" = ${id}`;
      const odds = sharedOdds + ownOdds!.n;
      const keptGames = described!.n;
      const message =
        `Deleted: removed ${plural(gameIds.length, "game")} and ${plural(odds, "price")}` +
        (playerStats ? `, ${plural(playerStats, "box score")}` : "") +
        (keptGames ? `; kept ${plural(keptGames, "game")} that other imports also contain.` : ".");
      await tx.importRun.update({ where: { id }, data: { deletedAt: new Date(), hiddenAt: null, message } });
      await recordAudit(tx, {
        actor,
        action: "importRun.delete",
        target: { type: "importRun", id },
        details: { source: run.source, games: gameIds.length, odds, playerStats, keptGames },
      });
      return { games: gameIds.length, odds, playerStats, keptGames, message };
    },
    // Large runs delete many rows; the default 5 s would cut them off.
    { timeout: 300_000, maxWait: 30_000 },
  );
}

/** Seasons, teams and leagues of the removed games that no longer have anything in them. */
async function removeEmptyCatalogue(
  tx: Prisma.TransactionClient,
  games: { leagueId: number; seasonId: number; homeTeamId: number; awayTeamId: number }[],
): Promise<void> {
  if (games.length === 0) return;
  const seasons = [...new Set(games.map((g) => g.seasonId))];
  const teams = [...new Set(games.flatMap((g) => [g.homeTeamId, g.awayTeamId]))];
  const leagues = [...new Set(games.map((g) => g.leagueId))];
  await tx.$executeRaw`
    DELETE FROM "Season" s WHERE s.id = ANY(${seasons}::int[]) AND NOT EXISTS (SELECT 1 FROM "Game" g WHERE g."seasonId" = s.id)`;
  await tx.$executeRaw`
    DELETE FROM "Team" t WHERE t.id = ANY(${teams}::int[])
       AND NOT EXISTS (SELECT 1 FROM "Game" g WHERE g."homeTeamId" = t.id OR g."awayTeamId" = t.id)
       AND NOT EXISTS (SELECT 1 FROM "Player" p WHERE p."currentTeamId" = t.id)
       AND NOT EXISTS (SELECT 1 FROM "PlayerGameStat" p WHERE p."teamId" = t.id OR p."opponentId" = t.id)`;
  await tx.$executeRaw`
    DELETE FROM "League" l WHERE l.id = ANY(${leagues}::int[])
       AND NOT EXISTS (SELECT 1 FROM "Game" g WHERE g."leagueId" = l.id)
       AND NOT EXISTS (SELECT 1 FROM "Team" t WHERE t."leagueId" = l.id)
       AND NOT EXISTS (SELECT 1 FROM "Evaluation" e WHERE e."leagueId" = l.id)
       AND NOT EXISTS (SELECT 1 FROM "ModelVersion" m WHERE m."leagueId" = l.id)`;
}
