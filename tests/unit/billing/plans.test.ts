import { describe, expect, it } from "vitest";
import {
  ALL_LOOKUP_KEYS,
  limitMessage,
  lookupKey,
  PLAN_IDS,
  PLANS,
  planForLookupKey,
  planThatLifts,
  type LimitName,
} from "@/server/domain/billing/plans";
import {
  billingModeFrom,
  decidingSubscription,
  dunningStep,
  effectivePlan,
  nextPastDueSince,
  PERIOD_END_LEEWAY_MS,
  type StoredSubscription,
  type SubscriptionFacts,
} from "@/server/domain/billing/entitlement";

const DAY = 86_400_000;
const now = new Date("2026-12-02T12:00:00Z");
const sub = (over: Partial<StoredSubscription> = {}): StoredSubscription => ({
  plan: "PRO",
  status: "active",
  currentPeriodEnd: new Date(now.getTime() + 10 * DAY),
  cancelAtPeriodEnd: false,
  pastDueSince: null,
  ...over,
});

describe("plans", () => {
  it("each plan allows at least what the plan below it allows (scanner delay: at most)", () => {
    const limits = Object.keys(PLANS.FREE.limits) as LimitName[];
    for (const [lower, higher] of [["FREE", "PRO"], ["PRO", "ELITE"]] as const) {
      for (const limit of limits) {
        if (limit === "scannerDelayMinutes") expect(PLANS[higher].limits[limit]).toBeLessThanOrEqual(PLANS[lower].limits[limit]);
        else expect(PLANS[higher].limits[limit], `${higher}.${limit}`).toBeGreaterThan(PLANS[lower].limits[limit]);
      }
    }
    expect(PLANS.FREE.limits.userModels).toBe(5);
    expect(PLANS.FREE.limits.scannerDelayMinutes).toBe(15);
    expect(PLANS.PRO.limits.scannerDelayMinutes).toBe(0);
  });

  it("maps each lookup key to its plan and any other price to nothing", () => {
    expect(lookupKey("PRO", "monthly")).toBe("linesmith_pro_monthly");
    expect(planForLookupKey("linesmith_elite_yearly")).toBe("ELITE");
    expect(planForLookupKey("linesmith_pro_weekly")).toBeNull();
    expect(planForLookupKey(null)).toBeNull();
    expect(planForLookupKey("")).toBeNull();
    expect(ALL_LOOKUP_KEYS).toHaveLength(4);
  });

  it("names the limit and the plan that lifts it", () => {
    expect(limitMessage("FREE", "strategies")).toBe("Free allows 3 strategies; Pro allows 50. Upgrade on the billing page.");
    expect(limitMessage("PRO", "backtestsPerDay")).toBe("Pro allows 200 backtests a day; Elite allows 1,000. Upgrade on the billing page.");
    expect(limitMessage("ELITE", "strategies")).toBe("Elite allows 200 strategies, the most any plan allows.");
    expect(planThatLifts("FREE", "scannerDelayMinutes")).toBe("PRO");
    expect(planThatLifts("PRO", "scannerDelayMinutes")).toBeNull();
    for (const plan of PLAN_IDS) expect(limitMessage(plan, "activeBots")).toMatch(new RegExp(`^${PLANS[plan].name} allows`));
  });
});

