import type { Queryable } from "@/server/db/pool";
import { effectivePlan, withOverride, type BillingMode, type Entitlement } from "@/server/domain/billing/entitlement";
import { limitMessage, planThatLifts, PLANS, scannerDelayNotice, UNLIMITED, type DailyLimit, type LimitName, type PlanId, type PlanLimits } from "@/server/domain/billing/plans";
import { AppError } from "@/server/errors";
import { billingMode, billingSettings } from "./mode";

/**
 * Plan limits on the server: what a user's plan allows now (`limitsFor`), a check before creating one more of
 * something (`assertWithinLimit`), and per-day quotas counted atomically (`consumeDaily`). A refusal is a
 * PlanLimitError: PAYMENT_REQUIRED (HTTP 402) with a message naming the limit and the plan that lifts it,
 * mapped to tRPC in the one error middleware of server/api/trpc.ts.
 */
export class PlanLimitError extends AppError {
  readonly limit: LimitName;
  readonly plan: PlanId;
  /** The cheapest plan that allows more; null when no plan does. */
  readonly upgradeTo: PlanId | null;
  constructor(plan: PlanId, limit: LimitName) {
    super("PAYMENT_REQUIRED", limitMessage(plan, limit));
    this.name = "PlanLimitError";
    this.limit = limit;
    this.plan = plan;
    this.upgradeTo = planThatLifts(plan, limit);
  }
}

export interface UserLimits {
  mode: BillingMode["kind"];
  plan: PlanId;
  entitlement: Entitlement;
  limits: PlanLimits;
}

/** The BillingAccount columns a user's plan is resolved from (read in one query with other data by the admin list). */
export interface AccountRow {
  plan: PlanId;
  status: string | null;
  currentPeriodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  pastDueSince: Date | null;
  compPlan: PlanId | null;
  compEndsAt: Date | null;
}

const NO_ACCOUNT: AccountRow = {
  plan: "FREE",
  status: null,
  currentPeriodEnd: null,
  cancelAtPeriodEnd: false,
  pastDueSince: null,
  compPlan: null,
  compEndsAt: null,
};

/**
 * The plan and limits that apply to a user now: the one place a user's plan is resolved. BILLING=off has no
 * limits; otherwise the subscription's plan (Free when billing is unconfigured), replaced by an administrator's
 * override while it is in force.
 */
export async function limitsFor(db: Queryable, userId: string, now = new Date()): Promise<UserLimits> {
  // Without billing there is nothing to read.
  if (billingMode().kind === "off") return limitsOfAccount(null, now);
  const { rows } = await db.query<AccountRow>(
    `SELECT plan, status, "currentPeriodEnd", "cancelAtPeriodEnd", "pastDueSince", "compPlan", "compEndsAt"
       FROM "BillingAccount" WHERE "userId" = $1`,
    [userId],
  );
  return limitsOfAccount(rows[0] ?? null, now);
}

/** limitsFor from an already-read BillingAccount row (null: the user has none). */
export function limitsOfAccount(row: AccountRow | null, now = new Date()): UserLimits {
  const mode = billingMode();
  if (mode.kind === "off")
    return { mode: mode.kind, plan: "FREE", entitlement: { plan: "FREE", reason: mode.message, endsAt: null }, limits: UNLIMITED };
  const account = row ?? NO_ACCOUNT;
  const subscription: Entitlement =
    mode.kind === "unconfigured" ? { plan: "FREE", reason: mode.message, endsAt: null } : effectivePlan(account, now, billingSettings().graceDays);
  const override = account.compPlan ? { plan: account.compPlan, endsAt: account.compEndsAt } : null;
  const entitlement = withOverride(subscription, override, now);
  return { mode: mode.kind, plan: entitlement.plan, entitlement, limits: PLANS[entitlement.plan].limits };
}

/** How many of a kept thing a user has, for the limits this module can count itself. */
const COUNTERS: Partial<Record<LimitName, (db: Queryable, userId: string) => Promise<number>>> = {
  strategies: async (db, userId) => {
    const { rows } = await db.query<{ n: number }>(
      `SELECT COUNT(*)::int AS n FROM "Strategy" WHERE "userId" = $1 AND "archivedAt" IS NULL`,
      [userId],
    );
    return rows[0]!.n;
  },
};

/** Limits checked with "how many now, how many more": kept things and the size of one request. */
export type CheckedLimit = Exclude<LimitName, DailyLimit | "scannerDelayMinutes" | "apiRequestsPerMinute">;

/**
 * Refuses (PlanLimitError) when `current + adding` would pass the user's limit. Give `current` when the caller
 * counts it itself, ideally inside the transaction that then creates the thing under a lock (bots: count active
 * bots with the user's row locked, then `assertWithinLimit(client, userId, "activeBots", { current })`); without
 * it, strategies are counted here (bots, alert rules and user-built models are counted by their features).
 */
export async function assertWithinLimit(
  db: Queryable,
  userId: string,
  limit: CheckedLimit,
  usage: { current?: number; adding?: number } = {},
): Promise<void> {
  const { plan, limits } = await limitsFor(db, userId);
  check(plan, limits, limit, await currentUsage(db, userId, limit, usage.current), usage.adding ?? 1);
}

