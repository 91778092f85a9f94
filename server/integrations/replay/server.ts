import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { decodeText, SOURCE_FORMATS } from "@/server/domain/imports";
import { createReplayClock, type ReplayClock } from "./clock";
import {
  feedEventAt,
  LISTED_BEFORE_MS,
  replayFeedAt,
  replayGamesFromBatch,
  type FeedEvent,
  type ReplayGame,
  type ReplaySport,
} from "./feed";
import {
  espnScoreboard,
  oddsApiEvent,
  oddsApiOdds,
  oddsApiScore,
  oddsApiSport,
  type DateFormat,
  type OddsFormat,
} from "./responses";

/**
 * The replay provider: archive season files served as if live, on 127.0.0.1, in The Odds API v4's and
 * ESPN's scoreboard shapes, from the feed at the simulated clock's present. Point ODDS_API_BASE_URL and
 * ESPN_BASE_URL at `url`. It is the fake server of the live loop, fed by real data.
 */

export type ReplaySource = "football-data" | "nflverse";
export const REPLAY_SOURCES: readonly ReplaySource[] = ["football-data", "nflverse"];

export interface ReplayOptions {
  source: ReplaySource;
  files: string[];
  /** Only games of this season (its start year), e.g. one season of nflverse's all-seasons games.csv. */
  season?: number;
  /** The archive moment the replay starts at; default 48 h before the first kick-off, so games are listed at once. */
  from?: Date;
  /** Archive time per real time; default 60 (an archive hour per real minute). */
  speed?: number;
  /** When set, requests without this apiKey get 401 as from The Odds API. */
  apiKey?: string;
  port?: number;
  /** Requests the quota headers start from. */
  quota?: number;
  /** The real present; injected in tests. */
  realNow?: () => Date;
}

export interface ReplayServer {
  url: string;
  clock: ReplayClock;
  games: readonly ReplayGame[];
  /** Files' rows and games the replay could not serve, with the reason. */
  skipped: string[];
  close(): Promise<void>;
}

const ODDS_API_MARKETS = ["h2h", "spreads", "totals"];
const ODDS_API_REGIONS = ["us", "us2", "uk", "eu", "au"];

/** Reads the archive files with the product's importers; only games the replay can serve are kept. */
export async function loadReplayGames(source: ReplaySource, files: string[], season?: number) {
  const games: ReplayGame[] = [];
  const skipped: string[] = [];
  for (const file of files) {
    const batch = SOURCE_FORMATS[source].parse(decodeText(await readFile(file)), path.basename(file));
    const loaded = replayGamesFromBatch(batch, { season });
    games.push(...loaded.games);
    skipped.push(...loaded.skipped.map((s) => `${path.basename(file)} ${s}`));
  }
  games.sort((a, b) => a.kickoff.getTime() - b.kickoff.getTime() || a.id.localeCompare(b.id));
  return { games, skipped };
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`HTTP ${status}`);
  }
}

const oddsApiError = (status: number, message: string, code: string) =>
  new HttpError(status, { message, error_code: code });

function listParam(url: URL, name: string, allowed: readonly string[] | null, fallback?: string): string[] {
  const raw = url.searchParams.get(name) ?? fallback;
  if (raw === undefined || raw.trim() === "")
    throw oddsApiError(422, `Missing ${name} parameter`, `MISSING_${name.toUpperCase()}`);
  const values = raw
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);
  const bad = allowed ? values.filter((v) => !allowed.includes(v)) : [];
  if (bad.length)
    throw oddsApiError(422, `Invalid ${name} parameter: ${bad.join(",")}`, `INVALID_${name.toUpperCase()}`);
  return values;
}

function enumParam<T extends string>(url: URL, name: string, allowed: readonly T[], fallback: T): T {
  const raw = url.searchParams.get(name);
  if (raw === null) return fallback;
  if (!(allowed as readonly string[]).includes(raw))
    throw oddsApiError(422, `Invalid ${name} parameter: ${raw}`, `INVALID_${name.toUpperCase()}`);
  return raw as T;
}

/** UTC days "YYYYMMDD" or "YYYYMMDD-YYYYMMDD" -> [start, end) in milliseconds. */
function espnDays(raw: string | null, today: Date): [number, number] {
  const day = (s: string) => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(4, 6)) - 1, Number(s.slice(6, 8)));
  if (raw === null) {
    const start = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
    return [start, start + 86_400_000];
  }
  const m = /^(\d{8})(?:-(\d{8}))?$/.exec(raw);
  if (!m)
    throw new HttpError(400, {
      code: 400,
      message: `Invalid dates parameter "${raw}": use YYYYMMDD or YYYYMMDD-YYYYMMDD`,
    });
  return [day(m[1]!), day(m[2] ?? m[1]!) + 86_400_000];
}

