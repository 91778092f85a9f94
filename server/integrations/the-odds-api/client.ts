import { ODDS_API_PROVIDER } from "@/server/domain/collectors/odds-api";
import type { RejectedRow } from "@/server/domain/collectors/types";
import type { z } from "zod";
import { ProviderError, redactSecrets, type ProviderErrorKind } from "../provider-error";
import {
  oddsApiErrorSchema,
  oddsApiEventSchema,
  oddsApiOddsEventSchema,
  oddsApiScoreSchema,
  oddsApiSportSchema,
  parseEach,
  type OddsApiEvent,
  type OddsApiOddsEvent,
  type OddsApiScore,
  type OddsApiSport,
} from "./schema";

/**
 * The Odds API v4 client: builds the real query strings, reads the quota headers, parses each event on its own
 * and turns failures into ProviderError. 5xx, network failures and rate limits (429 without a quota message) are
 * retried with exponential backoff, honouring Retry-After; the rest fail at once.
 */

export const ODDS_API_MARKETS = ["h2h", "spreads", "totals"] as const;

export interface OddsApiQuota {
  remaining: number | null;
  used: number | null;
  /** The cost of the last request. */
  last: number | null;
}

export interface OddsApiResult<T> {
  data: T[];
  rejected: RejectedRow[];
  quota: OddsApiQuota | null;
  /** HTTP requests this call made, retries included. */
  attempts: number;
}

export interface OddsApiClientOptions {
  baseUrl: string;
  apiKey: string;
  fetch?: typeof fetch;
  /** Waits between retries; tests pass one that records instead of waiting. */
  sleep?: (ms: number) => Promise<void>;
  /** Tries per call, the first included (default 3). */
  maxAttempts?: number;
  /** First backoff delay; doubled on every retry (default 500 ms). */
  backoffMs?: number;
  /** A Retry-After longer than this is not waited for: the call fails as rate-limited (default 60 s). */
  maxRetryAfterSeconds?: number;
  timeoutMs?: number;
}