/**
 * The same check as a function of the current count, resolved first: for a service that counts inside its own
 * transaction (the strategies service counts with the user's row locked, so parallel creates cannot pass it).
 */
export async function allowanceFor(db: Queryable, userId: string, limit: CheckedLimit): Promise<(current: number, adding?: number) => void> {
  const { plan, limits } = await limitsFor(db, userId);
  return (current, adding = 1) => check(plan, limits, limit, current, adding);
}

function check(plan: PlanId, limits: PlanLimits, limit: CheckedLimit, current: number, adding: number) {
  if (current + adding > limits[limit]) throw new PlanLimitError(plan, limit);
}

async function currentUsage(db: Queryable, userId: string, limit: CheckedLimit, given: number | undefined) {
  if (given !== undefined) return given;
  if (limit === "sweepVariants") return 0;
  const counter = COUNTERS[limit];
  if (!counter) throw new Error(`assertWithinLimit(${limit}) needs the caller's current count`);
  return counter(db, userId);
}

/** The UTC day a daily quota counts in. */
export function usageDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/**
 * Counts one use of a daily quota, or refuses when the day's count has reached the limit. One statement does the
 * check and the increment (the conditional ON CONFLICT update locks the row), so parallel requests cannot pass it.
 */
export async function consumeDaily(db: Queryable, userId: string, limit: DailyLimit, now = new Date()): Promise<number> {
  const { plan, limits } = await limitsFor(db, userId, now);
  const allowed = limits[limit];
  if (allowed < 1) throw new PlanLimitError(plan, limit);
  const finite = Number.isFinite(allowed);
  const { rows } = await db.query<{ count: number }>(
    `INSERT INTO "UsageCounter" ("userId", metric, day, count) VALUES ($1, $2, $3::date, 1)
     ON CONFLICT ("userId", metric, day) DO UPDATE SET count = "UsageCounter".count + 1
     WHERE $4::boolean = false OR "UsageCounter".count < $5::int
     RETURNING count`,
    [userId, limit, usageDay(now), finite, finite ? allowed : 0],
  );
  if (!rows[0]) throw new PlanLimitError(plan, limit);
  return rows[0].count;
}

/** Gives back one use (the request it was counted for failed before doing anything). */
export async function releaseDaily(db: Queryable, userId: string, limit: DailyLimit, now: Date): Promise<void> {
  await db.query(
    `UPDATE "UsageCounter" SET count = count - 1 WHERE "userId" = $1 AND metric = $2 AND day = $3::date AND count > 0`,
    [userId, limit, usageDay(now)],
  );
}

/**
 * Runs `work` against one use of a daily quota: counted first (so parallel requests are held to the limit), given
 * back when `work` throws (a refused request costs nothing). `isRetry` says the request was already counted
 * (the same idempotency key), so a retry is not counted twice.
 */
export async function withDailyQuota<T>(
  db: Queryable,
  userId: string,
  limit: DailyLimit,
  work: () => Promise<T>,
  options: { isRetry?: () => Promise<boolean> } = {},
): Promise<T> {
  if (options.isRetry && (await options.isRetry())) return work();
  const now = new Date();
  await consumeDaily(db, userId, limit, now);
  try {
    return await work();
  } catch (error) {
    await releaseDaily(db, userId, limit, now);
    throw error;
  }
}

/** Today's count of each daily quota, for the billing page. */
export async function dailyUsage(db: Queryable, userId: string, now = new Date()): Promise<Record<DailyLimit, number>> {
  const { rows } = await db.query<{ metric: string; count: number }>(
    `SELECT metric, count FROM "UsageCounter" WHERE "userId" = $1 AND day = $2::date`,
    [userId, usageDay(now)],
  );
  const of = (metric: DailyLimit) => rows.find((r) => r.metric === metric)?.count ?? 0;
  return { backtestsPerDay: of("backtestsPerDay"), modelEvaluationsPerDay: of("modelEvaluationsPerDay") };
}

/** Kept-thing counts for the billing page (bots, alert rules and user-built models join when those features exist). */
export async function keptUsage(db: Queryable, userId: string): Promise<{ strategies: number }> {
  return { strategies: await COUNTERS.strategies!(db, userId) };
}

export interface ScannerDelay {
  minutes: number;
  /** Prices captured after this are not used; null in real time. */
  pricesKnownBy: Date | null;
  /** "Delayed 15 minutes on Free; Pro is real time."; null in real time. */
  notice: string | null;
}

/** How delayed the user's scanners are now (the plan's scannerDelayMinutes; BILLING=off is real time). */
export async function scannerDelay(db: Queryable, userId: string, now = new Date()): Promise<ScannerDelay> {
  const { plan, limits } = await limitsFor(db, userId, now);
  const minutes = limits.scannerDelayMinutes;
  if (minutes <= 0) return { minutes: 0, pricesKnownBy: null, notice: null };
  return { minutes, pricesKnownBy: new Date(now.getTime() - minutes * 60_000), notice: scannerDelayNotice(plan, minutes) };
}
