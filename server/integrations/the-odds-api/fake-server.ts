import { createServer, type ServerResponse } from "node:http";
import { ODDS_API_BOOKS, sampleEvents, sampleScores, SAMPLE_SPORTS } from "./sample-events";
import type { OddsApiOddsEvent, OddsApiScore } from "./schema";
import { listenLocal, sendJson } from "../local-server";

/**
 * A stand-in for The Odds API v4 on 127.0.0.1 for tests, e2e and the demo: the same paths, query parameters,
 * error bodies and quota headers (x-requests-remaining/-used/-last, charged as the real API charges: odds cost
 * markets x regions, scores 1 or 2 with daysFrom, events and sports nothing). Modes switch on the failures a
 * client must survive.
 */

export type FakeOddsApiMode = "ok" | "unauthorized" | "unprocessable" | "rate-limited" | "server-error" | "malformed";

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  at: Date;
}

export interface FakeOddsApiOptions {
  events?: OddsApiOddsEvent[];
  scores?: OddsApiScore[];
  apiKey?: string;
  quota?: number;
}

export interface FakeOddsApi {
  url: string;
  close(): Promise<void>;
  /** "rate-limited" and "server-error" answer `times` requests (default 1) and then go back to "ok"; the others stay. */
  setMode(mode: FakeOddsApiMode, options?: { times?: number }): void;
  setEvents(events: OddsApiOddsEvent[]): void;
  setScores(scores: OddsApiScore[]): void;
  setQuota(remaining: number): void;
  requests: RecordedRequest[];
}

const MARKETS = new Set(["h2h", "spreads", "totals", "outrights", "h2h_lay", "outrights_lay"]);
const REGIONS = new Set(["us", "us2", "us_dfs", "us_ex", "uk", "eu", "au", "fr", "se"]);
const REGION_OF = new Map(ODDS_API_BOOKS.map((b) => [b.key, b.region as string]));

const SPORTS = [
  {
    key: "americanfootball_nfl",
    group: "American Football",
    title: "NFL",
    description: "US Football",
    active: true,
    has_outrights: false,
  },
  {
    key: "americanfootball_nfl_super_bowl_winner",
    group: "American Football",
    title: "NFL Super Bowl Winner",
    description: "Super Bowl Winner 2026/2027",
    active: true,
    has_outrights: true,
  },
  {
    key: "basketball_nba",
    group: "Basketball",
    title: "NBA",
    description: "US Basketball",
    active: true,
    has_outrights: false,
  },
  {
    key: "soccer_epl",
    group: "Soccer",
    title: "EPL",
    description: "English Premier League",
    active: true,
    has_outrights: false,
  },
  {
    key: "soccer_efl_champ",
    group: "Soccer",
    title: "Championship",
    description: "EFL Championship",
    active: true,
    has_outrights: false,
  },
  {
    key: "soccer_spain_la_liga",
    group: "Soccer",
    title: "La Liga - Spain",
    description: "Spanish Soccer",
    active: true,
    has_outrights: false,
  },
];

const QUOTA_MESSAGE = "Usage quota has been reached. See usage plans at https://the-odds-api.com";

/** Events a broken feed might send next to good ones: missing fields, wrong types, impossible prices. */
function malformedEvents(sportKey: string, good: OddsApiOddsEvent | undefined): unknown[] {
  const kickOff = good?.commence_time ?? new Date(Date.now() + 86_400_000).toISOString();
  const book = (outcomes: unknown[]) => [
    {
      key: "pinnacle",
      title: "Pinnacle",
      last_update: new Date().toISOString(),
      markets: [{ key: "h2h", last_update: new Date().toISOString(), outcomes }],
    },
  ];
  return [
    { id: "malformed-missing-home", sport_key: sportKey, commence_time: kickOff, away_team: "Chelsea", bookmakers: [] },
    {
      id: "malformed-wrong-types",
      sport_key: sportKey,
      commence_time: 1767225600,
      home_team: "Arsenal",
      away_team: "Chelsea",
      bookmakers: "none",
    },
    {
      id: "malformed-string-price",
      sport_key: sportKey,
      commence_time: kickOff,
      home_team: "Arsenal",
      away_team: "Chelsea",
      bookmakers: book([
        { name: "Arsenal", price: "2.10" },
        { name: "Chelsea", price: 3.4 },
      ]),
    },
    {
      id: "malformed-prices",
      sport_key: sportKey,
      commence_time: kickOff,
      home_team: "Arsenal",
      away_team: "Chelsea",
      bookmakers: book([
        { name: "Arsenal", price: 0 },
        { name: "Chelsea", price: 1e9 },
        { name: "Draw", price: 3.5 },
      ]),
    },
  ];
}

