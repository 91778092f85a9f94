/**
 * When a live collector runs: the circuit breaker that stops hammering a failing provider, and the polling
 * interval that follows kick-offs and slows down before the provider's quota runs out. Pure; the
 * collection services read and store the state.
 */

export interface BreakerState {
  consecutiveFailures: number;
  circuitOpenUntil: Date | null;
}

/** Consecutive failures after which the circuit opens. */
export const FAILURES_TO_OPEN = 5;
/** The first pause once the circuit opens; it doubles with every further failure, up to the maximum. */
export const BACKOFF_MINUTES = 5;
export const MAX_BACKOFF_MINUTES = 60;

/** The state after a failed run: one more failure, and from the fifth on an open circuit with backoff. */
export function circuitAfterFailure(state: BreakerState, now: Date): BreakerState {
  const consecutiveFailures = state.consecutiveFailures + 1;
  if (consecutiveFailures < FAILURES_TO_OPEN) return { consecutiveFailures, circuitOpenUntil: null };
  const minutes = Math.min(MAX_BACKOFF_MINUTES, BACKOFF_MINUTES * 2 ** (consecutiveFailures - FAILURES_TO_OPEN));
  return { consecutiveFailures, circuitOpenUntil: new Date(now.getTime() + minutes * 60_000) };
}

/** The state after a successful run: failures forgotten, circuit closed. */
export function circuitAfterSuccess(): BreakerState {
  return { consecutiveFailures: 0, circuitOpenUntil: null };
}

/**
 * Whether a run may go ahead. Once the open period is over, one trial run goes ahead (half-open); if it
 * fails too, the circuit opens again for longer.
 */
export function shouldRun(state: BreakerState, now: Date): { run: true } | { run: false; reason: string } {
  if (state.circuitOpenUntil && state.circuitOpenUntil.getTime() > now.getTime()) {
    return {
      run: false,
      reason: `circuit open after ${state.consecutiveFailures} consecutive failures: next try at ${state.circuitOpenUntil.toISOString()}`,
    };
  }
  return { run: true };
}

/** Odds polling: every minute for games within this many hours, every 15 minutes further out. */
export const NEAR_HORIZON_HOURS = 48;
export const NEAR_INTERVAL_SECONDS = 60;
export const FAR_INTERVAL_SECONDS = 15 * 60;

export interface PollInput {
  /** Requests left until the quota resets; null when the provider has no quota (or has not said yet). */
  quotaRemaining: number | null;
  /** Hours until the quota resets. */
  windowHours: number;
  /** Hours until the next kick-off; null when no game is scheduled. */
  hoursToNextKickoff: number | null;
  /** Requests one poll costs (one per sport and market group at The Odds API). */
  requestsPerPoll?: number;
}

/**
 * Seconds between polls. The base interval follows the next kick-off; when the remaining quota would not
 * last until the reset at that pace, the interval stretches so the quota lasts exactly; with no quota
 * left, the next poll waits for the reset.
 */
export function pollInterval({
  quotaRemaining,
  windowHours,
  hoursToNextKickoff,
  requestsPerPoll = 1,
}: PollInput): number {
  const base =
    hoursToNextKickoff !== null && hoursToNextKickoff <= NEAR_HORIZON_HOURS
      ? NEAR_INTERVAL_SECONDS
      : FAR_INTERVAL_SECONDS;
  if (quotaRemaining === null) return base;
  const windowSeconds = Math.max(0, windowHours) * 3600;
  const pollsLeft = Math.floor(quotaRemaining / Math.max(1, requestsPerPoll));
  if (pollsLeft <= 0) return Math.max(base, Math.ceil(windowSeconds));
  const needed = windowSeconds / base;
  return pollsLeft >= needed ? base : Math.ceil(windowSeconds / pollsLeft);
}

/** Whether a poll is due: never ran, or the interval has passed since the last run. */
export function isDue(lastRunAt: Date | null, intervalSeconds: number, now: Date): boolean {
  // A few seconds of slack so a run every minute on a one-minute cron is not skipped for jitter.
  return lastRunAt === null || now.getTime() - lastRunAt.getTime() >= intervalSeconds * 1000 - 5_000;
}
