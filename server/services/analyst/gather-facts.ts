import type { Queryable } from "@/server/db/pool";
import { winnerSelectionsOf, type AnalystFacts, type FormGameFact, type HeadToHeadFact, type InjuryFact } from "@/server/domain/analyst/facts";
import { oddsFactsOf } from "@/server/domain/analyst/odds-facts";
import { winnerMarketOf } from "@/server/domain/vocabulary";
import { loadQuotes } from "@/server/services/quotes/load-quotes";

/**
 * The facts the product holds about upcoming games, as they stood at `now`: nothing learned later may reach the
 * prompt (the analyst is graded only on forward picks, and a fact from after `now` would be a leak). Per source:
 * - prices: stored snapshots known by `now` (OddsSnapshot via loadQuotes; OddsLatest is only ever the newest of
 *   those, so it adds nothing and could be newer than `now`);
 * - model predictions: the user's own model versions, predicted at or before `now`, the newest version per model;
 * - form, head-to-head: games whose result was known, taken as kick-off at least RESULT_KNOWN_AFTER_MS before `now`;
 * - rest: the previous game that had started by `now`;
 * - injuries: each player's latest report collected by `now`;
 * - weather: a forecast made by `now` (an archive game's observed weather is not a forecast and is left out).
 * Games that are not scheduled in the future of `now` get no facts, with the reason.
 */

/** A game's result is taken as known this long after its kick-off (the longest games, NFL, run about 3.5 h). */
export const RESULT_KNOWN_AFTER_MS = 4 * 3_600_000;
const FORM_GAMES = 5;
const H2H_GAMES = 5;
const INJURIES_PER_TEAM = 15;
const DAY_MS = 86_400_000;

export interface GatheredFacts {
  facts: AnalystFacts[];
  skipped: { gameId: number; reason: string }[];
}

interface GameRow {
  id: number;
  startsAt: Date;
  status: string;
  league: string;
  sport: string;
  homeTeamId: number;
  awayTeamId: number;
  home: string;
  away: string;
  temperatureC: number | null;
  windKph: number | null;
  gustKph: number | null;
  precipitationMm: number | null;
  weatherForecastAt: Date | null;
}

