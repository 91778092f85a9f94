import { decimalToAmerican } from "@/server/domain/odds/convert";
import type { FeedEvent, ReplayGame, ReplaySport, ReplayTeam } from "./feed";

/**
 * The replay's answers in the real providers' JSON (pure): The Odds API v4 (sports, odds, scores, events) and
 * ESPN's site API scoreboard. Field names, nesting and value types follow the real responses.
 */

export type DateFormat = "iso" | "unix";
export type OddsFormat = "decimal" | "american";

/** The Odds API writes ISO times to the second ("2023-08-11T19:00:00Z") or Unix seconds. */
export function oddsApiTime(date: Date, format: DateFormat): string | number {
  const seconds = Math.round(date.getTime() / 1000);
  return format === "unix" ? seconds : new Date(seconds * 1000).toISOString().replace(".000Z", "Z");
}

export function oddsApiSport(sport: ReplaySport) {
  return {
    key: sport.key,
    group: sport.group,
    title: sport.title,
    description: sport.description,
    active: true,
    has_outrights: false,
  };
}

function eventHead(e: FeedEvent, dateFormat: DateFormat) {
  return {
    id: e.game.id,
    sport_key: e.game.sport.key,
    sport_title: e.game.sport.title,
    commence_time: oddsApiTime(e.commenceTime, dateFormat),
    home_team: e.game.home.name,
    away_team: e.game.away.name,
  };
}

export function oddsApiEvent(e: FeedEvent, dateFormat: DateFormat) {
  return eventHead(e, dateFormat);
}

export interface OddsQuery {
  regions: readonly string[];
  markets: readonly string[];
  oddsFormat: OddsFormat;
  dateFormat: DateFormat;
  bookmakers: readonly string[] | null;
}

const americanPrice = (decimal: number) => Math.round(decimalToAmerican(decimal));

export function oddsApiOdds(e: FeedEvent, q: OddsQuery) {
  const bookmakers = e.bookmakers
    .filter((b) => (q.bookmakers ? q.bookmakers.includes(b.key) : q.regions.includes(b.region)))
    .map((b) => {
      const chosen = b.markets.filter((m) => q.markets.includes(m.key));
      const lastUpdate = new Date(Math.max(0, ...chosen.map((m) => m.lastUpdate.getTime())));
      const markets = chosen.map((m) => ({
        key: m.key,
        last_update: oddsApiTime(m.lastUpdate, q.dateFormat),
        outcomes: m.outcomes.map((o) => ({
          name: o.name,
          price: q.oddsFormat === "american" ? americanPrice(o.price) : o.price,
          ...(o.point !== undefined ? { point: o.point } : {}),
        })),
      }));
      return { key: b.key, title: b.title, last_update: oddsApiTime(lastUpdate, q.dateFormat), markets };
    })
    .filter((b) => b.markets.length > 0);
  return { ...eventHead(e, q.dateFormat), bookmakers };
}

export function oddsApiScore(e: FeedEvent, dateFormat: DateFormat) {
  return {
    ...eventHead(e, dateFormat),
    completed: e.completed,
    scores: e.scores
      ? [
          { name: e.game.home.name, score: String(e.scores.home) },
          { name: e.game.away.name, score: String(e.scores.away) },
        ]
      : null,
    last_update: e.scoresUpdatedAt ? oddsApiTime(e.scoresUpdatedAt, dateFormat) : null,
  };
}

/** ESPN writes event dates to the minute in UTC ("2023-08-11T19:00Z"). */
const espnTime = (date: Date) =>
  new Date(Math.round(date.getTime() / 60_000) * 60_000).toISOString().replace(":00.000Z", "Z");

const STATUS = {
  pre: { id: "1", name: "STATUS_SCHEDULED", description: "Scheduled" },
  in: { id: "2", name: "STATUS_IN_PROGRESS", description: "In Progress" },
  post: { id: "3", name: "STATUS_FINAL", description: "Final" },
} as const;

function espnStatus(e: FeedEvent) {
  const s =
    e.state === "post" && e.game.sport.group === "Soccer"
      ? { ...STATUS.post, name: "STATUS_FULL_TIME", description: "Full Time" }
      : STATUS[e.state];
  const detail = e.state === "pre" ? espnTime(e.commenceTime) : s.description;
  return {
    clock: 0,
    displayClock: "0:00",
    period: e.state === "pre" ? 0 : e.state === "post" ? (e.game.sport.group === "Soccer" ? 2 : 4) : 1,
    type: {
      id: s.id,
      name: s.name,
      state: e.state,
      completed: e.completed,
      description: s.description,
      detail,
      shortDetail: detail,
    },
  };
}

function espnCompetitor(game: ReplayGame, team: ReplayTeam, homeAway: "home" | "away", e: FeedEvent) {
  const score = e.scores ? (homeAway === "home" ? e.scores.home : e.scores.away) : 0;
  const other = e.scores ? (homeAway === "home" ? e.scores.away : e.scores.home) : 0;
  return {
    id: team.espnId,
    uid: `s:${game.sport.espn.sport}~t:${team.espnId}`,
    type: "team",
    order: homeAway === "home" ? 0 : 1,
    homeAway,
    ...(e.completed ? { winner: score > other } : {}),
    team: {
      id: team.espnId,
      uid: `s:${game.sport.espn.sport}~t:${team.espnId}`,
      abbreviation: team.abbreviation,
      displayName: team.name,
      shortDisplayName: team.name,
      name: team.name,
    },
    score: String(score),
  };
}

export function espnEvent(e: FeedEvent) {
  const g = e.game;
  const status = espnStatus(e);
  return {
    id: g.espnId,
    uid: `s:${g.sport.espn.sport}~l:${g.sport.espn.league}~e:${g.espnId}`,
    date: espnTime(e.commenceTime),
    name: `${g.away.name} at ${g.home.name}`,
    shortName: `${g.away.abbreviation} @ ${g.home.abbreviation}`,
    competitions: [
      {
        id: g.espnId,
        uid: `s:${g.sport.espn.sport}~l:${g.sport.espn.league}~e:${g.espnId}~c:${g.espnId}`,
        date: espnTime(e.commenceTime),
        startDate: espnTime(e.commenceTime),
        neutralSite: false,
        competitors: [espnCompetitor(g, g.home, "home", e), espnCompetitor(g, g.away, "away", e)],
        status,
      },
    ],
    status,
  };
}

export function espnScoreboard(sport: ReplaySport, events: FeedEvent[], day: string) {
  return {
    leagues: [
      {
        id: sport.espn.league,
        uid: `s:${sport.espn.sport}~l:${sport.espn.league}`,
        name: sport.espn.name,
        abbreviation: sport.espn.abbreviation,
        slug: sport.espn.league,
      },
    ],
    day: { date: day },
    events: events.map(espnEvent),
  };
}
