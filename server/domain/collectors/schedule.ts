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

/**
 * How often each kind of collection runs, in seconds: the issue's defaults, overridable per kind with
 * COLLECT_SCHEDULE ("odds-near=60,odds-far=900,scores=300,scores-live=60,weather=3600,injuries=3600"). The jobs'
 * crons fire every minute; these intervals decide whether a pass is due, so a changed schedule needs no deploy.
 */
export interface CollectSchedule {
  /** Odds for games within NEAR_HORIZON_HOURS. */
  "odds-near": number;
  /** Odds when the next game is further out. */
  "odds-far": number;
  scores: number;
  /** Scores while a game is being played (kicked off within the last SCORES_LIVE_HOURS). */
  "scores-live": number;
  weather: number;
  injuries: number;
}

export const DEFAULT_SCHEDULE: CollectSchedule = {
  "odds-near": NEAR_INTERVAL_SECONDS,
  "odds-far": FAR_INTERVAL_SECONDS,
  scores: 5 * 60,
  "scores-live": 60,
  weather: 60 * 60,
  injuries: 60 * 60,
};

/** A game counts as being played for this long after its kick-off (extra time, overtime, delays). */
export const SCORES_LIVE_HOURS = 4;

const MIN_INTERVAL_SECONDS = 30;
const MAX_INTERVAL_SECONDS = 7 * 86_400;

/** Parses COLLECT_SCHEDULE: each entry "<kind>=<seconds>"; unnamed kinds keep their defaults. */
export function parseSchedule(text: string | undefined): { schedule: CollectSchedule } | { error: string } {
  const schedule = { ...DEFAULT_SCHEDULE };
  for (const part of (text ?? "")
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^([a-z-]+)=(\d+)$/.exec(part);
    if (!m) return { error: `"${part}" is not <kind>=<seconds>` };
    const key = m[1] as keyof CollectSchedule;
    if (!(key in DEFAULT_SCHEDULE))
      return { error: `"${m[1]}" is not one of ${Object.keys(DEFAULT_SCHEDULE).join(", ")}` };
    const seconds = Number(m[2]);
    if (seconds < MIN_INTERVAL_SECONDS || seconds > MAX_INTERVAL_SECONDS)
      return {
        error: `${m[1]} must be between ${MIN_INTERVAL_SECONDS} and ${MAX_INTERVAL_SECONDS} seconds, got ${seconds}`,
      };
    schedule[key] = seconds;
  }
  return { schedule };
}

export interface PollInput {
  /** Requests left until the quota resets; null when the provider has no quota (or has not said yet). */
  quotaRemaining: number | null;
  /** Hours until the quota resets. */
  windowHours: number;
  /** Hours until the next kick-off; null when no game is scheduled. */
  hoursToNextKickoff: number | null;
  /** Requests one poll costs (one per sport and market group at The Odds API). */
  requestsPerPoll?: number;
  /** The near and far intervals; default the 60 s and 15 min. */
  schedule?: Pick<CollectSchedule, "odds-near" | "odds-far">;
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
  schedule = DEFAULT_SCHEDULE,
}: PollInput): number {
  const base =
    hoursToNextKickoff !== null && hoursToNextKickoff <= NEAR_HORIZON_HOURS
      ? schedule["odds-near"]
      : schedule["odds-far"];
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
