import { planRank, type PlanId } from "./plans";

/**
 * From stored subscription facts to the plan a user gets, and from a customer's subscriptions to the one that
 * counts. Pure: the webhook and the sync store facts; limits read them through `effectivePlan` at request time,
 * so a grace period or a period end passes without any event arriving.
 */

export type BillingMode =
  | { kind: "on" }
  /** No STRIPE_SECRET_KEY: no payments, everyone has Free's limits. */
  | { kind: "unconfigured"; message: string }
  /** BILLING=off: a self-hosted installation without plans; no limits. */
  | { kind: "off"; message: string };

export function billingModeFrom(settings: { BILLING: "on" | "off"; STRIPE_SECRET_KEY?: string | undefined }): BillingMode {
  if (settings.BILLING === "off") return { kind: "off", message: "Billing is off (BILLING=off): plans and their limits do not apply." };
  if (!settings.STRIPE_SECRET_KEY)
    return {
      kind: "unconfigured",
      message:
        "Billing is not configured (no STRIPE_SECRET_KEY): upgrades are unavailable and every account has the Free plan's limits. Set BILLING=off to lift all limits on a self-hosted installation.",
    };
  return { kind: "on" };
}

/** Statuses that grant the subscription's plan. Anything else, including a status Stripe adds later, grants Free. */
const ENTITLED = new Set(["active", "trialing"]);
/** Granted only during the grace period that starts when the subscription goes past due. */
const GRACE = "past_due";

export const DEFAULT_PAST_DUE_GRACE_DAYS = 7;
const DAY_MS = 86_400_000;
/** A cancelled-at-period-end subscription keeps its plan this long after the period, while Stripe's event arrives. */
export const PERIOD_END_LEEWAY_MS = 60 * 60_000;

export interface StoredSubscription {
  plan: PlanId;
  status: string | null;
  currentPeriodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  pastDueSince: Date | null;
}

export interface Entitlement {
  plan: PlanId;
  /** Why, in words for the billing page. */
  reason: string;
  /** When the plan ends unless something changes (renewal, payment); null when it does not. */
  endsAt: Date | null;
}

const FREE = (reason: string): Entitlement => ({ plan: "FREE", reason, endsAt: null });

/** The plan the stored facts grant at `now`. Fails closed: unknown or unpaid statuses grant Free. */
export function effectivePlan(s: StoredSubscription, now: Date, graceDays = DEFAULT_PAST_DUE_GRACE_DAYS): Entitlement {
  if (s.plan === "FREE" || s.status === null) return FREE("No subscription.");
  if (ENTITLED.has(s.status)) {
    if (s.cancelAtPeriodEnd && s.currentPeriodEnd) {
      if (now.getTime() > s.currentPeriodEnd.getTime() + PERIOD_END_LEEWAY_MS) return FREE("The subscription ended at the end of its period.");
      return { plan: s.plan, reason: "Cancelled: the plan stays until the end of the period.", endsAt: s.currentPeriodEnd };
    }
    return { plan: s.plan, reason: s.status === "trialing" ? "Trial." : "Active.", endsAt: null };
  }
  if (s.status === GRACE) {
    const since = s.pastDueSince ?? now;
    const graceEnds = new Date(since.getTime() + graceDays * DAY_MS);
    if (now < graceEnds) return { plan: s.plan, reason: "Payment failed: update your card before the grace period ends.", endsAt: graceEnds };
    return FREE("Payment failed and the grace period is over.");
  }
  return FREE(`The subscription is ${s.status}.`);
}

/** When the past-due grace period started: kept while the subscription stays past due, cleared otherwise. */
export function nextPastDueSince(previous: Date | null, status: string | null, now: Date): Date | null {
  if (status !== GRACE) return null;
  return previous ?? now;
}

/** One of a customer's subscriptions as the sync reads it from Stripe. */
export interface SubscriptionFacts {
  id: string;
  status: string;
  created: number;
  /** The paid plan of its price's lookup key; null for a price we do not sell (grants nothing). */
  plan: PlanId | null;
  currentPeriodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  hadTrial: boolean;
}

const standing = (status: string) => (ENTITLED.has(status) ? 2 : status === GRACE ? 1 : 0);

/**
 * The subscription that decides the plan when a customer has several (an old cancelled one and a new one, or two
 * checkouts): the best standing, then the higher plan, then the newest. Null when there is none.
 */
export function decidingSubscription(subscriptions: readonly SubscriptionFacts[]): SubscriptionFacts | null {
  let best: SubscriptionFacts | null = null;
  for (const s of subscriptions) {
    if (!best) {
      best = s;
      continue;
    }
    const key = (x: SubscriptionFacts) => [standing(x.status), x.plan ? planRank(x.plan) : -1, x.created] as const;
    const [a, b] = [key(s), key(best)];
    if (a[0] > b[0] || (a[0] === b[0] && (a[1] > b[1] || (a[1] === b[1] && a[2] > b[2])))) best = s;
  }
  return best;
}

/**
 * Which dunning email an invoice payment failure deserves: "final" when the grace period ends before Stripe tries
 * the card again (or it will not try again): the email names the day the plan moves to Free; otherwise the first
 * failure says the card was declined and will be retried, and later ones remind. Null when this attempt, or a
 * later one of the same invoice, already had its email (a redelivered or late event sends nothing).
 */
export type DunningStep = "declined" | "reminder" | "final";

export interface DunningFacts {
  /** Stripe's attempt_count of the invoice. */
  attemptCount: number;
  /** The highest attempt of this invoice that already had an email; 0 for none. */
  lastSentAttempt: number;
  /** When Stripe tries the card again; null when it will not. */
  nextAttemptAt: Date | null;
  /** When the past-due grace period ends (the plan then becomes Free); null when the plan is not in grace. */
  graceEndsAt: Date | null;
}

export function dunningStep(f: DunningFacts): DunningStep | null {
  if (f.attemptCount <= f.lastSentAttempt || f.attemptCount < 1) return null;
  if (f.graceEndsAt && (f.nextAttemptAt === null || f.nextAttemptAt >= f.graceEndsAt)) return "final";
  return f.attemptCount === 1 ? "declined" : "reminder";
}

/** An administrator's plan override ("comp"): a plan granted or imposed regardless of payments. */
export interface PlanOverride {
  plan: PlanId;
  /** The override lapses at this time; null keeps it until an administrator removes it. */
  endsAt: Date | null;
}

export function overrideInForce(override: PlanOverride | null, now: Date): override is PlanOverride {
  return override !== null && (override.endsAt === null || now.getTime() < override.endsAt.getTime());
}

/** The plan that applies: an override in force replaces the subscription's plan (even a lower one); a lapsed one is ignored. */
export function withOverride(subscription: Entitlement, override: PlanOverride | null, now: Date): Entitlement {
  if (!overrideInForce(override, now)) return subscription;
  return { plan: override.plan, reason: "Set by an administrator.", endsAt: override.endsAt };
}
