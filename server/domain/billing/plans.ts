/**
 * The plans Linesmith sells and what each allows: the ONE definition. The server enforces these limits
 * (server/services/billing/limits.ts), the billing page and the README's table show them, and Stripe prices
 * are found by the lookup keys named here, never by price ids copied into code.
 */

export const PLAN_IDS = ["FREE", "PRO", "ELITE"] as const;
export type PlanId = (typeof PLAN_IDS)[number];
export const PAID_PLANS = ["PRO", "ELITE"] as const satisfies readonly PlanId[];
export type PaidPlanId = (typeof PAID_PLANS)[number];

export const BILLING_INTERVALS = ["monthly", "yearly"] as const;
export type BillingInterval = (typeof BILLING_INTERVALS)[number];

export interface PlanLimits {
  /** Strategies kept (archived ones do not count). */
  strategies: number;
  /** Bots running at once (paper or real slips). */
  activeBots: number;
  /** Variants one sweep may try (the product of its parameters' value counts). */
  sweepVariants: number;
  /** Backtests requested per UTC day. */
  backtestsPerDay: number;
  /** Model lab evaluations requested per UTC day. */
  modelEvaluationsPerDay: number;
  /**
   * Models the user builds themselves (own features and settings; 5 on Free, as the source system caps them).
   * The Model lab's catalogue models are not user-built and do not count.
   */
  userModels: number;
  /** Alert rules kept. */
  alertRules: number;
  /** REST API requests per minute (per user, all keys together). */
  apiRequestsPerMinute: number;
  /** How old scanner prices are when shown: 0 is real time. */
  scannerDelayMinutes: number;
}

export type LimitName = keyof PlanLimits;
/** Limits on how many of something a user keeps at once. */
export type CountLimit = "strategies" | "activeBots" | "userModels" | "alertRules";
/** Limits counted per UTC day (UsageCounter rows). */
export type DailyLimit = "backtestsPerDay" | "modelEvaluationsPerDay";

export interface Plan {
  id: PlanId;
  name: string;
  /** Display prices in integer cents (USD); Stripe's prices are the truth at checkout. */
  priceCents: Record<BillingInterval, number>;
  limits: PlanLimits;
}

export const PLANS: Record<PlanId, Plan> = {
  FREE: {
    id: "FREE",
    name: "Free",
    priceCents: { monthly: 0, yearly: 0 },
    limits: {
      strategies: 3,
      activeBots: 1,
      sweepVariants: 25,
      backtestsPerDay: 10,
      modelEvaluationsPerDay: 3,
      userModels: 5,
      alertRules: 3,
      apiRequestsPerMinute: 30,
      scannerDelayMinutes: 15,
    },
  },
  PRO: {
    id: "PRO",
    name: "Pro",
    priceCents: { monthly: 2900, yearly: 29000 },
    limits: {
      strategies: 50,
      activeBots: 10,
      sweepVariants: 500,
      backtestsPerDay: 200,
      modelEvaluationsPerDay: 30,
      userModels: 50,
      alertRules: 50,
      apiRequestsPerMinute: 120,
      scannerDelayMinutes: 0,
    },
  },
  ELITE: {
    id: "ELITE",
    name: "Elite",
    priceCents: { monthly: 7900, yearly: 79000 },
    limits: {
      // 200 strategies and 1,000 variants are also the application's own caps (strategies service, sweeps).
      strategies: 200,
      activeBots: 50,
      sweepVariants: 1000,
      backtestsPerDay: 1000,
      modelEvaluationsPerDay: 100,
      userModels: 200,
      alertRules: 200,
      apiRequestsPerMinute: 600,
      scannerDelayMinutes: 0,
    },
  },
};

/** What `BILLING=off` (self-hosting) gives everyone: no plan limit at all. */
export const UNLIMITED: PlanLimits = {
  strategies: Number.POSITIVE_INFINITY,
  activeBots: Number.POSITIVE_INFINITY,
  sweepVariants: Number.POSITIVE_INFINITY,
  backtestsPerDay: Number.POSITIVE_INFINITY,
  modelEvaluationsPerDay: Number.POSITIVE_INFINITY,
  userModels: Number.POSITIVE_INFINITY,
  alertRules: Number.POSITIVE_INFINITY,
  apiRequestsPerMinute: Number.POSITIVE_INFINITY,
  scannerDelayMinutes: 0,
};

/** How each limit reads in a sentence: "Free allows 3 strategies". */
export const LIMIT_LABELS: Record<LimitName, { one: string; many: string }> = {
  strategies: { one: "strategy", many: "strategies" },
  activeBots: { one: "active bot", many: "active bots" },
  sweepVariants: { one: "sweep variant", many: "sweep variants" },
  backtestsPerDay: { one: "backtest a day", many: "backtests a day" },
  modelEvaluationsPerDay: { one: "model evaluation a day", many: "model evaluations a day" },
  userModels: { one: "user-built model", many: "user-built models" },
  alertRules: { one: "alert rule", many: "alert rules" },
  apiRequestsPerMinute: { one: "API request a minute", many: "API requests a minute" },
  scannerDelayMinutes: { one: "scanner price delay", many: "scanner price delay" },
};

