import type { CollectedEvent, CollectedInjury, CollectedScore, Mapped, RejectedRow } from "./types";

/**
 * ESPN's public site API (scoreboard and injury reports) mapped onto the collectors' shared shapes. Pure: the
 * client in `server/integrations/espn` fetches and validates, this turns validated events into rows. The
 * payload types below are structural, so the zod-inferred types of the client satisfy them.
 */

export const ESPN_PROVIDER = "espn";

export interface EspnLeague {
  /** The product's league key (server/domain/imports/catalogue.ts). */
  league: string;
  sport: "american-football" | "basketball" | "soccer";
  /** ESPN's path segment, as in /apis/site/v2/sports/{path}/scoreboard. */
  path: string;
  /** Whether ESPN publishes an injuries report for the league. */
  injuries: boolean;
}

export const ESPN_LEAGUES: readonly EspnLeague[] = [
  { league: "nfl", sport: "american-football", path: "football/nfl", injuries: true },
  { league: "nba", sport: "basketball", path: "basketball/nba", injuries: true },
  { league: "eng-premier-league", sport: "soccer", path: "soccer/eng.1", injuries: false },
  { league: "esp-la-liga", sport: "soccer", path: "soccer/esp.1", injuries: false },
  { league: "eng-championship", sport: "soccer", path: "soccer/eng.2", injuries: false },
];

/** The ESPN league for a product league key, or undefined when ESPN is not collected for it. */
export function espnLeague(league: string): EspnLeague | undefined {
  return ESPN_LEAGUES.find((l) => l.league === league);
}

/** The product league for an ESPN path ("soccer/eng.1" -> eng-premier-league). */
export function leagueOfEspnPath(path: string): EspnLeague | undefined {
  return ESPN_LEAGUES.find((l) => l.path === path);
}

// ---- payload shapes (structural subsets of the real responses) ----

export interface EspnStatusLike {
  type: { state: "pre" | "in" | "post"; completed: boolean; description?: string; name?: string; detail?: string };
}

export interface EspnCompetitorLike {
  homeAway: "home" | "away";
  team: { id: string; displayName: string; abbreviation?: string };
  /** A string at ESPN ("27"); absent on some pre-game soccer fixtures. */
  score?: string | number | null;
}

export interface EspnCompetitionLike {
  id: string;
  date: string;
  venue?: { fullName?: string; address?: { city?: string; state?: string; country?: string }; indoor?: boolean } | null;
  competitors: EspnCompetitorLike[];
  status: EspnStatusLike;
  weather?: { temperature?: number; conditionId?: string; displayValue?: string } | null;
}

export interface EspnEventLike {
  id: string;
  date: string;
  name?: string;
  competitions: EspnCompetitionLike[];
  /** ESPN puts the game weather on the event in NFL scoreboards; some payloads carry it on the competition. */
  weather?: { temperature?: number; conditionId?: string; displayValue?: string } | null;
  status?: EspnStatusLike;
}

export interface EspnScoreboardLike {
  events: EspnEventLike[];
}

export interface EspnInjuryLike {
  status: string;
  date?: string | null;
  athlete: { displayName: string; position?: { abbreviation?: string; name?: string } | null };
  type?: { name?: string; description?: string; abbreviation?: string } | null;
  details?: { type?: string | null; detail?: string | null } | null;
}

export interface EspnInjuryTeamLike {
  id: string;
  displayName: string;
  injuries: EspnInjuryLike[];
}

/** GET /apis/site/v2/sports/{football/nfl|basketball/nba}/injuries: every team's report in one response. */
export interface EspnInjuriesLike {
  injuries: EspnInjuryTeamLike[];
}

// ---- mapping ----

/** ESPN dates come as "2024-09-06T00:20Z" (no seconds); null when unparsable. */
export function parseEspnDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

const POSTPONED = /postpon|suspend|delayed/i;
const CANCELLED = /cancel|abandon/i;

/** The product's game state for ESPN's status.type, or null when it cannot be told. */
export function scoreState(status: EspnStatusLike): CollectedScore["state"] | null {
  const { state, completed } = status.type;
  const words = `${status.type.name ?? ""} ${status.type.description ?? ""} ${status.type.detail ?? ""}`;
  if (CANCELLED.test(words)) return "cancelled";
  if (state !== "in" && POSTPONED.test(words)) return "postponed";
  if (state === "pre") return "scheduled";
  if (state === "in") return "in-progress";
  if (state === "post" && completed) return "final";
  return null;
}

function parseScore(value: EspnCompetitorLike["score"]): number | null | "invalid" {
  if (value === undefined || value === null || value === "") return null;
  const n = typeof value === "number" ? value : Number(value);
  return Number.isInteger(n) && n >= 0 && n < 1000 ? n : "invalid";
}

