import type { Queryable } from "@/server/db/pool";
import type { MatchStats } from "@/server/domain/imports/types";
import { marketOf, type GameRecord } from "@/server/domain/features/records";
import { loadQuotes, quotesByGame } from "@/server/services/quotes/load-quotes";

export interface LeagueRecords {
  league: { id: number; key: string; name: string; sport: string };
  records: GameRecord[];
  /** Database ids of the records' games, by record id. */
  gameIds: Map<string, number>;
}

/** Every game of a league with its full-game 1X2/moneyline quotes, as the model engine reads them. */
export async function loadLeagueRecords(db: Queryable, leagueId: number): Promise<LeagueRecords> {
  const { rows: leagues } = await db.query<{ id: number; key: string; name: string; sport: string }>(
    `SELECT l.id, l.key, l.name, s.key AS sport FROM "League" l JOIN "Sport" s ON s.id = l."sportId" WHERE l.id = $1`,
    [leagueId],
  );
  const league = leagues[0];
  if (!league) throw new Error(`no league ${leagueId}`);
  const { rows: games } = await db.query<{
    id: number;
    startsAt: Date;
    localDate: string;
    season: number;
    home: string;
    away: string;
    homeScore: number | null;
    awayScore: number | null;
    status: string;
    neutralSite: boolean;
    roof: string | null;
    temperatureC: number | null;
    windKph: number | null;
    matchStats: MatchStats | null;
  }>(
    `SELECT g.id, g."startsAt", to_char(g."localDate", 'YYYY-MM-DD') AS "localDate", s."startYear" AS season,
            h.name AS home, a.name AS away, g."homeScore", g."awayScore", g.status, g."neutralSite", g.roof,
            g."temperatureC", g."windKph", g."matchStats"
       FROM "Game" g JOIN "Season" s ON s.id = g."seasonId"
       JOIN "Team" h ON h.id = g."homeTeamId" JOIN "Team" a ON a.id = g."awayTeamId"
      WHERE g."leagueId" = $1 AND g.status IN ('FINAL', 'SCHEDULED')
      ORDER BY g."startsAt", g.id`,
    [leagueId],
  );
  const byGame = quotesByGame(await loadQuotes(db, games, { markets: ["ONE_X_TWO", "MONEYLINE"], period: "FULL_GAME" }));
  const gameIds = new Map<string, number>();
  const records = games.map((g): GameRecord => {
    const id = `${league.key}:${g.localDate}:${g.home}:${g.away}`;
    gameIds.set(id, g.id);
    return {
      id,
      league: league.key,
      sport: league.sport,
      season: g.season,
      startsAt: g.startsAt,
      home: g.home,
      away: g.away,
      homeScore: g.status === "FINAL" ? g.homeScore : null,
      awayScore: g.status === "FINAL" ? g.awayScore : null,
      neutral: g.neutralSite,
      roof: g.roof,
      temperatureC: g.temperatureC,
      windKph: g.windKph,
      matchStats: g.matchStats,
      ...marketOf(byGame.get(g.id) ?? []),
    };
  });
  return { league, records, gameIds };
}