function malformedScores(sportKey: string): unknown[] {
  const at = new Date().toISOString();
  return [
    {
      id: "malformed-score-text",
      sport_key: sportKey,
      commence_time: at,
      completed: true,
      home_team: "Arsenal",
      away_team: "Chelsea",
      scores: [
        { name: "Arsenal", score: "n/a" },
        { name: "Chelsea", score: "1" },
      ],
      last_update: at,
    },
    {
      id: "malformed-no-completed",
      sport_key: sportKey,
      commence_time: at,
      home_team: "Arsenal",
      away_team: "Chelsea",
      scores: null,
      last_update: null,
    },
  ];
}

function toAmerican(decimal: number): number {
  return decimal >= 2 ? Math.round((decimal - 1) * 100) : Math.round(-100 / (decimal - 1));
}

export async function startFakeOddsApi(options: FakeOddsApiOptions = {}): Promise<FakeOddsApi> {
  const apiKey = options.apiKey ?? "test-key";
  const now = new Date();
  let events = options.events ?? SAMPLE_SPORTS.slice(0, 4).flatMap((sport) => sampleEvents(4, undefined, now, sport));
  let scores = options.scores ?? sampleScores(events, now);
  let remaining = options.quota ?? 500;
  let used = 0;
  let mode: FakeOddsApiMode = "ok";
  let modeLeft = Infinity;
  const requests: RecordedRequest[] = [];

  const send = sendJson;
  const quotaHeaders = (last: number) => ({
    "x-requests-remaining": String(remaining),
    "x-requests-used": String(used),
    "x-requests-last": String(last),
  });
  const error = (
    res: ServerResponse,
    status: number,
    message: string,
    code: string,
    headers: Record<string, string> = {},
  ) =>
    send(
      res,
      status,
      {
        message,
        error_code: code,
        details_url: `https://the-odds-api.com/liveapi/guides/v4/api-error-codes.html#${code.toLowerCase().replace(/_/g, "-")}`,
      },
      headers,
    );

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const query = Object.fromEntries(url.searchParams);
    requests.push({ method: req.method ?? "GET", path: url.pathname, query, at: new Date() });

    const current = mode;
    if (current !== "ok" && current !== "malformed") {
      modeLeft -= 1;
      if (modeLeft <= 0) mode = "ok";
    }
    if (current === "server-error") return send(res, 500, { message: "Internal server error" });
    if (current === "rate-limited") {
      return error(res, 429, "Requests are being made too frequently. Retry after 1 second.", "EXCEEDED_FREQ_LIMIT", {
        "retry-after": "1",
      });
    }
    if (current === "unauthorized")
      return error(
        res,
        401,
        "API key is not valid. Check the key or get a new one at https://the-odds-api.com",
        "INVALID_KEY",
      );
    if (current === "unprocessable")
      return error(
        res,
        422,
        "Invalid markets parameter. Valid markets are h2h, spreads, totals, outrights.",
        "INVALID_MARKET",
      );

    if (req.method !== "GET") return error(res, 405, "Only GET is supported", "METHOD_NOT_ALLOWED");
    if (!query.apiKey)
      return error(res, 401, "API key is missing. Pass it as the apiKey query parameter.", "MISSING_KEY");
    if (query.apiKey !== apiKey)
      return error(
        res,
        401,
        "API key is not valid. Check the key or get a new one at https://the-odds-api.com",
        "INVALID_KEY",
      );

    const charge = (cost: number): boolean => {
      if (cost > 0 && remaining < cost) {
        error(res, 429, QUOTA_MESSAGE, "OUT_OF_USAGE_CREDITS", quotaHeaders(0));
        return false;
      }
      remaining -= cost;
      used += cost;
      return true;
    };

    if (url.pathname === "/v4/sports" || url.pathname === "/v4/sports/") {
      if (!charge(0)) return;
      return send(res, 200, query.all === "true" ? SPORTS : SPORTS.filter((s) => s.active), quotaHeaders(0));
    }
    const match = /^\/v4\/sports\/([^/]+)\/(odds|scores|events)\/?$/.exec(url.pathname);
    if (!match) return error(res, 404, `Not found: ${url.pathname}`, "NOT_FOUND");
    const [, sport, endpoint] = match as unknown as [string, string, "odds" | "scores" | "events"];
    if (!SPORTS.some((s) => s.key === sport) && sport !== "upcoming")
      return error(res, 404, `Unknown sport: ${sport}`, "UNKNOWN_SPORT");
    const ofSport = <T extends { sport_key: string }>(list: T[]) =>
      list.filter((e) => sport === "upcoming" || e.sport_key === sport);
    if (query.dateFormat && !["iso", "unix"].includes(query.dateFormat))
      return error(res, 422, "Invalid dateFormat. Valid values are iso and unix.", "INVALID_DATE_FORMAT");

    if (endpoint === "events") {
      if (!charge(0)) return;
      const list = ofSport(events).map(({ bookmakers: _bookmakers, ...event }) => event);
      return send(
        res,
        200,
        current === "malformed" ? [...list, ...malformedEvents(sport, undefined).slice(0, 2)] : list,
        quotaHeaders(0),
      );
    }

    if (endpoint === "scores") {
      const daysFrom = query.daysFrom === undefined ? null : Number(query.daysFrom);
      if (daysFrom !== null && !(Number.isInteger(daysFrom) && daysFrom >= 1 && daysFrom <= 3)) {
        return error(
          res,
          422,
          "Invalid daysFrom parameter. It must be a whole number from 1 to 3.",
          "INVALID_SCORES_DAYS_FROM",
        );
      }
      const cost = daysFrom === null ? 1 : 2;
      if (!charge(cost)) return;
      const list = ofSport(scores).filter((s) => !s.completed || daysFrom !== null);
      return send(res, 200, current === "malformed" ? [...list, ...malformedScores(sport)] : list, quotaHeaders(cost));
    }

    if (!query.regions && !query.bookmakers)
      return error(
        res,
        422,
        "Missing regions parameter. Valid regions are us, us2, uk, au, eu, fr, se.",
        "MISSING_REGION",
      );
    const regions = (query.regions ?? "").split(",").filter(Boolean);
    const badRegion = regions.find((r) => !REGIONS.has(r));
    if (badRegion)
      return error(
        res,
        422,
        `Invalid regions parameter: ${badRegion}. Valid regions are us, us2, uk, au, eu, fr, se.`,
        "INVALID_REGION",
      );
    const markets = (query.markets ?? "h2h").split(",").filter(Boolean);
    const badMarket = markets.find((m) => !MARKETS.has(m));
    if (badMarket)
      return error(
        res,
        422,
        `Invalid markets parameter: ${badMarket}. Valid markets are h2h, spreads, totals, outrights.`,
        "INVALID_MARKET",
      );
    const format = query.oddsFormat ?? "decimal";
    if (format !== "decimal" && format !== "american")
      return error(res, 422, "Invalid oddsFormat. Valid values are decimal and american.", "INVALID_ODDS_FORMAT");
    const cost = markets.length * Math.max(1, regions.length);
    if (!charge(cost)) return;
    // Exchanges send their lay side with h2h, as the real feed does.
    const wanted = new Set(markets.includes("h2h") ? [...markets, "h2h_lay"] : markets);
    const onlyBooks = query.bookmakers ? new Set(query.bookmakers.split(",")) : null;
    const list = ofSport(events).map((event) => ({
      ...event,
      bookmakers: event.bookmakers
        .filter((b) => (onlyBooks ? onlyBooks.has(b.key) : regions.includes(REGION_OF.get(b.key) ?? "eu")))
        .map((b) => ({
          ...b,
          markets: b.markets
            .filter((m) => wanted.has(m.key))
            .map((m) =>
              format === "american"
                ? { ...m, outcomes: m.outcomes.map((o) => ({ ...o, price: toAmerican(o.price) })) }
                : m,
            ),
        }))
        .filter((b) => b.markets.length > 0),
    }));
    return send(
      res,
      200,
      current === "malformed" ? [...list, ...malformedEvents(sport, list[0])] : list,
      quotaHeaders(cost),
    );
  });

  const local = await listenLocal(server);
  return {
    ...local,
    setMode(next, { times } = {}) {
      mode = next;
      modeLeft = times ?? (next === "rate-limited" || next === "server-error" ? 1 : Infinity);
    },
    setEvents(next) {
      events = next;
    },
    setScores(next) {
      scores = next;
    },
    setQuota(next) {
      remaining = next;
    },
    requests,
  };
}