describe("billing mode", () => {
  it("is off with BILLING=off, unconfigured without a key, on with one", () => {
    expect(billingModeFrom({ BILLING: "off", STRIPE_SECRET_KEY: "sk_test_1" }).kind).toBe("off");
    const unconfigured = billingModeFrom({ BILLING: "on" });
    expect(unconfigured.kind).toBe("unconfigured");
    expect(unconfigured.kind !== "on" && unconfigured.message).toMatch(/no STRIPE_SECRET_KEY.*Free plan's limits/);
    expect(billingModeFrom({ BILLING: "on", STRIPE_SECRET_KEY: "sk_test_1" }).kind).toBe("on");
  });
});

describe("effective plan", () => {
  it("grants the plan while active or trialing", () => {
    expect(effectivePlan(sub(), now).plan).toBe("PRO");
    expect(effectivePlan(sub({ status: "trialing", plan: "ELITE" }), now).plan).toBe("ELITE");
  });

  it.each(["canceled", "unpaid", "incomplete", "incomplete_expired", "paused", "some_new_status", ""])(
    "fails closed for status %j",
    (status) => {
      expect(effectivePlan(sub({ status }), now).plan).toBe("FREE");
    },
  );

  it("keeps a cancelled-at-period-end plan until the period (plus leeway) is over, then downgrades", () => {
    const end = new Date(now.getTime() + DAY);
    const cancelled = sub({ cancelAtPeriodEnd: true, currentPeriodEnd: end });
    expect(effectivePlan(cancelled, now)).toMatchObject({ plan: "PRO", endsAt: end });
    expect(effectivePlan(cancelled, new Date(end.getTime() + PERIOD_END_LEEWAY_MS - 1)).plan).toBe("PRO");
    expect(effectivePlan(cancelled, new Date(end.getTime() + PERIOD_END_LEEWAY_MS + 1)).plan).toBe("FREE");
  });

  it("keeps a past-due plan for the grace period, then downgrades", () => {
    const since = new Date(now.getTime() - 3 * DAY);
    const pastDue = sub({ status: "past_due", pastDueSince: since });
    expect(effectivePlan(pastDue, now, 7)).toMatchObject({ plan: "PRO", endsAt: new Date(since.getTime() + 7 * DAY) });
    expect(effectivePlan(pastDue, new Date(since.getTime() + 7 * DAY - 1), 7).plan).toBe("PRO");
    expect(effectivePlan(pastDue, new Date(since.getTime() + 7 * DAY), 7).plan).toBe("FREE");
    expect(effectivePlan(pastDue, now, 0).plan).toBe("FREE");
  });

  it("starts the grace period once and clears it when paid", () => {
    const first = nextPastDueSince(null, "past_due", now);
    expect(first).toEqual(now);
    expect(nextPastDueSince(first, "past_due", new Date(now.getTime() + DAY))).toEqual(now);
    expect(nextPastDueSince(first, "active", now)).toBeNull();
  });

  it("grants nothing without a subscription", () => {
    expect(effectivePlan(sub({ status: null }), now).plan).toBe("FREE");
    expect(effectivePlan(sub({ plan: "FREE" }), now).plan).toBe("FREE");
  });
});

describe("deciding subscription", () => {
  const facts = (over: Partial<SubscriptionFacts>): SubscriptionFacts => ({
    id: "sub_x",
    status: "active",
    created: 1,
    plan: "PRO",
    currentPeriodEnd: null,
    cancelAtPeriodEnd: false,
    hadTrial: false,
    ...over,
  });

  it("prefers a standing subscription over a newer cancelled one, then the higher plan, then the newest", () => {
    const active = facts({ id: "sub_active", created: 1 });
    const cancelled = facts({ id: "sub_cancelled", status: "canceled", created: 9, plan: "ELITE" });
    expect(decidingSubscription([cancelled, active])?.id).toBe("sub_active");
    const elite = facts({ id: "sub_elite", plan: "ELITE", created: 0 });
    expect(decidingSubscription([active, elite])?.id).toBe("sub_elite");
    const newer = facts({ id: "sub_newer", created: 5 });
    expect(decidingSubscription([active, newer])?.id).toBe("sub_newer");
    expect(decidingSubscription([facts({ id: "sub_pd", status: "past_due" }), cancelled])?.id).toBe("sub_pd");
    expect(decidingSubscription([])).toBeNull();
  });
});

describe("dunning", () => {
  const day = (n: number) => new Date(Date.UTC(2026, 11, n));
  const facts = (attemptCount: number, lastSentAttempt: number, nextAttemptAt: Date | null = day(5), graceEndsAt: Date | null = day(9)) => ({
    attemptCount,
    lastSentAttempt,
    nextAttemptAt,
    graceEndsAt,
  });

  it("sends one email per attempt: declined first, then reminders while Stripe retries within the grace period", () => {
    expect(dunningStep(facts(1, 0))).toBe("declined");
    expect(dunningStep(facts(2, 1))).toBe("reminder");
    expect(dunningStep(facts(3, 2, day(8)))).toBe("reminder");
  });

  it("sends nothing twice and nothing for an attempt older than one already emailed", () => {
    expect(dunningStep(facts(1, 1))).toBeNull();
    expect(dunningStep(facts(1, 2))).toBeNull();
    expect(dunningStep(facts(0, 0))).toBeNull();
  });

  it("warns of the downgrade when the grace period ends before the next retry, or there is none", () => {
    expect(dunningStep(facts(2, 1, day(9)))).toBe("final");
    expect(dunningStep(facts(3, 2, null))).toBe("final");
    expect(dunningStep(facts(1, 0, null))).toBe("final");
    // Not in grace (the plan is already Free, or not past due): no downgrade to announce.
    expect(dunningStep(facts(3, 2, null, null))).toBe("reminder");
  });
});

describe("scanner delay", () => {
  it("names the delay and the plan that lifts it; nothing in real time", async () => {
    const { scannerDelayNotice } = await import("@/server/domain/billing/plans");
    expect(scannerDelayNotice("FREE", 15)).toBe("Delayed 15 minutes on Free; Pro is real time.");
    expect(scannerDelayNotice("PRO", 0)).toBeNull();
  });

  it("drops prices captured after the cutoff, keeps archive openings, and keeps everything without a cutoff", async () => {
    const { quotesKnownBy } = await import("@/server/domain/quotes");
    const cutoff = new Date("2026-12-02T12:00:00Z");
    const kickoff = new Date("2026-12-02T15:00:00Z");
    const q = (capturedAt: Date | null, phase: "SNAPSHOT" | "OPENING" | "CLOSING") => ({ capturedAt, phase, gameStartsAt: kickoff });
    const before = q(new Date("2026-12-02T11:59:00Z"), "SNAPSHOT");
    const after = q(new Date("2026-12-02T12:01:00Z"), "SNAPSHOT");
    const opening = q(null, "OPENING");
    const closing = q(null, "CLOSING");
    expect(quotesKnownBy([before, after, opening, closing], cutoff)).toEqual([before, opening]);
    expect(quotesKnownBy([before, after], null)).toEqual([before, after]);
  });
});
