/**
 * JSON over HTTP for the keyless providers (ESPN, Open-Meteo): typed errors and retries with backoff.
 * The Odds API client has the same error kinds; the collection services treat both alike.
 */

import { ProviderError, redactSecrets } from "../provider-error";

export { ProviderError };
/** Removes credentials from anything that may end up in a message or a log line. */
export const redact = redactSecrets;

export interface HttpOptions {
  provider: string;
  fetch?: typeof fetch;
  /** Attempts in all, first one included (default 3). */
  attempts?: number;
  /** Backoff before the n-th retry: base * 2^(n-1) ms (default 250), or the server's Retry-After. */
  backoffMs?: number;
  sleep?: (ms: number) => Promise<void>;
  timeoutMs?: number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * GET a URL and parse its JSON. 5xx, 429 and network failures are retried with exponential backoff (429 honours
 * Retry-After); 4xx is a "bad-request" at once; a body that is not JSON is an "invalid-response".
 */
export async function getJson(url: string, options: HttpOptions): Promise<{ body: unknown; requests: number }> {
  const doFetch = options.fetch ?? fetch;
  const attempts = Math.max(1, options.attempts ?? 3);
  const sleep = options.sleep ?? defaultSleep;
  const base = options.backoffMs ?? 250;
  let last: ProviderError | null = null;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (attempt > 1) {
      const wait = last?.retryAfterSeconds != null ? last.retryAfterSeconds * 1000 : base * 2 ** (attempt - 2);
      await sleep(wait);
    }
    let response: Response;
    try {
      response = await doFetch(url, {
        headers: { accept: "application/json" },
        signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
      });
    } catch (error) {
      last = new ProviderError(options.provider, "unavailable", `request failed: ${(error as Error).message}`);
      continue;
    }
    if (response.ok) {
      const text = await response.text();
      try {
        return { body: JSON.parse(text) as unknown, requests: attempt };
      } catch {
        throw new ProviderError(options.provider, "invalid-response", `response is not JSON (${text.slice(0, 80)})`, {
          status: response.status,
        });
      }
    }
    const detail = await errorDetail(response);
    if (response.status === 429) {
      const retryAfter = Number(response.headers.get("retry-after"));
      last = new ProviderError(options.provider, "rate-limited", `rate limited (429)${detail}`, {
        status: 429,
        retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : null,
      });
      continue;
    }
    if (response.status >= 500) {
      last = new ProviderError(options.provider, "unavailable", `server error ${response.status}${detail}`, {
        status: response.status,
      });
      continue;
    }
    throw new ProviderError(options.provider, "bad-request", `refused with ${response.status}${detail}`, {
      status: response.status,
    });
  }
  throw last!;
}

async function errorDetail(response: Response): Promise<string> {
  const text = await response.text().catch(() => "");
  if (!text) return "";
  try {
    const body = JSON.parse(text) as { message?: unknown; reason?: unknown; error?: unknown };
    const message = [body.reason, body.message, body.error].find((v) => typeof v === "string");
    if (message) return `: ${String(message).slice(0, 200)}`;
  } catch {
    // not JSON: fall through
  }
  return `: ${text.slice(0, 120)}`;
}
