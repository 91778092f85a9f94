/**
 * What went wrong talking to a provider, typed so the collectors can decide: retry later (rate-limited,
 * unavailable), slow down (quota-exhausted) or stop and tell an admin (unauthorized, bad-request). "gone" is a
 * target that no longer exists (a revoked Slack webhook, an expired push subscription, a Telegram chat that
 * blocked the bot): stop using it. Messages never hold an API key: URLs are redacted before they reach one.
 */
export type ProviderErrorKind =
  | "unauthorized"
  | "bad-request"
  | "rate-limited"
  | "quota-exhausted"
  | "unavailable"
  | "invalid-response"
  | "gone";

export class ProviderError extends Error {
  readonly provider: string;
  readonly kind: ProviderErrorKind;
  readonly status: number | null;
  readonly retryAfterSeconds: number | null;
  constructor(
    provider: string,
    kind: ProviderErrorKind,
    message: string,
    options: { status?: number | null; retryAfterSeconds?: number | null; cause?: unknown } = {},
  ) {
    super(redactSecrets(message), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "ProviderError";
    this.provider = provider;
    this.kind = kind;
    this.status = options.status ?? null;
    this.retryAfterSeconds = options.retryAfterSeconds ?? null;
  }
}

/** `apiKey=...` (and `api_key`, `key`, `token`) query values replaced, wherever they occur in a text. */
export function redactSecrets(text: string): string {
  return text.replace(/([?&](?:apiKey|api_key|key|token)=)[^&\s"']*/gi, "$1REDACTED");
}

/**
 * Seconds to wait from a Retry-After header: delta-seconds ("120") or an HTTP date; null when absent or
 * unreadable. Dates in the past give 0.
 */
export function parseRetryAfter(value: string | null | undefined, now: Date = new Date()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}
