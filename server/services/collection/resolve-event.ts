import { NBA, NFL } from "@/server/domain/imports/catalogue";
import { spanningSeasonLabel } from "@/server/domain/imports/dates";
import type { LeagueRef } from "@/server/domain/imports/types";
import type { CollectedEvent } from "@/server/domain/collectors/types";
import type { Queryable } from "@/server/db/pool";
import { TeamResolver } from "@/server/services/imports/resolve-teams";

/**
 * Turns a provider's event into a Game id: the league by key, the teams through the same resolver archive
 * imports use (never creating a team: unknown names are queued for the admins), then an existing game by
 * the provider's id or by teams and date (a day either way), else a new SCHEDULED game, idempotently.
 */

/** Live sources rank below every archive: an archive that describes the same game owns its fields. */
export const LIVE_SOURCE_PRIORITY = 5;

export type EventResolution = { gameId: number } | { rejected: string };

interface Candidate {
  key: string;
  event: CollectedEvent;
  league: LeagueEntry;
  homeTeamId: number;
  awayTeamId: number;
  localDate: string;
}

interface LeagueEntry {
  leagueId: number;
  ref: LeagueRef;
  teams: TeamResolver;
}

/** The season a live game belongs to: NFL seasons are named by their start year, others span two years. */
function seasonOf(ref: LeagueRef, startsAt: Date): { label: string; startYear: number } {
  const year = startsAt.getUTCFullYear();
  const month = startsAt.getUTCMonth() + 1;
  if (ref.naming === "nfl") {
    const startYear = month <= 3 ? year - 1 : year;
    return { label: String(startYear), startYear };
  }
  const startYear = month >= 7 ? year : year - 1;
  return { label: spanningSeasonLabel(startYear), startYear };
}

/** The calendar date at the venue, approximated by the league's home time zone. */
function localDateOf(ref: LeagueRef, startsAt: Date): string {
  const timeZone = ref.country === "USA" ? "America/New_York" : "Europe/London";
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(
    startsAt,
  );
}

/** Resolves many events of one pass, loading each league's aliases once. */
export class EventResolver {
  private readonly leagues = new Map<string, LeagueEntry | string>();
  private readonly games = new Map<string, EventResolution>();

  constructor(private readonly db: Queryable) {}

  private async league(key: string): Promise<LeagueEntry | string> {
    let entry = this.leagues.get(key);
    if (entry === undefined) {
      const { rows } = await this.db.query<{
        id: number;
        name: string;
        country: string | null;
        sportKey: string;
        sportName: string;
      }>(
        `SELECT l.id, l.name, l.country, s.key AS "sportKey", s.name AS "sportName" FROM "League" l JOIN "Sport" s ON s.id = l."sportId" WHERE l.key = $1`,
        [key],
      );
      const row = rows[0];
      if (!row) {
        entry = `league "${key}" is not stored yet: import its archive first`;
      } else {
        const ref: LeagueRef =
          key === NFL.key
            ? NFL
            : key === NBA.key
              ? NBA
              : {
                  key,
                  name: row.name,
                  country: row.country,
                  sport: { key: row.sportKey, name: row.sportName },
                  naming: "spelling",
                  competitorKind: "TEAM",
                };
        entry = { leagueId: row.id, ref, teams: await TeamResolver.load(this.db, ref, row.id) };
      }
      this.leagues.set(key, entry);
    }
    return entry;
  }

  /** The team id, or a rejection after queueing the name for review (an admin resolves it). */
  async team(
    provider: string,
    leagueKey: string,
    name: string,
    at: Date,
  ): Promise<{ leagueId: number; teamId: number } | { rejected: string }> {
    const league = await this.league(leagueKey);
    if (typeof league === "string") return { rejected: league };
    const found = league.teams.find(name, seasonOf(league.ref, at).startYear);
    if (typeof found === "number") return { leagueId: league.leagueId, teamId: found };
    // An admin who resolved the name in the queue decided for us.
    const { rows } = await this.db.query<{ resolvedTeamId: number | null }>(
      `INSERT INTO "TeamNameReview" (provider, "leagueId", name) VALUES ($1, $2, $3)
       ON CONFLICT (provider, "leagueId", name) DO UPDATE SET seen = "TeamNameReview".seen + 1, "lastSeenAt" = now()
       RETURNING "resolvedTeamId"`,
      [provider, league.leagueId, name],
    );
    const resolved = rows[0]?.resolvedTeamId;
    if (resolved) return { leagueId: league.leagueId, teamId: resolved };
    return { rejected: found.startsWith("unknown team") ? `${found}, queued for review` : found };
  }

