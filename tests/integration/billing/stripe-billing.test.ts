import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeSmtp } from "@/server/integrations/smtp/fake-server";
import { startFakeStripe, type FakeStripe } from "@/server/integrations/stripe/fake-server";
import { createPool } from "@/server/db/pool";
import { TEST_DATABASE_URL, testPrisma } from "../../support/test-db";
import { edgeStrategy } from "../../support/strategies";

/**
 * Billing against the stateful fake Stripe: checkout -> signed webhook -> plan, delivered twice and out of order
 * through the real route handler on a local HTTP server; signatures; statuses failing closed; grace periods;
 * daily quotas under real parallel calls.
 */
const SECRET = "sk_test_linesmith_integration";
const WEBHOOK_SECRET = "whsec_linesmith_integration";

const fake: FakeStripe = await startFakeStripe({ secretKey: SECRET, webhookSecret: WEBHOOK_SECRET });
// Billing's emails (dunning) go through the product's mailer to this in-process SMTP server.
const smtp = await startFakeSmtp();
Object.assign(process.env, {
  DATABASE_URL: TEST_DATABASE_URL,
  NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? "integration-test-secret-integration-test-secret",
  NEXTAUTH_URL: "http://127.0.0.1:3999",
  BILLING: "on",
  STRIPE_SECRET_KEY: SECRET,
  STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
  STRIPE_API_BASE_URL: fake.url,
  BILLING_PAST_DUE_GRACE_DAYS: "7",
  BILLING_TRIAL_DAYS: "14",
  SMTP_URL: smtp.url,
});

const prisma = testPrisma();
// Wide enough that the parallel calls below really run at the same time.
const pool = createPool(TEST_DATABASE_URL, 12);
const { createCaller } = await import("@/server/api/root");
const { POST } = await import("@/app/api/stripe/webhook/route");
const { consumeDaily, limitsFor, withDailyQuota } = await import("@/server/services/billing/limits");
const { ensureCustomer } = await import("@/server/services/billing/accounts");
const { billingSettings } = await import("@/server/services/billing/mode");
const { linkMailFromEnv } = await import("@/server/services/accounts/deps");
const { handleEvent } = await import("@/server/services/billing/sync");
const { formatInZone } = await import("@/server/domain/time/zoned");
const { createStripeClient } = await import("@/server/integrations/stripe/client");