interface PastGameRow {
  team: number;
  startsAt: Date;
  homeTeamId: number;
  home: string;
  away: string;
  homeScore: number;
  awayScore: number;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

export async function gatherFacts(db: Queryable, gameIds: number[], now: Date, userId: string): Promise<GatheredFacts> {
  const skipped: GatheredFacts["skipped"] = [];
  if (gameIds.length === 0) return { facts: [], skipped };
  const { rows: games } = await db.query<GameRow>(
    `SELECT g.id, g."startsAt", g.status, l.name AS league, s.key AS sport, g."homeTeamId", g."awayTeamId", h.name AS home, a.name AS away,
            g."temperatureC", g."windKph", g."gustKph", g."precipitationMm", g."weatherForecastAt"
       FROM "Game" g JOIN "League" l ON l.id = g."leagueId" JOIN "Sport" s ON s.id = l."sportId"
       JOIN "Team" h ON h.id = g."homeTeamId" JOIN "Team" a ON a.id = g."awayTeamId"
      WHERE g.id = ANY($1::int[])`,
    [gameIds],
  );
  const found = new Map(games.map((g) => [g.id, g]));
  const upcoming: GameRow[] = [];
  for (const id of gameIds) {
    const g = found.get(id);
    if (!g) skipped.push({ gameId: id, reason: "no such game" });
    else if (g.status !== "SCHEDULED" || g.startsAt <= now) skipped.push({ gameId: id, reason: `not upcoming at ${now.toISOString()} (${g.status}, kick-off ${g.startsAt.toISOString()})` });
    else upcoming.push(g);
  }
  if (upcoming.length === 0) return { facts: [], skipped };

  const ids = upcoming.map((g) => g.id);
  const teams = [...new Set(upcoming.flatMap((g) => [g.homeTeamId, g.awayTeamId]))];
  const resultsKnownBy = new Date(now.getTime() - RESULT_KNOWN_AFTER_MS);
  const [quotes, predictions, form, previous, h2h, injuries] = await Promise.all([
    loadQuotes(db, upcoming, { markets: ["ONE_X_TWO", "MONEYLINE"], period: "FULL_GAME" }),
    db.query<{ gameId: number; model: string; version: number; probabilities: Record<string, number>; createdAt: Date }>(
      `SELECT DISTINCT ON (p."gameId", v.name) p."gameId", v.name AS model, v.version, p.probabilities, p."createdAt"
         FROM "Prediction" p JOIN "ModelVersion" v ON v.id = p."modelVersionId"
        WHERE p."gameId" = ANY($1::int[]) AND v."userId" = $2 AND p."createdAt" <= $3
        ORDER BY p."gameId", v.name, v.version DESC`,
      [ids, userId, now],
    ),
    db.query<PastGameRow>(
      `SELECT t.team, g."startsAt", g."homeTeamId", h.name AS home, a.name AS away, g."homeScore", g."awayScore"
         FROM unnest($1::int[]) AS t(team)
         CROSS JOIN LATERAL (
           SELECT * FROM "Game" x
            WHERE (x."homeTeamId" = t.team OR x."awayTeamId" = t.team) AND x.status = 'FINAL'
              AND x."homeScore" IS NOT NULL AND x."awayScore" IS NOT NULL AND x."startsAt" <= $2
            ORDER BY x."startsAt" DESC LIMIT ${FORM_GAMES}) g
         JOIN "Team" h ON h.id = g."homeTeamId" JOIN "Team" a ON a.id = g."awayTeamId"
        ORDER BY t.team, g."startsAt" DESC`,
      [teams, resultsKnownBy],
    ),
    db.query<{ team: number; startsAt: Date }>(
      `SELECT t.team, g."startsAt"
         FROM unnest($1::int[]) AS t(team)
         CROSS JOIN LATERAL (
           SELECT x."startsAt" FROM "Game" x
            WHERE (x."homeTeamId" = t.team OR x."awayTeamId" = t.team) AND x.status IN ('SCHEDULED', 'FINAL') AND x."startsAt" <= $2
            ORDER BY x."startsAt" DESC LIMIT 1) g`,
      [teams, now],
    ),
    db.query<PastGameRow & { gameId: number }>(
      `SELECT u.id AS "gameId", 0 AS team, g."startsAt", g."homeTeamId", h.name AS home, a.name AS away, g."homeScore", g."awayScore"
         FROM unnest($1::int[], $2::int[], $3::int[]) AS u(id, home, away)
         CROSS JOIN LATERAL (
           SELECT * FROM "Game" x
            WHERE ((x."homeTeamId" = u.home AND x."awayTeamId" = u.away) OR (x."homeTeamId" = u.away AND x."awayTeamId" = u.home))
              AND x.status = 'FINAL' AND x."homeScore" IS NOT NULL AND x."awayScore" IS NOT NULL AND x."startsAt" <= $4
            ORDER BY x."startsAt" DESC LIMIT ${H2H_GAMES}) g
         JOIN "Team" h ON h.id = g."homeTeamId" JOIN "Team" a ON a.id = g."awayTeamId"
        ORDER BY u.id, g."startsAt" DESC`,
      [ids, upcoming.map((g) => g.homeTeamId), upcoming.map((g) => g.awayTeamId), resultsKnownBy],
    ),
    db.query<{ teamId: number; player: string; position: string | null; status: string; reportedAt: Date | null }>(
      `SELECT * FROM (
         SELECT DISTINCT ON ("teamId", player) "teamId", player, position, status, "reportedAt", "collectedAt"
           FROM "InjuryReport" WHERE "teamId" = ANY($1::int[]) AND "collectedAt" <= $2
          ORDER BY "teamId", player, "collectedAt" DESC, id DESC) latest
        WHERE lower(status) <> 'active'
        ORDER BY "teamId", "collectedAt" DESC, player`,
      [teams, now],
    ),
  ]);

  const formOf = (team: number): FormGameFact[] =>
    form.rows
      .filter((r) => r.team === team)
      .map((r) => {
        const home = r.homeTeamId === team;
        const [mine, theirs] = home ? [r.homeScore, r.awayScore] : [r.awayScore, r.homeScore];
        return {
          date: day(r.startsAt),
          opponent: home ? r.away : r.home,
          venue: home ? "home" : "away",
          score: `${mine}-${theirs}`,
          result: mine > theirs ? "W" : mine < theirs ? "L" : "D",
        };
      });
  const injuriesOf = (team: number): InjuryFact[] =>
    injuries.rows
      .filter((r) => r.teamId === team)
      .slice(0, INJURIES_PER_TEAM)
      .map((r) => ({ player: r.player, position: r.position, status: r.status, reportedAt: r.reportedAt?.toISOString() ?? null }));
  const lastStart = new Map(previous.rows.map((r) => [r.team, r.startsAt]));
  const restOf = (team: number, kickoff: Date) => {
    const last = lastStart.get(team);
    return last ? Math.floor((kickoff.getTime() - last.getTime()) / DAY_MS) : null;
  };

  const facts = upcoming.map((g): AnalystFacts => {
    const selections = winnerSelectionsOf(g.sport);
    const { referenceBook, odds } = oddsFactsOf(
      quotes.filter((q) => q.gameId === g.id),
      winnerMarketOf(g.sport),
      selections,
      now,
    );
    const headToHead: HeadToHeadFact[] = h2h.rows
      .filter((r) => r.gameId === g.id)
      .map((r) => ({ date: day(r.startsAt), home: r.home, away: r.away, score: `${r.homeScore}-${r.awayScore}` }));
    const forecast = g.weatherForecastAt && g.weatherForecastAt <= now ? g.weatherForecastAt : null;
    return {
      gameId: g.id,
      sport: g.sport,
      league: g.league,
      kickoff: g.startsAt.toISOString(),
      home: g.home,
      away: g.away,
      selections,
      referenceBook,
      odds,
      models: predictions.rows
        .filter((p) => p.gameId === g.id)
        .map((p) => ({ model: p.model, version: p.version, probabilities: p.probabilities, predictedAt: p.createdAt.toISOString() })),
      form: { home: formOf(g.homeTeamId), away: formOf(g.awayTeamId) },
      restDays: { home: restOf(g.homeTeamId, g.startsAt), away: restOf(g.awayTeamId, g.startsAt) },
      headToHead,
      injuries: { home: injuriesOf(g.homeTeamId), away: injuriesOf(g.awayTeamId) },
      weather: forecast
        ? { temperatureC: g.temperatureC, windKph: g.windKph, gustKph: g.gustKph, precipitationMm: g.precipitationMm, forecastAt: forecast.toISOString() }
        : null,
      asOf: now.toISOString(),
    };
  });
  return { facts, skipped };
}
