import type { Queryable } from "@/server/db/pool";
import { ESPN_LEAGUES, mapInjuries, mapScoreboard } from "@/server/domain/collectors/espn";
import { stadiumOf, venueByName, isOutdoor } from "@/server/domain/collectors/nfl-stadiums";
import { ODDS_API_SPORTS, mapOddsEvents, mapOddsScores } from "@/server/domain/collectors/odds-api";
import { forecastDays, mapWeather } from "@/server/domain/collectors/open-meteo";
import type {
  CollectedPrice,
  CollectedScore,
  CollectedWeather,
  Mapped,
  RejectedRow,
} from "@/server/domain/collectors/types";
import type { Env } from "@/server/env";
import { createEspnClient } from "@/server/integrations/espn/client";
import { createOpenMeteoClient } from "@/server/integrations/open-meteo/client";
import { createOddsApiClient } from "@/server/integrations/the-odds-api/client";
import type { CollectContext, CollectPass, Provider, ProviderName } from "./providers";

/**
 * The real providers behind the collection services: each pass calls the provider's client, maps the payload
 * with its pure mapping, and hands the rows back to be stored. Which endpoints a pass reads follows the job
 * that runs it (`ctx.kind`); the command line, with no kind, reads everything the provider offers.
 */

/** Keyless providers run only when listed in LIVE_SOURCES. */
function keyless(env: Env, name: ProviderName): () => string | null {
  return () => (env.LIVE_SOURCES.includes(name) ? null : `add ${name} to LIVE_SOURCES to collect it (no key needed)`);
}

const merge = <T>(parts: Mapped<T>[]): Mapped<T> => ({
  rows: parts.flatMap((p) => p.rows),
  rejected: parts.flatMap((p) => p.rejected),
});

/** The quota the headers stated, when they stated both figures. */
function quotaOf(q: { remaining: number | null; used: number | null } | null): CollectPass["quota"] {
  return q && q.remaining !== null && q.used !== null ? { remaining: q.remaining, used: q.used } : null;
}

/** The Odds API (or the replay server, which answers in its shapes): odds for the odds job, scores for the scores job. */
function oddsApiProvider(
  name: "the-odds-api" | "replay",
  env: Env,
  baseUrl: string | undefined,
  apiKey: string | undefined,
): Provider {
  return {
    name,
    notConfigured: () =>
      name === "replay"
        ? baseUrl
          ? null
          : "set REPLAY_BASE_URL (npm run demo starts a replay server and sets it)"
        : apiKey
          ? null
          : "set ODDS_API_KEY to collect live odds and scores from The Odds API",
    async collect(ctx: CollectContext): Promise<CollectPass> {
      const client = createOddsApiClient({ baseUrl: baseUrl!, apiKey: apiKey ?? "replay" });
      const sports = env.ODDS_API_SPORTS.filter(
        (s) => !ctx.sport || s === ctx.sport || ODDS_API_SPORTS[s]?.league === ctx.sport,
      );
      const prices: Mapped<CollectedPrice>[] = [];
      const scores: Mapped<CollectedScore>[] = [];
      let requests = 0;
      let quota: CollectPass["quota"] = null;
      for (const sport of sports) {
        if (ctx.kind !== "scores") {
          const odds = await client.odds(sport, { regions: env.ODDS_API_REGIONS });
          requests += odds.attempts;
          quota = quotaOf(odds.quota) ?? quota;
          const mapped = mapOddsEvents(odds.data, { receivedAt: ctx.now });
          prices.push({ rows: mapped.rows, rejected: [...odds.rejected, ...mapped.rejected] });
        }
        if (ctx.kind !== "odds") {
          const result = await client.scores(sport, { daysFrom: 1 });
          requests += result.attempts;
          quota = quotaOf(result.quota) ?? quota;
          const mapped = mapOddsScores(result.data, { receivedAt: ctx.now });
          scores.push({ rows: mapped.rows, rejected: [...result.rejected, ...mapped.rejected] });
        }
      }
      return {
        requests,
        ...(prices.length ? { prices: merge(prices) } : {}),
        ...(scores.length ? { scores: merge(scores) } : {}),
        quota,
      };
    },
  };
}

/** ESPN's scoreboards (yesterday and today, US Eastern days) for schedules, live scores and results. */
function espnProvider(env: Env): Provider {
  return {
    name: "espn",
    notConfigured: keyless(env, "espn"),
    async collect(ctx) {
      const client = createEspnClient({ baseUrl: env.ESPN_BASE_URL });
      const parts: Mapped<CollectedScore>[] = [];
      let requests = 0;
      for (const league of ESPN_LEAGUES.filter((l) => !ctx.sport || l.league === ctx.sport)) {
        for (const day of [new Date(ctx.now.getTime() - 86_400_000), ctx.now]) {
          const result = await client.scoreboard(league.league, day);
          requests += result.requests;
          const mapped = mapScoreboard(result.data, league.league, ctx.now);
          parts.push({ rows: mapped.rows, rejected: [...result.rejected, ...mapped.rejected] });
        }
      }
      return { requests, scores: merge(parts) };
    },
  };
}

