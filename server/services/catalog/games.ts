import type { PrismaClient, Prisma } from "@/server/db/generated/client";
import { buildLineMovement, buildOddsTables } from "@/server/domain/odds/odds-table";
import type { Queryable } from "@/server/db/pool";
import { loadQuotes } from "@/server/services/quotes/load-quotes";
import { AppError } from "@/server/errors";
import { visibleToUsers } from "@/server/services/imports/runs";

export interface GameFilters {
  sport?: string | undefined;
  league?: string | undefined;
  season?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  teamId?: number | undefined;
  status?: "SCHEDULED" | "FINAL" | "POSTPONED" | "CANCELLED" | undefined;
  /** newest first (the default), or soonest first for today's and upcoming games */
  order?: "newest" | "soonest" | undefined;
  /** A team-name fragment with LIKE wildcards already escaped (the boundary schema does it). */
  search?: string | undefined;
  cursor?: number | undefined;
  limit: number;
  /** Administrators also see games that only hidden import runs contain. */
  includeHidden?: boolean;
}

const gameSummarySelect = {
  id: true,
  startsAt: true,
  startTimeKnown: true,
  status: true,
  statusDetail: true,
  homeScore: true,
  awayScore: true,
  neutralSite: true,
  stage: true,
  league: { select: { key: true, name: true, sport: { select: { key: true, name: true } } } },
  season: { select: { label: true } },
  homeTeam: { select: { id: true, name: true, abbreviation: true } },
  awayTeam: { select: { id: true, name: true, abbreviation: true } },
} satisfies Prisma.GameSelect;

/** Newest first unless asked for soonest first; the cursor is the last game's id of the previous page. */
export async function listGames(db: PrismaClient, f: GameFilters) {
  const search = f.search?.trim();
  const where: Prisma.GameWhereInput = {
    ...(f.league ? { league: { key: f.league } } : f.sport ? { league: { sport: { key: f.sport } } } : {}),
    ...(f.season ? { season: { label: f.season } } : {}),
    ...(f.from || f.to ? { startsAt: { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lte: f.to } : {}) } } : {}),
    ...(f.teamId ? { OR: [{ homeTeamId: f.teamId }, { awayTeamId: f.teamId }] } : {}),
    ...(f.status ? { status: f.status } : {}),
  };
  const and: Prisma.GameWhereInput[] = f.includeHidden ? [] : [visibleToUsers];
  if (search) {
    // Teams first (a small table), then games by team id: far cheaper than matching names per game.
    const teams = await db.team.findMany({
      where: { name: { contains: search, mode: "insensitive" }, ...(f.league ? { league: { key: f.league } } : {}) },
      select: { id: true },
      take: 200,
    });
    const ids = teams.map((t) => t.id);
    and.push({ OR: [{ homeTeamId: { in: ids } }, { awayTeamId: { in: ids } }] });
  }
  if (and.length) where.AND = and;
  const rows = await db.game.findMany({
    where,
    select: gameSummarySelect,
    orderBy: f.order === "soonest" ? [{ startsAt: "asc" }, { id: "asc" }] : [{ startsAt: "desc" }, { id: "desc" }],
    take: f.limit + 1,
    ...(f.cursor ? { cursor: { id: f.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, f.limit);
  // Counted for this page only: Prisma's `_count` aggregates the whole odds table before joining.
  const counts = await db.oddsSnapshot.groupBy({
    by: ["gameId"],
    where: { gameId: { in: page.map((g) => g.id) } },
    _count: { _all: true },
  });
  const oddsCount = new Map(counts.map((c) => [c.gameId, c._count._all]));
  return {
    items: page.map((g) => ({ ...g, oddsCount: oddsCount.get(g.id) ?? 0 })),
    nextCursor: rows.length > f.limit ? page[page.length - 1]!.id : null,
  };
}

/** Just the teams of a game (for its page title); null for no such game. */
export function getMatchup(db: PrismaClient, id: number) {
  return db.game.findUnique({
    where: { id },
    select: { neutralSite: true, league: { select: { sport: { select: { key: true } } } }, homeTeam: { select: { name: true } }, awayTeam: { select: { name: true } } },
  });
}

export async function getGame(db: PrismaClient, pool: Queryable, id: number) {
  const game = await db.game.findUnique({
    where: { id },
    select: {
      ...gameSummarySelect,
      localDate: true,
      periodScores: true,
      roof: true,
      surface: true,
      temperatureC: true,
      windKph: true,
      primarySource: true,
      venue: { select: { name: true } },
    },
  });
  if (!game) throw new AppError("NOT_FOUND", `No game with id ${id}.`);
  const quotes = await loadQuotes(pool, [game]);
  return {
    ...game,
    periodScores: (game.periodScores as { period: string; home: number; away: number }[] | null) ?? null,
    oddsCount: quotes.length,
    oddsTables: buildOddsTables(quotes),
    lineMovement: buildLineMovement(quotes),
  };
}
