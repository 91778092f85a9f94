/**
 * When a failed notification delivery is tried again, and when it is given up. Pure: the delivery service
 * applies it to what a channel's client reported.
 *
 * Backoff after the n-th failed attempt: 30 s x 4^(n-1) (30 s, 2 min, 8 min, 32 min, ~2 h), so a channel that is
 * down for a couple of hours still gets the message and a dead one is given up after six attempts. A rate
 * limit's Retry-After replaces the backoff (bounded, so one absurd header cannot park a message for days).
 */
export const MAX_ATTEMPTS = 6;
export const BACKOFF_BASE_SECONDS = 30;
export const BACKOFF_FACTOR = 4;
export const MAX_WAIT_SECONDS = 6 * 3600;
/** Deliveries given up in a row on one channel before the channel is turned off. */
export const DISABLE_AFTER_GIVE_UPS = 3;

/**
 * How a send failed, as the delivery service sees it:
 * - retry: the service may work later (down, timed out, rate limited);
 * - gone: the target will never work again (revoked webhook, expired subscription, blocked bot): turn the channel off;
 * - refused: this message cannot be sent here (bad payload, refused recipient): give it up;
 * - server-config: our own configuration is wrong or missing (bot token, VAPID keys, SMTP login): give it up
 *   without blaming the user's channel.
 */
export type SendFailure =
  | { kind: "retry"; retryAfterSeconds: number | null }
  | { kind: "gone" }
  | { kind: "refused" }
  | { kind: "server-config" };

export type NextStep =
  | { status: "FAILED"; nextAttemptAt: Date }
  | { status: "GIVEN_UP"; disableChannel: boolean; countsAgainstChannel: boolean };

export function backoffSeconds(attempts: number): number {
  return Math.min(MAX_WAIT_SECONDS, BACKOFF_BASE_SECONDS * BACKOFF_FACTOR ** Math.max(0, attempts - 1));
}

/** What to do after attempt number `attempts` (1 for the first) failed with `failure` at `now`. */
export function afterFailure(attempts: number, failure: SendFailure, now: Date): NextStep {
  if (failure.kind === "gone") return { status: "GIVEN_UP", disableChannel: true, countsAgainstChannel: true };
  if (failure.kind === "refused") return { status: "GIVEN_UP", disableChannel: false, countsAgainstChannel: true };
  if (failure.kind === "server-config") return { status: "GIVEN_UP", disableChannel: false, countsAgainstChannel: false };
  if (attempts >= MAX_ATTEMPTS) return { status: "GIVEN_UP", disableChannel: false, countsAgainstChannel: true };
  const wait =
    failure.retryAfterSeconds !== null
      ? Math.min(MAX_WAIT_SECONDS, Math.max(1, failure.retryAfterSeconds))
      : backoffSeconds(attempts);
  return { status: "FAILED", nextAttemptAt: new Date(now.getTime() + wait * 1000) };
}