export interface OddsApiClient {
  sports(): Promise<OddsApiResult<OddsApiSport>>;
  odds(
    sport: string,
    options: { regions: readonly string[] | string; markets?: readonly string[] },
  ): Promise<OddsApiResult<OddsApiOddsEvent>>;
  scores(sport: string, options?: { daysFrom?: number }): Promise<OddsApiResult<OddsApiScore>>;
  events(sport: string): Promise<OddsApiResult<OddsApiEvent>>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function headerNumber(headers: Headers, name: string): number | null {
  const value = headers.get(name);
  if (value === null || value.trim() === "") return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

function quotaOf(headers: Headers): OddsApiQuota | null {
  const quota = {
    remaining: headerNumber(headers, "x-requests-remaining"),
    used: headerNumber(headers, "x-requests-used"),
    last: headerNumber(headers, "x-requests-last"),
  };
  return quota.remaining === null && quota.used === null && quota.last === null ? null : quota;
}

/** Retry-After in seconds: a number of seconds or an HTTP date. */
function retryAfterOf(headers: Headers, now: number): number | null {
  const value = headers.get("retry-after");
  if (value === null) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

async function errorMessageOf(response: Response): Promise<{ message: string | null; code: string | null }> {
  const text = await response.text().catch(() => "");
  try {
    const parsed = oddsApiErrorSchema.safeParse(JSON.parse(text));
    if (parsed.success) return { message: parsed.data.message, code: parsed.data.error_code ?? null };
  } catch {
    // Not JSON: the first line of the body (a proxy's HTML page) says enough.
  }
  const line = text.trim().split("\n")[0]?.slice(0, 200) ?? "";
  return { message: line || null, code: null };
}

const QUOTA_WORDS = /quota|usage credits|OUT_OF_USAGE_CREDITS/i;

export function createOddsApiClient(options: OddsApiClientOptions): OddsApiClient {
  const doFetch = options.fetch ?? fetch;
  const sleep = options.sleep ?? defaultSleep;
  const maxAttempts = Math.max(1, options.maxAttempts ?? 3);
  const backoffMs = options.backoffMs ?? 500;
  const maxRetryAfter = options.maxRetryAfterSeconds ?? 60;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const base = options.baseUrl.replace(/\/+$/, "");

  function fail(
    kind: ProviderErrorKind,
    message: string,
    extra: { status?: number; retryAfterSeconds?: number | null; cause?: unknown } = {},
  ): never {
    throw new ProviderError(ODDS_API_PROVIDER, kind, `The Odds API: ${message}`, extra);
  }

  /** One GET with retries; answers the parsed JSON body and the quota of the last response. */
  async function get(
    path: string,
    query: Record<string, string>,
  ): Promise<{ body: unknown; quota: OddsApiQuota | null; attempts: number }> {
    const params = new URLSearchParams({ apiKey: options.apiKey, ...query });
    const url = `${base}${path}?${params}`;
    // What errors may say about the request: the path and its parameters, never the key.
    const shown = redactSecrets(`${path}?${params}`);
    let attempt = 0;
    for (;;) {
      attempt += 1;
      let response: Response;
      try {
        response = await doFetch(url, {
          headers: { accept: "application/json" },
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (cause) {
        const reason = redactSecrets(
          cause instanceof Error
            ? `${cause.message}${cause.cause instanceof Error ? ` (${cause.cause.message})` : ""}`
            : String(cause),
        );
        if (attempt < maxAttempts) {
          await sleep(backoffMs * 2 ** (attempt - 1));
          continue;
        }
        fail("unavailable", `GET ${shown} failed after ${attempt} attempts: ${reason}`);
      }
      const quota = quotaOf(response.headers);
      if (response.ok) {
        const text = await response.text();
        try {
          return { body: JSON.parse(text), quota, attempts: attempt };
        } catch {
          fail("invalid-response", `GET ${shown} answered ${response.status} with a body that is not JSON`, {
            status: response.status,
          });
        }
      }
      const { message, code } = await errorMessageOf(response);
      const said = message ? `: ${message}` : "";
      const status = response.status;
      if (status === 401 || status === 429) {
        if (QUOTA_WORDS.test(`${message ?? ""} ${code ?? ""}`) || quota?.remaining === 0) {
          fail(
            "quota-exhausted",
            `the usage quota is exhausted (${status})${said}. Collection pauses until the quota renews or the plan is raised.`,
            { status },
          );
        }
      }
      if (status === 401) fail("unauthorized", `the API key was refused (401)${said}. Check ODDS_API_KEY.`, { status });
      if (status === 429) {
        const retryAfter = retryAfterOf(response.headers, Date.now());
        if (attempt < maxAttempts && (retryAfter === null || retryAfter <= maxRetryAfter)) {
          await sleep(retryAfter === null ? backoffMs * 2 ** (attempt - 1) : retryAfter * 1000);
          continue;
        }
        fail("rate-limited", `too many requests (429) to GET ${shown}${said}`, {
          status,
          retryAfterSeconds: retryAfter,
        });
      }
      if (status >= 500) {
        if (attempt < maxAttempts) {
          await sleep(backoffMs * 2 ** (attempt - 1));
          continue;
        }
        fail("unavailable", `GET ${shown} answered ${status} after ${attempt} attempts${said}`, { status });
      }
      fail("bad-request", `GET ${shown} was refused (${status})${said}`, { status });
    }
  }

  async function list<T>(path: string, query: Record<string, string>, schema: z.ZodType<T>): Promise<OddsApiResult<T>> {
    const { body, quota, attempts } = await get(path, query);
    if (!Array.isArray(body)) fail("invalid-response", `GET ${path} answered something other than a list`);
    return { ...parseEach(schema, body), quota, attempts };
  }

  const sportPath = (sport: string, tail: string) => {
    if (!/^[a-z0-9_]+$/.test(sport)) fail("bad-request", `"${sport}" is not a sport key such as soccer_epl`);
    return `/v4/sports/${sport}/${tail}`;
  };

  return {
    sports: () => list("/v4/sports", {}, oddsApiSportSchema),
    odds: async (sport, { regions, markets = ODDS_API_MARKETS }) =>
      list(
        sportPath(sport, "odds"),
        {
          regions: typeof regions === "string" ? regions : regions.join(","),
          markets: markets.join(","),
          oddsFormat: "decimal",
          dateFormat: "iso",
        },
        oddsApiOddsEventSchema,
      ),
    scores: async (sport, { daysFrom } = {}) => {
      if (daysFrom !== undefined && !(Number.isInteger(daysFrom) && daysFrom >= 1 && daysFrom <= 3)) {
        fail("bad-request", `daysFrom must be a whole number of days from 1 to 3, got ${daysFrom}`);
      }
      const query: Record<string, string> = { dateFormat: "iso" };
      if (daysFrom !== undefined) query.daysFrom = String(daysFrom);
      return list(sportPath(sport, "scores"), query, oddsApiScoreSchema);
    },
    events: async (sport) => list(sportPath(sport, "events"), { dateFormat: "iso" }, oddsApiEventSchema),
  };
}
