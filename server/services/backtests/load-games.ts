import type { Queryable } from "@/server/db/pool";
import { backtestQuotesOf, type BacktestGame } from "@/server/domain/backtest/games";
import { loadQuotes, quotesByGame } from "@/server/services/quotes/load-quotes";

export interface GameScope {
  leagueKeys: string[] | null;
  fromSeason?: number;
  toSeason?: number;
}

/**
 * Played games of the leagues and seasons asked for, with every full-game price stored for them (archive
 * imports and live snapshots alike), as the backtest engine reads them. Record ids match the model engine's,
 * so walk-forward predictions join on them; `gameIds` maps them back to database ids.
 */
export async function loadBacktestGames(
  db: Queryable,
  scope: GameScope,
): Promise<{ games: BacktestGame[]; gameIds: Map<string, number> }> {
  const { rows } = await db.query<{
    id: number;
    startsAt: Date;
    localDate: string;
    season: number;
    league: string;
    sport: string;
    home: string;
    away: string;
    homeScore: number | null;
    awayScore: number | null;
    roof: string | null;
    temperatureC: number | null;
    windKph: number | null;
  }>(
    `SELECT g.id, g."startsAt", to_char(g."localDate", 'YYYY-MM-DD') AS "localDate", se."startYear" AS season,
            l.key AS league, sp.key AS sport, h.name AS home, a.name AS away, g."homeScore", g."awayScore",
            g.roof, g."temperatureC", g."windKph"
       FROM "Game" g JOIN "Season" se ON se.id = g."seasonId"
       JOIN "League" l ON l.id = g."leagueId" JOIN "Sport" sp ON sp.id = l."sportId"
       JOIN "Team" h ON h.id = g."homeTeamId" JOIN "Team" a ON a.id = g."awayTeamId"
      WHERE g.status = 'FINAL'
        AND ($1::text[] IS NULL OR l.key = ANY($1))
        AND ($2::int IS NULL OR se."startYear" >= $2) AND ($3::int IS NULL OR se."startYear" <= $3)
      ORDER BY g."startsAt", g.id`,
    [scope.leagueKeys, scope.fromSeason ?? null, scope.toSeason ?? null],
  );
  const byGame = quotesByGame(await loadQuotes(db, rows, { period: "FULL_GAME" }));
  const gameIds = new Map<string, number>();
  const games = rows.map((g): BacktestGame => {
    const id = `${g.league}:${g.localDate}:${g.home}:${g.away}`;
    gameIds.set(id, g.id);
    return {
      id,
      league: g.league,
      sport: g.sport,
      season: g.season,
      startsAt: g.startsAt,
      home: g.home,
      away: g.away,
      homeScore: g.homeScore,
      awayScore: g.awayScore,
      roof: g.roof,
      temperatureC: g.temperatureC,
      windKph: g.windKph,
      quotes: backtestQuotesOf(byGame.get(g.id) ?? []),
    };
  });
  return { games, gameIds };
}
