/**
 * Benny's bankroll rule, as the source system runs it: $100 a week. At the start of each UTC week (Monday
 * 00:00) the paper bankroll is topped up to 10,000 cents; a balance already at or above that gets nothing, and
 * nothing is ever withdrawn. The deposit's idempotency key names the week, so the bots' runner can call this on
 * every run and the ledger's unique key makes the top-up happen once per week.
 */
export const WEEKLY_BANKROLL_CENTS = 10_000n;

const DAY_MS = 86_400_000;

/** Monday 00:00 UTC of the week holding `at`. */
export function weekStartUtc(at: Date): Date {
  const midnight = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  // getUTCDay: Sunday 0 ... Saturday 6; days since Monday:
  const sinceMonday = (new Date(midnight).getUTCDay() + 6) % 7;
  return new Date(midnight - sinceMonday * DAY_MS);
}

export interface WeeklyTopUp {
  weekStart: Date;
  depositCents: bigint;
  /** The ledger key of this week's deposit ("benny-week:2026-11-30"). */
  idempotencyKey: string;
}

/**
 * The deposit that brings `balanceCents` up to the weekly bankroll for the week starting `weekStart` (which must be
 * a Monday 00:00 UTC; use weekStartUtc). Zero when the balance is already there.
 */
export function weeklyTopUp(balanceCents: bigint, weekStart: Date): WeeklyTopUp {
  if (weekStartUtc(weekStart).getTime() !== weekStart.getTime()) {
    throw new RangeError(`${weekStart.toISOString()} is not a Monday 00:00 UTC: pass weekStartUtc(now)`);
  }
  const depositCents = balanceCents >= WEEKLY_BANKROLL_CENTS ? 0n : WEEKLY_BANKROLL_CENTS - balanceCents;
  return { weekStart, depositCents, idempotencyKey: `benny-week:${weekStart.toISOString().slice(0, 10)}` };
}
