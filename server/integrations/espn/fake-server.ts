import http from "node:http";
import { leagueOfEspnPath } from "@/server/domain/collectors/espn";
import { listenLocal, sendJson } from "../local-server";

/**
 * A stand-in for site.api.espn.com on 127.0.0.1 (random port) serving the real scoreboard and injuries shapes,
 * for tests, e2e and the demo. Modes: "ok"; "server-error" (every request 500); "flaky" (the next request 500,
 * then ok); "malformed" (scoreboards gain broken events next to the good ones, injury reports a broken row).
 */

export type FakeEspnMode = "ok" | "server-error" | "flaky" | "malformed";

/** Scoreboards by product league key, then by ESPN date "YYYYMMDD". */
export type FakeScoreboards = Record<string, Record<string, unknown[]>>;
/** Injury report teams by product league key. */
export type FakeInjuries = Record<string, unknown[]>;

export interface FakeEspn {
  url: string;
  close(): Promise<void>;
  setMode(mode: FakeEspnMode): void;
  setScoreboard(league: string, date: string, events: unknown[]): void;
  setInjuries(league: string, teams: unknown[]): void;
  /** Paths (with query) requested so far. */
  requests: string[];
}

export async function startFakeEspn(
  initial: { scoreboards?: FakeScoreboards; injuries?: FakeInjuries } = {},
): Promise<FakeEspn> {
  const scoreboards: FakeScoreboards = structuredClone(initial.scoreboards ?? {});
  const injuries: FakeInjuries = structuredClone(initial.injuries ?? {});
  let mode: FakeEspnMode = "ok";
  const requests: string[] = [];

  // ESPN writes its content type this way.
  const send = (res: http.ServerResponse, status: number, body: unknown) => sendJson(res, status, body, {}, "application/json;charset=UTF-8");

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    requests.push(url.pathname + url.search);
    if (mode === "server-error" || mode === "flaky") {
      if (mode === "flaky") mode = "ok";
      return send(res, 500, { code: 500, message: "Internal Server Error" });
    }
    const match = /^\/apis\/site\/v2\/sports\/([a-z]+\/[a-z0-9.]+)\/(scoreboard|injuries)$/.exec(url.pathname);
    const league = match ? leagueOfEspnPath(match[1]!) : undefined;
    if (!match || !league) return send(res, 404, { code: 404, message: "Not Found" });

    if (match[2] === "scoreboard") {
      const dates = url.searchParams.get("dates") ?? "";
      if (dates && !/^\d{8}(-\d{8})?$/.test(dates))
        return send(res, 400, { code: 400, message: "Invalid dates parameter" });
      const events = [...(scoreboards[league.league]?.[dates] ?? [])];
      if (mode === "malformed") events.push(...brokenEvents());
      return send(res, 200, {
        leagues: [{ id: "28", slug: league.path.split("/")[1], abbreviation: league.league.toUpperCase() }],
        day: { date: dates },
        events,
      });
    }
    if (!league.injuries) return send(res, 404, { code: 404, message: "Not Found" });
    const teams = structuredClone(injuries[league.league] ?? []) as { injuries?: unknown[] }[];
    if (mode === "malformed") {
      teams.push({ id: "99", displayName: "Broken Team" } as never);
      teams[0]?.injuries?.push({ id: "x1", status: 7, athlete: {} });
    }
    return send(res, 200, {
      timestamp: new Date().toISOString(),
      status: "success",
      season: { year: 2026, type: 2 },
      injuries: teams,
    });
  });

  const local = await listenLocal(server);
  return {
    ...local,
    requests,
    setMode: (m) => {
      mode = m;
    },
    setScoreboard: (league, date, events) => {
      (scoreboards[league] ??= {})[date] = events;
    },
    setInjuries: (league, teams) => {
      injuries[league] = teams;
    },
  };
}

/** Events with the faults seen in the wild: wrong types, missing fields. */
function brokenEvents(): unknown[] {
  return [
    { id: "bad-1", date: "2026-09-10T00:20Z", competitions: [] },
    {
      id: "bad-2",
      date: "2026-09-10T00:20Z",
      competitions: [{ id: "bad-2", date: 17, competitors: "none", status: {} }],
    },
    { id: 12345, name: "no date" },
  ];
}

// ---- builders of realistic payload items ----

export interface SampleTeam {
  id: string;
  displayName: string;
  abbreviation: string;
}

export interface SampleGame {
  id: string;
  date: string;
  home: SampleTeam;
  away: SampleTeam;
  state?: "pre" | "in" | "post";
  completed?: boolean;
  description?: string;
  name?: string;
  homeScore?: number;
  awayScore?: number;
  venue?: { fullName: string; city: string; state?: string; indoor?: boolean };
  weather?: { temperature: number; conditionId: string; displayValue: string };
}