  /**
   * Resolves a pass's events together: a poll names a hundred events, and one query per step for all of them
   * (games found by the provider's id, then by teams and date, then created) costs a few round trips instead
   * of four per event. The answers land in the cache `resolve` reads, so each stays the same as one at a time.
   */
  async resolveMany(events: CollectedEvent[]): Promise<void> {
    const pending = new Map<string, Candidate>();
    for (const event of events) {
      const cacheKey = `${event.provider}|${event.externalId}`;
      if (this.games.has(cacheKey) || pending.has(cacheKey)) continue;
      const candidate = await this.candidate(event);
      if ("rejected" in candidate) this.games.set(cacheKey, candidate);
      else pending.set(cacheKey, candidate);
    }
    if (pending.size === 0) return;
    const settle = (found: Map<string, number>) => {
      for (const [key, gameId] of found) {
        this.games.set(key, { gameId });
        pending.delete(key);
      }
    };
    settle(await this.gamesByExternalId([...pending.values()]));
    if (pending.size > 0) settle(await this.claimNearGames([...pending.values()]));
    if (pending.size > 0) settle(await this.createGames([...pending.values()]));
  }

  /** The league, teams and local date of an event, or why it cannot be stored. */
  private async candidate(event: CollectedEvent): Promise<Candidate | { rejected: string }> {
    const league = await this.league(event.league);
    if (typeof league === "string") return { rejected: league };
    const home = await this.team(event.provider, event.league, event.home, event.startsAt);
    if ("rejected" in home) return home;
    const away = await this.team(event.provider, event.league, event.away, event.startsAt);
    if ("rejected" in away) return away;
    if (home.teamId === away.teamId) return { rejected: `home and away are the same team (${event.home})` };
    return {
      key: `${event.provider}|${event.externalId}`,
      event,
      league,
      homeTeamId: home.teamId,
      awayTeamId: away.teamId,
      localDate: localDateOf(league.ref, event.startsAt),
    };
  }

  private async gamesByExternalId(candidates: Candidate[]): Promise<Map<string, number>> {
    const { rows } = await this.db.query<{ provider: string; ext: string; id: number }>(
      `SELECT x.provider, x.ext, g.id
         FROM unnest($1::int[], $2::text[], $3::text[]) AS x(league, provider, ext)
         JOIN "Game" g ON g."leagueId" = x.league AND g."externalIds"->>x.provider = x.ext`,
      [
        candidates.map((c) => c.league.leagueId),
        candidates.map((c) => c.event.provider),
        candidates.map((c) => c.event.externalId),
      ],
    );
    return new Map(rows.map((r) => [`${r.provider}|${r.ext}`, r.id]));
  }

  /** Games an archive stored for the same teams within a day: they gain the provider's id. */
  private async claimNearGames(candidates: Candidate[]): Promise<Map<string, number>> {
    const { rows } = await this.db.query<{ i: number; id: number }>(
      `WITH x AS (
         SELECT * FROM unnest($1::int[], $2::int[], $3::int[], $4::date[], $5::jsonb[]) WITH ORDINALITY AS x(l, h, a, d, ids, i)
       ), matched AS (
         SELECT DISTINCT ON (x.i) x.i, x.ids, g.id
           FROM x JOIN "Game" g ON g."leagueId" = x.l AND g."homeTeamId" = x.h AND g."awayTeamId" = x.a
                                AND g."localDate" BETWEEN x.d - 1 AND x.d + 1
          ORDER BY x.i, abs(g."localDate" - x.d), g.id
       ), claimed AS (
         UPDATE "Game" g SET "externalIds" = g."externalIds" || m.ids, "updatedAt" = now()
           FROM (SELECT DISTINCT ON (id) id, ids FROM matched ORDER BY id, i) m WHERE g.id = m.id
         RETURNING g.id
       )
       SELECT matched.i::int, matched.id FROM matched WHERE matched.id IN (SELECT id FROM claimed)`,
      [
        candidates.map((c) => c.league.leagueId),
        candidates.map((c) => c.homeTeamId),
        candidates.map((c) => c.awayTeamId),
        candidates.map((c) => c.localDate),
        candidates.map((c) => JSON.stringify({ [c.event.provider]: c.event.externalId })),
      ],
    );
    return new Map(rows.map((r) => [candidates[r.i - 1]!.key, r.id]));
  }