export async function startReplay(options: ReplayOptions): Promise<ReplayServer> {
  const { games, skipped } = await loadReplayGames(options.source, options.files, options.season);
  if (games.length === 0)
    throw new Error(
      `no games the replay can serve in ${options.files.join(", ")}${options.season ? ` (season ${options.season})` : ""}`,
    );
  const realNow = options.realNow ?? (() => new Date());
  const clock = createReplayClock({
    archiveStart: options.from ?? new Date(games[0]!.kickoff.getTime() - LISTED_BEFORE_MS),
    realStart: realNow(),
    speed: options.speed ?? 60,
    realNow,
  });
  const sports = new Map<string, ReplaySport>();
  for (const g of games) sports.set(g.sport.key, g.sport);
  const gamesOf = (sportKey: string) => games.filter((g) => g.sport.key === sportKey);
  let used = 0;
  const quota = options.quota ?? 1_000_000;

  const sportOf = (key: string) =>
    sports.get(key) ??
    (() => {
      throw oddsApiError(404, `Unknown sport: ${key}`, "UNKNOWN_SPORT");
    })();

  function oddsApi(url: URL, res: ServerResponse): unknown {
    if (options.apiKey !== undefined && url.searchParams.get("apiKey") !== options.apiKey) {
      throw oddsApiError(401, "API key is not valid. Check the apiKey parameter.", "INVALID_KEY");
    }
    const dateFormat = enumParam<DateFormat>(url, "dateFormat", ["iso", "unix"], "iso");
    const parts = url.pathname.split("/").filter(Boolean);
    const charge = (cost: number) => {
      used += cost;
      res.setHeader("x-requests-used", String(used));
      res.setHeader("x-requests-remaining", String(Math.max(0, quota - used)));
      res.setHeader("x-requests-last", String(cost));
    };
    if (parts.length === 2) {
      charge(0);
      return [...sports.values()].map(oddsApiSport);
    }
    const sport = sportOf(parts[2]!);
    const archiveNow = clock.now();
    const listed = replayFeedAt(gamesOf(sport.key), archiveNow, clock.toReal);
    const eventIds = url.searchParams.get("eventIds")?.split(",").filter(Boolean) ?? null;
    const chosen = (events: FeedEvent[]) => (eventIds ? events.filter((e) => eventIds.includes(e.game.id)) : events);
    switch (parts[3]) {
      case "odds": {
        const markets = listParam(url, "markets", ODDS_API_MARKETS, "h2h");
        const bookmakers = url.searchParams.get("bookmakers") ? listParam(url, "bookmakers", null) : null;
        const regions = bookmakers ? [] : listParam(url, "regions", ODDS_API_REGIONS);
        const oddsFormat = enumParam<OddsFormat>(url, "oddsFormat", ["decimal", "american"], "decimal");
        const body = chosen(listed.filter((e) => e.state === "pre")).map((e) =>
          oddsApiOdds(e, { regions, markets, oddsFormat, dateFormat, bookmakers }),
        );
        charge(markets.length * (bookmakers ? Math.ceil(bookmakers.length / 10) : regions.length));
        return body;
      }
      case "scores": {
        const raw = url.searchParams.get("daysFrom");
        const daysFrom = raw === null ? null : Number(raw);
        if (daysFrom !== null && !(Number.isInteger(daysFrom) && daysFrom >= 1 && daysFrom <= 3)) {
          throw oddsApiError(422, "Invalid daysFrom parameter: a whole number from 1 to 3", "INVALID_DAYS_FROM");
        }
        const since = daysFrom === null ? null : realNow().getTime() - daysFrom * 86_400_000;
        const body = chosen(listed)
          .filter((e) => !e.completed || (since !== null && e.commenceTime.getTime() >= since))
          .map((e) => oddsApiScore(e, dateFormat));
        charge(daysFrom === null ? 1 : 2);
        return body;
      }
      case "events": {
        charge(0);
        return chosen(listed.filter((e) => !e.completed)).map((e) => oddsApiEvent(e, dateFormat));
      }
      default:
        throw oddsApiError(404, `Unknown path ${url.pathname}`, "NOT_FOUND");
    }
  }

  function espn(url: URL, espnSport: string, espnLeague: string): unknown {
    const sport = [...sports.values()].find((s) => s.espn.sport === espnSport && s.espn.league === espnLeague);
    if (!sport) throw new HttpError(404, { code: 404, message: `No league ${espnSport}/${espnLeague} in this replay` });
    const [start, end] = espnDays(url.searchParams.get("dates"), realNow());
    const archiveNow = clock.now();
    const events = gamesOf(sport.key)
      .map((g) => feedEventAt(g, archiveNow, clock.toReal))
      .filter((e) => e.commenceTime.getTime() >= start && e.commenceTime.getTime() < end);
    return espnScoreboard(sport, events, new Date(start).toISOString().slice(0, 10));
  }

  function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://replay.local");
    let status = 200;
    let body: unknown;
    try {
      if (req.method !== "GET") throw new HttpError(405, { message: "Only GET is served" });
      const espnPath = /^\/apis\/site\/v2\/sports\/([a-z-]+)\/([a-z0-9.-]+)\/scoreboard\/?$/.exec(url.pathname);
      if (/^\/v4\/sports(\/[a-z0-9_]+\/(odds|scores|events))?\/?$/.test(url.pathname)) body = oddsApi(url, res);
      else if (espnPath) body = espn(url, espnPath[1]!, espnPath[2]!);
      else throw new HttpError(404, { message: `Not found: ${url.pathname}` });
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      status = error.status;
      body = error.body;
    }
    res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
    res.end(JSON.stringify(body));
  }

  const server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch (error) {
      res.writeHead(500, { "content-type": "application/json; charset=utf-8" });
      res.end(JSON.stringify({ message: `replay failed: ${(error as Error).message}` }));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    clock,
    games,
    skipped,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