/** ESPN's league injury reports (NFL, NBA). */
function espnInjuriesProvider(env: Env): Provider {
  return {
    name: "espn-injuries",
    notConfigured: keyless(env, "espn-injuries"),
    async collect(ctx) {
      const client = createEspnClient({ baseUrl: env.ESPN_BASE_URL });
      const rows = [];
      const rejected: RejectedRow[] = [];
      const complete: string[] = [];
      let requests = 0;
      for (const league of ESPN_LEAGUES.filter((l) => l.injuries && (!ctx.sport || l.league === ctx.sport))) {
        const result = await client.injuries(league.league);
        requests += result.requests;
        const mapped = mapInjuries(result.data, league.league, ctx.now);
        rows.push(...mapped.rows);
        rejected.push(...result.rejected, ...mapped.rejected);
        if (result.rejected.length === 0 && mapped.rejected.length === 0) complete.push(league.league);
      }
      return { requests, injuries: { rows, rejected }, injuriesCompleteLeagues: complete };
    },
  };
}

/** Outdoor NFL games kicking off in the next four days, with where they are played. */
async function outdoorGames(db: Queryable, now: Date) {
  const { rows } = await db.query<{
    id: number;
    startsAt: Date;
    home: string;
    away: string;
    abbreviation: string | null;
    venue: string | null;
  }>(
    `SELECT g.id, g."startsAt", h.name AS home, a.name AS away, h.abbreviation, v.name AS venue
       FROM "Game" g JOIN "League" l ON l.id = g."leagueId"
       JOIN "Team" h ON h.id = g."homeTeamId" JOIN "Team" a ON a.id = g."awayTeamId"
       LEFT JOIN "Venue" v ON v.id = g."venueId"
      WHERE l.key = 'nfl' AND g.status = 'SCHEDULED' AND g."startsAt" BETWEEN $1 AND $1 + interval '4 days'
      ORDER BY g."startsAt" LIMIT 40`,
    [now],
  );
  return rows;
}

/** Open-Meteo's hourly forecast at the stadium, for outdoor NFL games from four days before kick-off. */
function openMeteoProvider(env: Env): Provider {
  return {
    name: "open-meteo",
    notConfigured: keyless(env, "open-meteo"),
    async collect(ctx) {
      if (!ctx.db) throw new Error("the weather collector needs the database to find upcoming outdoor games");
      const client = createOpenMeteoClient({ baseUrl: env.OPEN_METEO_BASE_URL });
      const rows: CollectedWeather[] = [];
      const rejected: RejectedRow[] = [];
      let requests = 0;
      for (const g of await outdoorGames(ctx.db, ctx.now)) {
        const stadium =
          (g.venue ? venueByName(g.venue) : undefined) ??
          (g.abbreviation ? stadiumOf(g.abbreviation, g.startsAt.getUTCFullYear()) : undefined);
        if (!stadium) {
          rejected.push({ event: `game:${g.id}`, message: `no stadium known for ${g.home}` });
          continue;
        }
        if (!isOutdoor(stadium)) continue;
        const { from, to } = forecastDays(g.startsAt);
        const forecast = await client.forecast(stadium.latitude, stadium.longitude, from, to);
        requests += forecast.requests;
        const event = {
          provider: "open-meteo",
          externalId: `game:${g.id}`,
          sport: "american-football",
          league: "nfl",
          startsAt: g.startsAt,
          home: g.home,
          away: g.away,
        };
        const weather = mapWeather(event, forecast.data, ctx.now);
        if (weather) rows.push(weather);
        else rejected.push({ event: event.externalId, message: "the forecast does not reach kick-off yet" });
      }
      return { requests, weather: { rows, rejected } };
    },
  };
}

export const PROVIDER_FACTORIES: Record<ProviderName, (env: Env) => Provider> = {
  "the-odds-api": (env) => oddsApiProvider("the-odds-api", env, env.ODDS_API_BASE_URL, env.ODDS_API_KEY),
  replay: (env) => oddsApiProvider("replay", env, env.REPLAY_BASE_URL, "replay"),
  espn: espnProvider,
  "espn-injuries": espnInjuriesProvider,
  "open-meteo": openMeteoProvider,
};