  /** New SCHEDULED games, in key order so concurrent passes take their locks in the same order. */
  private async createGames(candidates: Candidate[]): Promise<Map<string, number>> {
    const seasons = new Map<string, { leagueId: number; label: string; startYear: number }>();
    for (const c of candidates) {
      const season = seasonOf(c.league.ref, c.event.startsAt);
      seasons.set(`${c.league.leagueId}|${season.label}`, { leagueId: c.league.leagueId, ...season });
    }
    const seasonRows = await this.db.query<{ id: number; leagueId: number; label: string }>(
      `INSERT INTO "Season" ("leagueId", label, "startYear") SELECT * FROM unnest($1::int[], $2::text[], $3::int[])
       ON CONFLICT ("leagueId", label) DO UPDATE SET label = EXCLUDED.label RETURNING id, "leagueId", label`,
      [
        [...seasons.values()].map((s) => s.leagueId),
        [...seasons.values()].map((s) => s.label),
        [...seasons.values()].map((s) => s.startYear),
      ],
    );
    const seasonId = new Map(seasonRows.rows.map((r) => [`${r.leagueId}|${r.label}`, r.id]));
    const sorted = [...candidates].sort(
      (a, b) =>
        a.league.leagueId - b.league.leagueId ||
        a.homeTeamId - b.homeTeamId ||
        a.awayTeamId - b.awayTeamId ||
        (a.localDate < b.localDate ? -1 : a.localDate > b.localDate ? 1 : 0),
    );
    const { rows } = await this.db.query<{ i: number; id: number }>(
      `WITH x AS (
         SELECT * FROM unnest($1::int[], $2::int[], $3::int[], $4::int[], $5::timestamptz[], $6::date[], $7::jsonb[], $8::text[])
           WITH ORDINALITY AS x(l, s, h, a, t, d, ids, src, i)
       ), created AS (
         INSERT INTO "Game" ("leagueId", "seasonId", "homeTeamId", "awayTeamId", "startsAt", "startTimeKnown", "localDate",
           status, "externalIds", "primarySource", "sourcePriority", "updatedAt")
         SELECT DISTINCT ON (l, h, a, d) l, s, h, a, t, true, d, 'SCHEDULED', ids, src, $9, now() FROM x ORDER BY l, h, a, d, i
         ON CONFLICT ("leagueId", "homeTeamId", "awayTeamId", "localDate")
           DO UPDATE SET "externalIds" = "Game"."externalIds" || EXCLUDED."externalIds"
         RETURNING id, "leagueId", "homeTeamId", "awayTeamId", "localDate"
       )
       SELECT x.i::int, c.id FROM x JOIN created c ON c."leagueId" = x.l AND c."homeTeamId" = x.h AND c."awayTeamId" = x.a AND c."localDate" = x.d`,
      [
        sorted.map((c) => c.league.leagueId),
        sorted.map((c) => seasonId.get(`${c.league.leagueId}|${seasonOf(c.league.ref, c.event.startsAt).label}`)!),
        sorted.map((c) => c.homeTeamId),
        sorted.map((c) => c.awayTeamId),
        sorted.map((c) => c.event.startsAt),
        sorted.map((c) => c.localDate),
        sorted.map((c) => JSON.stringify({ [c.event.provider]: c.event.externalId })),
        sorted.map((c) => c.event.provider),
        LIVE_SOURCE_PRIORITY,
      ],
    );
    return new Map(rows.map((r) => [sorted[r.i - 1]!.key, r.id]));
  }

  async resolve(event: CollectedEvent): Promise<EventResolution> {
    const cacheKey = `${event.provider}|${event.externalId}`;
    if (!this.games.has(cacheKey)) await this.resolveMany([event]);
    return this.games.get(cacheKey)!;
  }
}

/** One event on its own (the services resolve a pass's events with one EventResolver). */
export function resolveEvent(db: Queryable, event: CollectedEvent): Promise<EventResolution> {
  return new EventResolver(db).resolve(event);
}