/** The collected event (teams, kick-off) of one ESPN event, or the reason it cannot be used. */
export function espnEvent(event: EspnEventLike, league: string): CollectedEvent | string {
  const meta = espnLeague(league);
  if (!meta) return `league ${league} is not collected from ESPN`;
  const competition = event.competitions[0];
  if (!competition) return "event has no competition";
  const home = competition.competitors.find((c) => c.homeAway === "home");
  const away = competition.competitors.find((c) => c.homeAway === "away");
  if (!home || !away) return `missing ${home ? "away" : "home"} competitor`;
  const startsAt = parseEspnDate(competition.date) ?? parseEspnDate(event.date);
  if (!startsAt) return `unparsable date ${JSON.stringify(competition.date)}`;
  return {
    provider: ESPN_PROVIDER,
    externalId: event.id,
    sport: meta.sport,
    league: meta.league,
    startsAt,
    home: home.team.displayName,
    away: away.team.displayName,
  };
}

/**
 * Scores and states of a scoreboard's events. Scheduled, postponed and cancelled games carry no score (ESPN
 * shows "0" before kick-off); a missing competitor, an unknown state or a non-integer score rejects the event.
 */
export function mapScoreboard(payload: EspnScoreboardLike, league: string, receivedAt: Date): Mapped<CollectedScore> {
  const rows: CollectedScore[] = [];
  const rejected: RejectedRow[] = [];
  for (const e of payload.events) {
    const event = espnEvent(e, league);
    if (typeof event === "string") {
      rejected.push({ event: e.id, message: event });
      continue;
    }
    const competition = e.competitions[0]!;
    const status = competition.status ?? e.status;
    const state = scoreState(status);
    if (!state) {
      rejected.push({ event: e.id, message: `unknown status ${status.type.state}/${status.type.description ?? "?"}` });
      continue;
    }
    let homeScore: number | null = null;
    let awayScore: number | null = null;
    if (state === "in-progress" || state === "final") {
      const home = parseScore(competition.competitors.find((c) => c.homeAway === "home")!.score);
      const away = parseScore(competition.competitors.find((c) => c.homeAway === "away")!.score);
      if (home === "invalid" || away === "invalid") {
        rejected.push({ event: e.id, message: "score is not a whole number" });
        continue;
      }
      if (state === "final" && (home === null || away === null)) {
        rejected.push({ event: e.id, message: "final without a score" });
        continue;
      }
      homeScore = home;
      awayScore = away;
    }
    rows.push({ event, homeScore, awayScore, state, providerUpdatedAt: receivedAt });
  }
  return { rows, rejected };
}

/** Where an ESPN event is played: what the weather collector needs to find the stadium. */
export interface EspnVenue {
  event: CollectedEvent;
  homeAbbreviation: string | null;
  venueName: string | null;
  city: string | null;
  /** ESPN's flag; null when not given (soccer). */
  indoor: boolean | null;
  /** ESPN's own weather line for the game, when it gives one. */
  weather: { temperatureF: number | null; description: string | null } | null;
}

/** The venue of each usable event (events that mapScoreboard would reject are skipped). */
export function mapVenues(payload: EspnScoreboardLike, league: string): EspnVenue[] {
  const out: EspnVenue[] = [];
  for (const e of payload.events) {
    const event = espnEvent(e, league);
    if (typeof event === "string") continue;
    const competition = e.competitions[0]!;
    const home = competition.competitors.find((c) => c.homeAway === "home")!;
    const w = competition.weather ?? e.weather ?? null;
    out.push({
      event,
      homeAbbreviation: home.team.abbreviation ?? null,
      venueName: competition.venue?.fullName ?? null,
      city: competition.venue?.address?.city ?? null,
      indoor: competition.venue?.indoor ?? null,
      weather: w ? { temperatureF: w.temperature ?? null, description: w.displayValue ?? null } : null,
    });
  }
  return out;
}

/**
 * Every listed player of the league's injury report, as known at `receivedAt`. Status is lower-case with
 * dashes ("Day-To-Day" -> "day-to-day", "Injured Reserve" -> "injured-reserve"); a row without a player or a
 * status is rejected with the team id.
 */
export function mapInjuries(payload: EspnInjuriesLike, league: string, receivedAt: Date): Mapped<CollectedInjury> {
  const rows: CollectedInjury[] = [];
  const rejected: RejectedRow[] = [];
  const meta = espnLeague(league);
  if (!meta?.injuries) {
    return { rows, rejected: [{ event: league, message: `ESPN has no injury report for ${league}` }] };
  }
  for (const team of payload.injuries) {
    for (const injury of team.injuries) {
      const player = injury.athlete.displayName.trim();
      const status = normaliseStatus(injury.status || injury.type?.description || "");
      if (!player || !status) {
        rejected.push({ event: `team:${team.id}`, message: `injury row without ${player ? "status" : "player"}` });
        continue;
      }
      rows.push({
        league: meta.league,
        team: team.displayName,
        player,
        position: injury.athlete.position?.abbreviation ?? null,
        status,
        type: injury.details?.type?.trim() || null,
        reportedAt: parseEspnDate(injury.date) ?? receivedAt,
      });
    }
  }
  return { rows, rejected };
}

function normaliseStatus(value: string): string {
  return value.trim().toLowerCase().replace(/\s+/g, "-");
}
