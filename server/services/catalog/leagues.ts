import type { PrismaClient } from "@/server/db/generated/client";
import { AppError } from "@/server/errors";

export async function listLeagues(db: PrismaClient) {
  const leagues = await db.league.findMany({
    orderBy: [{ sport: { name: "asc" } }, { name: "asc" }],
    include: { sport: true, _count: { select: { games: true, teams: true, seasons: true } } },
  });
  return leagues.map((l) => ({
    key: l.key,
    name: l.name,
    country: l.country,
    sport: { key: l.sport.key, name: l.sport.name },
    games: l._count.games,
    teams: l._count.teams,
    seasons: l._count.seasons,
  }));
}

/** Just the name of a league (for its page title); null for no such league. */
export async function getLeagueName(db: PrismaClient, key: string): Promise<string | null> {
  return (await db.league.findUnique({ where: { key }, select: { name: true } }))?.name ?? null;
}

export async function getLeague(db: PrismaClient, key: string) {
  const league = await db.league.findUnique({ where: { key }, include: { sport: true } });
  if (!league) throw new AppError("NOT_FOUND", `No league "${key}".`);
  const seasons = await db.$queryRaw<
    { label: string; startYear: number; games: bigint; firstGame: Date; lastGame: Date; withOdds: bigint }[]
  >`SELECT s.label, s."startYear", count(g.id) AS games, min(g."startsAt") AS "firstGame", max(g."startsAt") AS "lastGame",
        count(g.id) FILTER (WHERE EXISTS (SELECT 1 FROM "OddsSnapshot" o WHERE o."gameId" = g.id)) AS "withOdds"
      FROM "Season" s JOIN "Game" g ON g."seasonId" = s.id
     WHERE s."leagueId" = ${league.id}
     GROUP BY s.id ORDER BY s."startYear" DESC`;
  return {
    key: league.key,
    name: league.name,
    country: league.country,
    sport: { key: league.sport.key, name: league.sport.name },
    seasons: seasons.map((s) => ({
      label: s.label,
      startYear: s.startYear,
      games: Number(s.games),
      gamesWithOdds: Number(s.withOdds),
      firstGame: s.firstGame,
      lastGame: s.lastGame,
    })),
  };
}

/** `search` is a name fragment with LIKE wildcards already escaped (the boundary schema does it). */
export async function listTeams(db: PrismaClient, leagueKey: string, search?: string) {
  const teams = await db.team.findMany({
    where: { league: { key: leagueKey }, ...(search ? { name: { contains: search, mode: "insensitive" } } : {}) },
    orderBy: { name: "asc" },
    take: 500,
    select: { id: true, name: true, abbreviation: true, kind: true },
  });
  return teams;
}