// The app's webhook endpoint, served by the real route handler.
const hook: Server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    void POST(new Request("http://127.0.0.1/api/stripe/webhook", { method: "POST", headers, body: Buffer.concat(chunks) })).then(async (r) => {
      res.writeHead(r.status, { "content-type": "application/json" });
      res.end(await r.text());
    });
  });
});
await new Promise<void>((resolve) => hook.listen(0, "127.0.0.1", resolve));
const hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/api/stripe/webhook`;
fake.setWebhookUrl(hookUrl);

afterAll(async () => {
  await prisma.$disconnect();
  await pool.end();
  await new Promise((resolve) => hook.close(resolve));
  await fake.close();
  await smtp.close();
  // The route handler's own pool (server/db/client.ts).
  await (globalThis as { pool?: { end(): Promise<void> } }).pool?.end();
});

type Who = { id: string; role: "USER" | "ADMIN" };
const caller = (user: Who) => createCaller({ db: prisma, pool, session: { user, expires: "2999-01-01" } });
const deps = () => ({ pool, stripe: createStripeClient({ secretKey: SECRET, baseUrl: fake.url }), settings: billingSettings(), mailer: linkMailFromEnv(pool).mailer });

const strategy = edgeStrategy;

async function newUser(label: string): Promise<Who> {
  return prisma.user.create({ data: { email: `${label}-${randomUUID()}@example.com` }, select: { id: true, role: true } });
}

/** Starts a checkout through the router and returns the fake's session. */
async function checkout(user: Who, plan: "PRO" | "ELITE" = "PRO") {
  const { url } = await caller(user).billing.checkout({ plan, interval: "monthly" });
  expect(url.startsWith(`${fake.url}/checkout/cs_test_`)).toBe(true);
  return fake.state.checkoutSessions.get(url.split("/").pop()!)!;
}

async function account(user: Who) {
  return prisma.billingAccount.findUniqueOrThrow({ where: { userId: user.id } });
}

describe("Stripe billing with the fake", () => {
  let ann: Who;

  beforeAll(async () => {
    ann = await newUser("ann");
  });

  it("holds a Free user to 3 strategies with a message naming the limit and the plan that lifts it", async () => {
    for (const n of [1, 2, 3]) await caller(ann).strategies.save({ strategy: strategy(`S${n}`) });
    const refused = caller(ann).strategies.save({ strategy: strategy("S4") });
    await expect(refused).rejects.toMatchObject({ code: "PAYMENT_REQUIRED" });
    await expect(refused).rejects.toThrow("Free allows 3 strategies; Pro allows 50. Upgrade on the billing page.");
    // Editing an existing strategy is not creating one.
    const [first] = await caller(ann).strategies.list();
    await expect(caller(ann).strategies.save({ id: first!.id, version: first!.version, strategy: strategy("S1 edited") })).resolves.toMatchObject({ id: first!.id });
  });

  it("upgrades through checkout and webhooks delivered twice and out of order, with the trial of a first subscription", async () => {
    const session = await checkout(ann);
    expect(session.subscription_data).toEqual({ trial_period_days: 14 });
    expect((await account(ann)).stripeCustomerId).toBe(session.customer);

    const { deliveries } = await fake.completeCheckout(session.id, { duplicate: true, reverse: true });
    expect(deliveries.map((d) => d.type)).toEqual([
      "checkout.session.completed",
      "invoice.paid",
      "customer.subscription.created",
      "checkout.session.completed",
      "invoice.paid",
      "customer.subscription.created",
    ]);
    expect(deliveries.every((d) => d.status === 200)).toBe(true);
    // Each event is handled once; its second delivery is recognised and skipped.
    expect(deliveries.map((d) => (d.answer as { result: string }).result)).toEqual(["synced", "synced", "synced", "duplicate", "duplicate", "duplicate"]);
    expect(await prisma.stripeEvent.count({ where: { id: { in: deliveries.map((d) => d.eventId) } } })).toBe(3);

    const stored = await account(ann);
    expect(stored).toMatchObject({ plan: "PRO", status: "trialing", trialUsed: true, cancelAtPeriodEnd: false });
    // stripe@23 / basil: the period end is read from the subscription's items.
    const item = (fake.state.subscriptions.get(stored.subscriptionId!)!.items as { data: { current_period_end: number }[] }).data[0]!;
    expect(stored.currentPeriodEnd?.getTime()).toBe(item.current_period_end * 1000);

    await expect(caller(ann).strategies.save({ strategy: strategy("S4") })).resolves.toMatchObject({ version: 1 });
    const overview = await caller(ann).billing.overview();
    expect(overview).toMatchObject({ mode: "on", plan: "PRO", planName: "Pro", status: "trialing" });
    expect(overview.limits.strategies).toBe(50);
    expect(overview.usage.strategies).toBe(4);
    expect(overview.invoices).toHaveLength(1);
  });

  it("refuses a second checkout while subscribed (a second subscription would be charged too)", async () => {
    await expect(caller(ann).billing.checkout({ plan: "ELITE", interval: "yearly" })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  // Before the test that moves the fake's clock: Stripe's retry dates must be on the app's clock.
  it("keeps a past-due plan through the grace period, then downgrades; one dunning email per attempt, by SMTP, in the user's zone", async () => {
    const di = await newUser("di");
    const zone = "America/New_York";
    await prisma.user.update({ where: { id: di.id }, data: { timeZone: zone } });
    const email = (await prisma.user.findUniqueOrThrow({ where: { id: di.id } })).email;
    const inbox = () => smtp.received.filter((m) => m.to.includes(email));
    const { subscriptionId } = await fake.completeCheckout((await checkout(di)).id);
    await fake.setStatus(subscriptionId, "active");

    // First failure, delivered twice: one email saying the card failed and when it is retried.
    const failed = await fake.failPayment(subscriptionId, { duplicate: true });
    expect(failed.every((d) => d.status === 200)).toBe(true);
    const firstEvent = failed.find((d) => d.type === "invoice.payment_failed")!.eventId;
    const invoice = fake.state.events.get(firstEvent)!.event.data as { object: Record<string, unknown> };
    const retryAt = new Date(Number(invoice.object.next_payment_attempt) * 1000);
    expect(inbox()).toHaveLength(1);
    expect(inbox()[0]!.subject).toBe("Your Linesmith Pro payment failed");
    expect(inbox()[0]!.text).toContain(`We will try your card again on ${formatInZone(retryAt, zone)}.`);
    const stored = await account(di);
    expect(stored.status).toBe("past_due");
    const graceEnds = new Date(stored.pastDueSince!.getTime() + 7 * 86_400_000);
    expect(inbox()[0]!.text).toContain(`Your plan stays active until ${formatInZone(graceEnds, zone)}.`);

    // Second failure: a reminder.
    const second = await fake.failPayment(subscriptionId);
    expect(inbox().map((m) => m.subject)).toEqual(["Your Linesmith Pro payment failed", "Reminder: update your card to keep Linesmith Pro"]);

    // Out of order: the first attempt again under a new event id (as a late, separate event) sends nothing.
    const replay = (id: string, patch: Record<string, unknown> = {}) => ({
      id,
      type: "invoice.payment_failed",
      data: { object: { ...invoice.object, ...patch } },
    });
    expect(await handleEvent(deps(), replay(`evt_late_${randomUUID().slice(0, 8)}`))).toMatchObject({ result: "synced" });
    expect(inbox()).toHaveLength(2);

    // The last attempt, no retry left, as five separate events at once: one email naming the downgrade day.
    const last = Array.from({ length: 5 }, (_, i) => replay(`evt_last_${i}_${randomUUID().slice(0, 8)}`, { attempt_count: 3, next_payment_attempt: null }));
    await Promise.all(last.map((e) => handleEvent(deps(), e)));
    expect(inbox()).toHaveLength(3);
    expect(inbox()[2]!.subject).toBe(`Linesmith Pro ends on ${formatInZone(graceEnds, zone)}`);
    expect(inbox()[2]!.text).toContain(`your plan downgrades to Free on ${formatInZone(graceEnds, zone)}`);
    expect(await prisma.dunningEmail.count({ where: { userId: di.id } })).toBe(3);
    expect(await prisma.dunningEmail.count({ where: { userId: di.id, sentAt: null } })).toBe(0);
    // Redelivering the second failure sends nothing either.
    expect((await fake.redeliver(second.find((d) => d.type === "invoice.payment_failed")!.eventId)).status).toBe(200);
    expect(inbox()).toHaveLength(3);

    expect((await limitsFor(pool, di.id)).plan).toBe("PRO");
    expect((await limitsFor(pool, di.id, new Date(graceEnds.getTime() + 1000))).plan).toBe("FREE");
    // Ended, so that the later clock move leaves it alone.
    await fake.setStatus(subscriptionId, "canceled");
  });

  it("sends a dunning email that the mail server refused when Stripe retries the event (503 first, then exactly once)", async () => {
    const eve = await newUser("eve");
    const email = (await prisma.user.findUniqueOrThrow({ where: { id: eve.id } })).email;
    const { subscriptionId } = await fake.completeCheckout((await checkout(eve)).id);
    await fake.setStatus(subscriptionId, "active");
    smtp.refuse.add(email);
    let failed;
    try {
      failed = await fake.failPayment(subscriptionId);
    } finally {
      smtp.refuse.delete(email);
    }
    const delivery = failed.find((d) => d.type === "invoice.payment_failed")!;
    expect(delivery.status).toBe(503);
    expect(smtp.received.filter((m) => m.to.includes(email))).toHaveLength(0);
    expect(await prisma.dunningEmail.findMany({ where: { userId: eve.id } })).toMatchObject([{ attempt: 1, step: "declined", sentAt: null }]);
    // Stripe's retries (the same event id, twice): the email goes out once.
    expect((await fake.redeliver(delivery.eventId)).status).toBe(200);
    expect((await fake.redeliver(delivery.eventId)).status).toBe(200);
    expect(smtp.received.filter((m) => m.to.includes(email)).map((m) => m.subject)).toEqual(["Your Linesmith Pro payment failed"]);
    await fake.setStatus(subscriptionId, "canceled");
  });

  it("skips a redelivered event and converges when a stale event arrives after the cancellation", async () => {
    const stored = await account(ann);
    const created = [...fake.state.events.values()].find(
      (e) => e.event.type === "customer.subscription.created" && (e.event.data as { object: { id: string } }).object.id === stored.subscriptionId,
    )!;
    const again = await fake.redeliver(created.event.id);
    expect(again).toMatchObject({ status: 200, answer: { result: "duplicate" } });

    await fake.cancelAtPeriodEnd(stored.subscriptionId!);
    expect(await account(ann)).toMatchObject({ plan: "PRO", cancelAtPeriodEnd: true });
    expect((await caller(ann).billing.overview()).endsAt).toEqual(stored.currentPeriodEnd);

    // The period ends: Stripe sends subscription.deleted; here it arrives before the older subscription.updated.
    const deliveries = await fake.advanceClock(fake.secondsToPeriodEnd(), { reverse: true });
    expect(deliveries.map((d) => [d.type, d.status])).toEqual([["customer.subscription.deleted", 200]]);
    const stale = [...fake.state.events.values()].filter((e) => e.event.type === "customer.subscription.updated").pop()!;
    // A fresh delivery of the stale "updated" event (its payload still says trialing) must not revive the plan.
    await prisma.stripeEvent.delete({ where: { id: stale.event.id } });
    expect((await fake.redeliver(stale.event.id)).status).toBe(200);

    expect(await account(ann)).toMatchObject({ plan: "PRO", status: "canceled" });
    expect((await limitsFor(pool, ann.id)).plan).toBe("FREE");
    await expect(caller(ann).strategies.save({ strategy: strategy("S5") })).rejects.toMatchObject({ code: "PAYMENT_REQUIRED" });
  });

  it("offers no second trial", async () => {
    const session = await checkout(ann);
    expect(session.subscription_data).toEqual({});
  });

  it("creates one Stripe customer for parallel first clicks", async () => {
    const bo = await newUser("bo");
    const before = fake.state.customers.size;
    const ids = await Promise.all(Array.from({ length: 6 }, () => ensureCustomer(deps(), bo.id)));
    expect(new Set(ids).size).toBe(1);
    expect(fake.state.customers.size).toBe(before + 1);
    expect((await account(bo)).stripeCustomerId).toBe(ids[0]);
  });

  it("fails closed on a status it does not know", async () => {
    const cy = await newUser("cy");
    const session = await checkout(cy, "ELITE");
    const { subscriptionId } = await fake.completeCheckout(session.id);
    expect((await limitsFor(pool, cy.id)).plan).toBe("ELITE");
    await fake.setStatus(subscriptionId, "quantum_pending");
    expect(await account(cy)).toMatchObject({ status: "quantum_pending" });
    expect((await limitsFor(pool, cy.id)).plan).toBe("FREE");
    await fake.setStatus(subscriptionId, "active");
    expect((await limitsFor(pool, cy.id)).plan).toBe("ELITE");
  });

  it("cancels the subscription at Stripe at once before deleting the account", async () => {
    const gil = await newUser("gil");
    const { subscriptionId } = await fake.completeCheckout((await checkout(gil)).id);
    await fake.setStatus(subscriptionId, "active");
    const email = (await prisma.user.findUniqueOrThrow({ where: { id: gil.id } })).email;
    await expect(caller(gil).account.deleteAccount({ email })).resolves.toEqual({ ok: true });
    expect(fake.requests.filter((r) => r.method === "DELETE").map((r) => r.path)).toContain(`/v1/subscriptions/${subscriptionId}`);
    expect(fake.state.subscriptions.get(subscriptionId)).toMatchObject({ status: "canceled", cancel_at_period_end: false });
    expect(await prisma.user.findUnique({ where: { id: gil.id } })).toBeNull();
    expect(await prisma.auditLog.findFirst({ where: { action: "account.delete", targetId: gil.id } })).toMatchObject({
      details: { cancelledSubscriptions: [subscriptionId] },
    });
  });

  it("deletes nothing when Stripe fails to cancel, and says what to do", async () => {
    const hal = await newUser("hal");
    const { subscriptionId } = await fake.completeCheckout((await checkout(hal)).id);
    await fake.setStatus(subscriptionId, "active");
    const email = (await prisma.user.findUniqueOrThrow({ where: { id: hal.id } })).email;
    fake.setFailure({ method: "DELETE", path: /^\/v1\/subscriptions\//, status: 500 });
    try {
      const refused = caller(hal).account.deleteAccount({ email });
      await expect(refused).rejects.toThrow(/could not be cancelled with Stripe, so nothing was deleted/);
    } finally {
      fake.setFailure(null);
    }
    expect(await prisma.user.findUnique({ where: { id: hal.id } })).not.toBeNull();
    expect(await account(hal)).toMatchObject({ plan: "PRO", subscriptionId });
    expect(fake.state.subscriptions.get(subscriptionId)!.status).toBe("active");
    // Once Stripe answers again, the same request goes through.
    await expect(caller(hal).account.deleteAccount({ email })).resolves.toEqual({ ok: true });
    expect(fake.state.subscriptions.get(subscriptionId)!.status).toBe("canceled");
  });

  it("answers 400 to a bad signature, a missing one and a signed non-event, and 200 to types it does not handle", async () => {
    const signer = new Stripe(SECRET);
    const post = (body: string, signature?: string) =>
      fetch(hookUrl, { method: "POST", headers: signature ? { "stripe-signature": signature } : {}, body });
    const payload = JSON.stringify({ id: "evt_unhandled_1", object: "event", type: "customer.tax_id.created", data: { object: { customer: "cus_x" } } });
    expect((await post(payload, signer.webhooks.generateTestHeaderString({ payload, secret: "whsec_someone_else" }))).status).toBe(400);
    expect((await post(payload)).status).toBe(400);
    expect((await post(payload, "t=1,v1=deadbeef")).status).toBe(400);
    const notJson = "{not json";
    expect((await post(notJson, signer.webhooks.generateTestHeaderString({ payload: notJson, secret: WEBHOOK_SECRET }))).status).toBe(400);
    const notEvent = JSON.stringify({ hello: "world" });
    expect((await post(notEvent, signer.webhooks.generateTestHeaderString({ payload: notEvent, secret: WEBHOOK_SECRET }))).status).toBe(400);
    const ok = await post(payload, signer.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET }));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ received: true, result: "ignored" });
    expect(await prisma.stripeEvent.findUnique({ where: { id: "evt_unhandled_1" } })).not.toBeNull();
  });

  it("lets exactly the daily limit through parallel requests, and gives back a use whose request failed", async () => {
    const ed = await newUser("ed");
    const limit = (await limitsFor(pool, ed.id)).limits.backtestsPerDay;
    const results = await Promise.allSettled(Array.from({ length: limit + 15 }, () => consumeDaily(pool, ed.id, "backtestsPerDay")));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(limit);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: "PAYMENT_REQUIRED", message: "Free allows 10 backtests a day; Pro allows 200. Upgrade on the billing page." });
    const counter = await prisma.usageCounter.findMany({ where: { userId: ed.id } });
    expect(counter.map((c) => c.count)).toEqual([limit]);

    const fy = await newUser("fy");
    await expect(withDailyQuota(pool, fy.id, "modelEvaluationsPerDay", () => Promise.reject(new Error("no such league")))).rejects.toThrow("no such league");
    expect((await prisma.usageCounter.findFirstOrThrow({ where: { userId: fy.id } })).count).toBe(0);
  });

  it("refuses a sweep larger than the plan allows and counts backtests per day through the router", async () => {
    const gu = await newUser("gu");
    const saved = await caller(gu).strategies.save({ strategy: strategy("Sweep me") });
    const values = Array.from({ length: 30 }, (_, i) => i / 100);
    const sweep = caller(gu).strategies.requestBacktest({
      strategyId: saved.id,
      idempotencyKey: randomUUID(),
      sweep: { parameters: [{ path: "stake.fraction", values }] },
    });
    await expect(sweep).rejects.toMatchObject({ code: "PAYMENT_REQUIRED" });
    await expect(sweep).rejects.toThrow("Free allows 25 sweep variants; Pro allows 500.");

    const key = randomUUID();
    const first = await caller(gu).strategies.requestBacktest({ strategyId: saved.id, idempotencyKey: key });
    // A retry of the same request is the same run and is not counted again.
    expect(await caller(gu).strategies.requestBacktest({ strategyId: saved.id, idempotencyKey: key })).toEqual(first);
    expect((await prisma.usageCounter.findFirstOrThrow({ where: { userId: gu.id, metric: "backtestsPerDay" } })).count).toBe(1);
    // A request the service refuses (another user's strategy) costs nothing.
    await expect(caller(gu).strategies.requestBacktest({ strategyId: 2_000_000_000, idempotencyKey: randomUUID() })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await prisma.usageCounter.findFirstOrThrow({ where: { userId: gu.id, metric: "backtestsPerDay" } })).count).toBe(1);
    // The queued run is not this test's subject: leave no backtest of every league for other files' runners.
    await prisma.backtest.deleteMany({ where: { id: first.backtestId } });
  });

  it("sent every request to the fake form-encoded with the pinned API version", async () => {
    const created = fake.requests.find((r) => r.method === "POST" && r.path === "/v1/checkout/sessions")!;
    expect(created.body).toMatchObject({ mode: "subscription", line_items: [{ price: "price_pro_monthly", quantity: "1" }] });
  });
});