const STATUS_NAMES: Record<string, [id: string, name: string]> = {
  Scheduled: ["1", "STATUS_SCHEDULED"],
  "In Progress": ["2", "STATUS_IN_PROGRESS"],
  Halftime: ["23", "STATUS_HALFTIME"],
  Final: ["3", "STATUS_FINAL"],
  Canceled: ["5", "STATUS_CANCELED"],
  Postponed: ["6", "STATUS_POSTPONED"],
};

/** One scoreboard event in ESPN's shape (a subset of its fields, the ones that matter, plus some noise). */
export function sampleScoreboardEvent(game: SampleGame): Record<string, unknown> {
  const state = game.state ?? "pre";
  const description = game.description ?? (state === "pre" ? "Scheduled" : state === "in" ? "In Progress" : "Final");
  const [statusId, statusName] = STATUS_NAMES[description] ?? [
    "0",
    `STATUS_${description.toUpperCase().replace(/\W+/g, "_")}`,
  ];
  const competitor = (team: SampleTeam, homeAway: "home" | "away", score: number | undefined, order: number) => ({
    id: team.id,
    uid: `s:20~l:28~t:${team.id}`,
    type: "team",
    order,
    homeAway,
    team: {
      id: team.id,
      uid: `s:20~l:28~t:${team.id}`,
      location: team.displayName.split(" ").slice(0, -1).join(" "),
      name: team.displayName.split(" ").at(-1),
      abbreviation: team.abbreviation,
      displayName: team.displayName,
      shortDisplayName: team.displayName.split(" ").at(-1),
      isActive: true,
    },
    score: String(score ?? 0),
    records: [{ name: "overall", abbreviation: "Any", type: "total", summary: "0-0" }],
  });
  const status = {
    clock: 0,
    displayClock: "0:00",
    period: state === "pre" ? 0 : 4,
    type: {
      id: statusId,
      name: statusName,
      state,
      completed: game.completed ?? (state === "post" && description === "Final"),
      description,
      detail: description,
      shortDetail: description,
    },
  };
  return {
    id: game.id,
    uid: `s:20~l:28~e:${game.id}`,
    date: game.date,
    name: game.name ?? `${game.away.displayName} at ${game.home.displayName}`,
    shortName: `${game.away.abbreviation} @ ${game.home.abbreviation}`,
    season: { year: Number(game.date.slice(0, 4)), type: 2, slug: "regular-season" },
    competitions: [
      {
        id: game.id,
        uid: `s:20~l:28~e:${game.id}~c:${game.id}`,
        date: game.date,
        attendance: 0,
        timeValid: true,
        neutralSite: false,
        venue: game.venue
          ? {
              id: "3622",
              fullName: game.venue.fullName,
              address: { city: game.venue.city, state: game.venue.state, country: "USA" },
              indoor: game.venue.indoor ?? false,
            }
          : undefined,
        competitors: [
          competitor(game.home, "home", game.homeScore, 0),
          competitor(game.away, "away", game.awayScore, 1),
        ],
        notes: [],
        status,
        broadcasts: [{ market: "national", names: ["NBC"] }],
      },
    ],
    links: [{ rel: ["summary", "desktop", "event"], href: `https://www.espn.com/nfl/game/_/gameId/${game.id}` }],
    weather: game.weather
      ? { ...game.weather, highTemperature: game.weather.temperature, link: { href: "https://www.accuweather.com/" } }
      : undefined,
    status,
  };
}

/** One team of ESPN's league injuries report. */
export function sampleInjuryTeam(
  team: { id: string; displayName: string },
  players: { name: string; position: string; status: string; type?: string; date?: string }[],
): Record<string, unknown> {
  return {
    id: team.id,
    displayName: team.displayName,
    logo: `https://a.espncdn.com/i/teamlogos/nfl/500/${team.id}.png`,
    injuries: players.map((p, i) => ({
      id: `${team.id}${i}`,
      longComment: `${p.name} (${p.type ?? "undisclosed"}) did not practice.`,
      shortComment: `${p.name} is ${p.status.toLowerCase()}.`,
      status: p.status,
      date: p.date ?? "2026-09-09T18:42Z",
      athlete: {
        firstName: p.name.split(" ")[0],
        lastName: p.name.split(" ").slice(1).join(" "),
        displayName: p.name,
        shortName: `${p.name[0]}. ${p.name.split(" ").slice(1).join(" ")}`,
        position: { name: p.position, displayName: p.position, abbreviation: p.position },
      },
      type: {
        id: "1",
        name: `INJURY_STATUS_${p.status.toUpperCase().replace(/\W+/g, "")}`,
        description: p.status.toLowerCase(),
        abbreviation: p.status[0],
      },
      details: {
        fantasyStatus: { description: p.status.toUpperCase(), abbreviation: p.status.toUpperCase() },
        type: p.type ?? null,
      },
    })),
  };
}
