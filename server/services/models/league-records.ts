import type { Queryable } from "@/server/db/pool";
import type { MatchStats } from "@/server/domain/imports/types";
import { marketOf, type GameRecord } from "@/server/domain/features/records";
import type { GameInjuries } from "@/server/domain/injuries/known";
import { loadInjuriesAsOf } from "@/server/services/injuries/known-injuries";
import { loadQuotes, quotesByGame } from "@/server/services/quotes/load-quotes";

export interface LeagueRecords {
  league: { id: number; key: string; name: string; sport: string };
  records: GameRecord[];
  /** Database ids of the records' games, by record id. */
  gameIds: Map<string, number>;
}

/**
 * Every game of a league with its full-game 1X2/moneyline quotes and its injury reports, as the model engine
 * reads them. Injuries are those known at `asOf` (default now) or at kick-off, whichever is earlier: a played
 * game never sees a report collected after it started.
 */
export async function loadLeagueRecords(db: Queryable, leagueId: number, options: { asOf?: Date } = {}): Promise<LeagueRecords> {
  const asOf = options.asOf ?? new Date();
  const { rows: leagues } = await db.query<{ id: number; key: string; name: string; sport: string }>(
    `SELECT l.id, l.key, l.name, s.key AS sport FROM "League" l JOIN "Sport" s ON s.id = l."sportId" WHERE l.id = $1`,
    [leagueId],
  );
  const league = leagues[0];
  if (!league) throw new Error(`no league ${leagueId}`);
  const { rows: games } = await db.query<{
    id: number;
    homeTeamId: number;
    awayTeamId: number;
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
    `SELECT g.id, g."homeTeamId", g."awayTeamId", g."startsAt", to_char(g."localDate", 'YYYY-MM-DD') AS "localDate", s."startYear" AS season,
            h.name AS home, a.name AS away, g."homeScore", g."awayScore", g.status, g."neutralSite", g.roof,
            g."temperatureC", g."windKph", g."matchStats"
       FROM "Game" g JOIN "Season" s ON s.id = g."seasonId"
       JOIN "Team" h ON h.id = g."homeTeamId" JOIN "Team" a ON a.id = g."awayTeamId"
      WHERE g."leagueId" = $1 AND g.status IN ('FINAL', 'SCHEDULED')
      ORDER BY g."startsAt", g.id`,
    [leagueId],
  );
  const byGame = quotesByGame(await loadQuotes(db, games, { markets: ["ONE_X_TWO", "MONEYLINE"], period: "FULL_GAME" }));
  const injuries = await loadInjuriesAsOf(
    db,
    games.map((g) => ({ id: g.id, homeTeamId: g.homeTeamId, awayTeamId: g.awayTeamId, at: g.startsAt < asOf ? g.startsAt : asOf })),
  );
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
      ...knownInjuries(injuries.get(g.id)),
    };
  });
  return { league, records, gameIds };
}

/** Only games with a report known on either side carry injuries (GameRecord.injuries is absent otherwise). */
function knownInjuries(injuries: GameInjuries | undefined): Pick<GameRecord, "injuries"> {
  return injuries && (injuries.home || injuries.away) ? { injuries } : {};
}
