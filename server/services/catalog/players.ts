import type { PrismaClient } from "@/server/db/generated/client";
import { escapeLike } from "@/server/api/schemas";
import { AppError } from "@/server/errors";

export interface PlayerHit {
  id: number;
  name: string;
  position: string | null;
  league: string;
  team: string | null;
  games: number;
}

/** Players whose name contains `term` (wildcards in it match themselves), most games first. */
export async function searchPlayers(db: PrismaClient, term: string, limit: number): Promise<PlayerHit[]> {
  const pattern = `%${escapeLike(term)}%`;
  const rows = await db.$queryRaw<{ id: number; name: string; position: string | null; league: string; team: string | null; games: bigint }[]>`
    SELECT p.id, p.name, p.position, l.name AS league, t.name AS team,
           (SELECT count(*) FROM "PlayerGameStat" s WHERE s."playerId" = p.id) AS games
      FROM "Player" p JOIN "League" l ON l.id = p."leagueId" LEFT JOIN "Team" t ON t.id = p."currentTeamId"
     WHERE p.name ILIKE ${pattern} ESCAPE '\\'
     ORDER BY games DESC, p.name, p.id
     LIMIT ${limit}`;
  return rows.map((r) => ({ ...r, games: Number(r.games) }));
}

/** One player with one page of game logs, newest first. */
export async function getPlayer(db: PrismaClient, id: number, page: number, pageSize: number) {
  const player = await db.player.findUnique({
    where: { id },
    select: {
      id: true,
      name: true,
      position: true,
      leagueId: true,
      currentTeam: { select: { name: true } },
      _count: { select: { stats: true } },
    },
  });
  if (!player) throw new AppError("NOT_FOUND", `No player with id ${id}. Search for the player by name.`);
  const league = await db.league.findUniqueOrThrow({ where: { id: player.leagueId }, select: { key: true, name: true } });
  const logs = await db.playerGameStat.findMany({
    where: { playerId: id },
    orderBy: { gameDate: "desc" },
    skip: (page - 1) * pageSize,
    take: pageSize,
    select: {
      gameDate: true,
      gameId: true,
      starter: true,
      won: true,
      seconds: true,
      points: true,
      rebounds: true,
      assists: true,
      steals: true,
      blocks: true,
      turnovers: true,
      fgMade: true,
      fgAttempted: true,
      threesMade: true,
      threesAttempted: true,
      ftMade: true,
      ftAttempted: true,
      team: { select: { name: true } },
      opponent: { select: { name: true } },
    },
  });
  const { _count, leagueId: _leagueId, ...rest } = player;
  return { ...rest, league, games: _count.stats, page, pages: Math.max(1, Math.ceil(_count.stats / pageSize)), logs };
}
