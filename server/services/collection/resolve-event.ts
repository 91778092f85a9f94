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

  async resolve(event: CollectedEvent): Promise<EventResolution> {
    const cacheKey = `${event.provider}|${event.externalId}`;
    let result = this.games.get(cacheKey);
    if (!result) {
      result = await this.resolveUncached(event);
      this.games.set(cacheKey, result);
    }
    return result;
  }

  private async resolveUncached(event: CollectedEvent): Promise<EventResolution> {
    const league = await this.league(event.league);
    if (typeof league === "string") return { rejected: league };
    const home = await this.team(event.provider, event.league, event.home, event.startsAt);
    if ("rejected" in home) return home;
    const away = await this.team(event.provider, event.league, event.away, event.startsAt);
    if ("rejected" in away) return away;
    if (home.teamId === away.teamId) return { rejected: `home and away are the same team (${event.home})` };

    const byId = await this.db.query<{ id: number }>(
      `SELECT id FROM "Game" WHERE "leagueId" = $1 AND "externalIds"->>$2 = $3 LIMIT 1`,
      [league.leagueId, event.provider, event.externalId],
    );
    if (byId.rows[0]) return { gameId: byId.rows[0].id };

    const localDate = localDateOf(league.ref, event.startsAt);
    const ids = JSON.stringify({ [event.provider]: event.externalId });
    const near = await this.db.query<{ id: number }>(
      `UPDATE "Game" SET "externalIds" = "externalIds" || $5::jsonb, "updatedAt" = now()
       WHERE id = (SELECT id FROM "Game" WHERE "leagueId" = $1 AND "homeTeamId" = $2 AND "awayTeamId" = $3
                   AND "localDate" BETWEEN $4::date - 1 AND $4::date + 1
                   ORDER BY abs("localDate" - $4::date), id LIMIT 1)
       RETURNING id`,
      [league.leagueId, home.teamId, away.teamId, localDate, ids],
    );
    if (near.rows[0]) return { gameId: near.rows[0].id };

    const season = seasonOf(league.ref, event.startsAt);
    const seasonRow = await this.db.query<{ id: number }>(
      `INSERT INTO "Season" ("leagueId", label, "startYear") VALUES ($1, $2, $3)
       ON CONFLICT ("leagueId", label) DO UPDATE SET label = EXCLUDED.label RETURNING id`,
      [league.leagueId, season.label, season.startYear],
    );
    const created = await this.db.query<{ id: number }>(
      `INSERT INTO "Game" ("leagueId", "seasonId", "homeTeamId", "awayTeamId", "startsAt", "startTimeKnown", "localDate",
         status, "externalIds", "primarySource", "sourcePriority", "updatedAt")
       VALUES ($1, $2, $3, $4, $5, true, $6::date, 'SCHEDULED', $7::jsonb, $8, $9, now())
       ON CONFLICT ("leagueId", "homeTeamId", "awayTeamId", "localDate")
         DO UPDATE SET "externalIds" = "Game"."externalIds" || EXCLUDED."externalIds"
       RETURNING id`,
      [
        league.leagueId,
        seasonRow.rows[0]!.id,
        home.teamId,
        away.teamId,
        event.startsAt,
        localDate,
        ids,
        event.provider,
        LIVE_SOURCE_PRIORITY,
      ],
    );
    return { gameId: created.rows[0]!.id };
  }
}

/** One event on its own (the services resolve a pass's events with one EventResolver). */
export function resolveEvent(db: Queryable, event: CollectedEvent): Promise<EventResolution> {
  return new EventResolver(db).resolve(event);
}