/** Stripe price lookup key of a paid plan and interval, e.g. "linesmith_pro_monthly". */
export function lookupKey(plan: PaidPlanId, interval: BillingInterval): string {
  return `linesmith_${plan.toLowerCase()}_${interval}`;
}

const BY_LOOKUP_KEY = new Map<string, PaidPlanId>(
  PAID_PLANS.flatMap((plan) => BILLING_INTERVALS.map((interval) => [lookupKey(plan, interval), plan] as const)),
);

/** The paid plan a price's lookup key stands for; null for any other price (it grants nothing). */
export function planForLookupKey(key: string | null | undefined): PaidPlanId | null {
  return (key && BY_LOOKUP_KEY.get(key)) || null;
}

export const ALL_LOOKUP_KEYS: readonly string[] = [...BY_LOOKUP_KEY.keys()];

const RANK: Record<PlanId, number> = { FREE: 0, PRO: 1, ELITE: 2 };
export const planRank = (plan: PlanId) => RANK[plan];

/** Scanner delay is the one limit where less is more. */
const lowerIsBetter = (limit: LimitName) => limit === "scannerDelayMinutes";

/** The cheapest plan above `plan` that allows more of `limit`; null when none does. */
export function planThatLifts(plan: PlanId, limit: LimitName): PlanId | null {
  const current = PLANS[plan].limits[limit];
  for (const id of PLAN_IDS) {
    if (RANK[id] <= RANK[plan]) continue;
    const offered = PLANS[id].limits[limit];
    if (lowerIsBetter(limit) ? offered < current : offered > current) return id;
  }
  return null;
}

export function describeLimit(limit: LimitName, value: number): string {
  if (!Number.isFinite(value)) return `unlimited ${LIMIT_LABELS[limit].many}`;
  if (limit === "scannerDelayMinutes") return value === 0 ? "real-time scanners" : `scanners delayed ${value} minutes`;
  return `${value.toLocaleString("en-US")} ${value === 1 ? LIMIT_LABELS[limit].one : LIMIT_LABELS[limit].many}`;
}

/**
 * The sentence a user sees when a limit stops them: it names the limit and the plan that lifts it,
 * e.g. "Free allows 3 strategies; Pro allows 50. Upgrade on the billing page."
 */
export function limitMessage(plan: PlanId, limit: LimitName): string {
  const allowed = `${PLANS[plan].name} allows ${describeLimit(limit, PLANS[plan].limits[limit])}`;
  const lifts = planThatLifts(plan, limit);
  if (!lifts) return `${allowed}, the most any plan allows.`;
  const next = PLANS[lifts].limits[limit];
  return `${allowed}; ${PLANS[lifts].name} allows ${next.toLocaleString("en-US")}. Upgrade on the billing page.`;
}

/** What the scanners page says about a plan's delay: "Delayed 15 minutes on Free; Pro is real time."; null when real time. */
export function scannerDelayNotice(plan: PlanId, minutes: number): string | null {
  if (minutes <= 0) return null;
  const lifts = planThatLifts(plan, "scannerDelayMinutes");
  const own = `Delayed ${minutes} minutes on ${PLANS[plan].name}`;
  if (!lifts) return `${own}.`;
  const next = PLANS[lifts].limits.scannerDelayMinutes;
  return `${own}; ${PLANS[lifts].name} is ${next === 0 ? "real time" : `delayed ${next} minutes`}.`;
}

/** The limits as a Markdown table: the README's copy is checked against it (tests/unit/billing/readme.test.ts). */
export function limitsTableMarkdown(): string {
  const cell = (limit: LimitName, value: number) =>
    limit === "scannerDelayMinutes" ? (value === 0 ? "real time" : `${value} min delayed`) : value.toLocaleString("en-US");
  const head = `| limit | ${PLAN_IDS.map((p) => PLANS[p].name).join(" | ")} |`;
  const rule = `|---|${PLAN_IDS.map(() => "---:").join("|")}|`;
  const price = `| price (monthly / yearly) | ${PLAN_IDS.map((p) => {
    const c = PLANS[p].priceCents;
    return c.monthly === 0 ? "free" : `$${c.monthly / 100} / $${c.yearly / 100}`;
  }).join(" | ")} |`;
  const rows = (Object.keys(LIMIT_LABELS) as LimitName[]).map(
    (limit) => `| ${LIMIT_LABELS[limit].many} (\`${limit}\`) | ${PLAN_IDS.map((p) => cell(limit, PLANS[p].limits[limit])).join(" | ")} |`,
  );
  return [head, rule, price, ...rows].join("\n");
}
