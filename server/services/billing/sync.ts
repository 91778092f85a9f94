import type pg from "pg";
import { withTransaction } from "@/server/db/transaction";
import {
  decidingSubscription,
  dunningStep,
  effectivePlan,
  nextPastDueSince,
  type SubscriptionFacts,
} from "@/server/domain/billing/entitlement";
import { planForLookupKey, type PlanId } from "@/server/domain/billing/plans";
import type { Stripe } from "@/server/integrations/stripe/client";
import { StripeInvoice, StripeList, StripeSubscription, type StripeEventEnvelope } from "@/server/integrations/stripe/schema";
import { dunningEmail, type BillingMailer } from "./mailer";
import type { BillingSettings } from "./mode";

export interface BillingDeps {
  pool: pg.Pool;
  stripe: Stripe;
  settings: BillingSettings;
  mailer: BillingMailer;
  now?: () => Date;
}

export interface SyncedAccount {
  userId: string;
  plan: PlanId;
  status: string | null;
  subscriptionId: string | null;
  currentPeriodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
}

/** A subscription as the plan logic reads it; the period end is the latest of its items' (API basil and later). */
export function subscriptionFacts(s: StripeSubscription): SubscriptionFacts {
  const ends = s.items.data.map((i) => i.current_period_end).filter((e): e is number => typeof e === "number");
  // Every item must be a price we sell for the subscription to grant a plan; the highest one decides.
  const plans = s.items.data.map((i) => planForLookupKey(i.price.lookup_key));
  const plan = plans.length && plans.every((p) => p !== null) ? (plans.includes("ELITE") ? "ELITE" : "PRO") : null;
  return {
    id: s.id,
    status: s.status,
    created: s.created,
    plan,
    currentPeriodEnd: ends.length ? new Date(Math.max(...ends) * 1000) : null,
    cancelAtPeriodEnd: s.cancel_at_period_end,
    hadTrial: s.trial_end != null,
  };
}

/**
 * Converges the stored account on what Stripe says now: re-reads every subscription of the customer and stores
 * the one that decides. Whatever event triggered it, however late, duplicated or out of order, the result is the
 * same. The account row is locked first, so two syncs of one customer run one after the other and the later
 * one reads the later state. Returns null for a customer no account is linked to.
 */
export async function syncCustomer(deps: BillingDeps, customerId: string, client?: pg.PoolClient): Promise<SyncedAccount | null> {
  if (!client) return withTransaction(deps.pool, (c) => syncCustomer(deps, customerId, c));
  const now = deps.now?.() ?? new Date();
  const { rows } = await client.query<{ userId: string; pastDueSince: Date | null }>(
    `SELECT "userId", "pastDueSince" FROM "BillingAccount" WHERE "stripeCustomerId" = $1 FOR UPDATE`,
    [customerId],
  );
  const account = rows[0];
  if (!account) return null;
  const listed = StripeList(StripeSubscription).parse(
    await deps.stripe.subscriptions.list({ customer: customerId, status: "all", limit: 100 }),
  );
  const facts = listed.data.map(subscriptionFacts);
  const deciding = decidingSubscription(facts);
  const status = deciding?.status ?? null;
  const synced: SyncedAccount = {
    userId: account.userId,
    // A subscription to a price we do not sell grants nothing (fails closed).
    plan: deciding?.plan ?? "FREE",
    status,
    subscriptionId: deciding?.id ?? null,
    currentPeriodEnd: deciding?.currentPeriodEnd ?? null,
    cancelAtPeriodEnd: deciding?.cancelAtPeriodEnd ?? false,
  };
  await client.query(
    `UPDATE "BillingAccount"
        SET plan = $2::"PlanId", status = $3, "subscriptionId" = $4, "currentPeriodEnd" = $5, "cancelAtPeriodEnd" = $6,
            "trialUsed" = "trialUsed" OR $7, "pastDueSince" = $8, "syncedAt" = $9, "updatedAt" = $9
      WHERE "userId" = $1`,
    [
      account.userId,
      synced.plan,
      status,
      synced.subscriptionId,
      synced.currentPeriodEnd,
      synced.cancelAtPeriodEnd,
      facts.some((f) => f.hadTrial),
      nextPastDueSince(account.pastDueSince, status, now),
      now,
    ],
  );
  return synced;
}

/** Event types that change what a customer pays for: each triggers a sync of that customer. */
export const HANDLED_EVENTS = new Set([
  "checkout.session.completed",
  "customer.subscription.created",
  "customer.subscription.updated",
  "customer.subscription.deleted",
  "invoice.paid",
  "invoice.payment_failed",
]);

export type EventOutcome =
  | { result: "duplicate" }
  | { result: "ignored"; reason: string }
  | { result: "synced"; account: SyncedAccount };

function customerOf(event: StripeEventEnvelope): string | null {
  const customer = event.data.object.customer;
  if (typeof customer === "string") return customer;
  if (customer && typeof customer === "object" && typeof (customer as { id?: unknown }).id === "string") return (customer as { id: string }).id;
  return null;
}

/**
 * Handles one verified webhook event exactly once: its id is stored in the same transaction as the sync, so a
 * redelivery (even a concurrent one, which waits on the id's unique key) is skipped, and a failed sync stores
 * nothing and Stripe's retry runs it again. Unhandled types are recorded and ignored. A payment failure's dunning
 * email is decided in that transaction and sent after it commits (see sendPendingDunning).
 */
export async function handleEvent(deps: BillingDeps, event: StripeEventEnvelope): Promise<EventOutcome> {
  const outcome = await withTransaction(deps.pool, async (client): Promise<EventOutcome> => {
    const inserted = await client.query(`INSERT INTO "StripeEvent" (id, type) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING`, [
      event.id,
      event.type,
    ]);
    if (inserted.rowCount === 0) return { result: "duplicate" };
    if (!HANDLED_EVENTS.has(event.type)) return { result: "ignored", reason: `${event.type} is not handled` };
    const customer = customerOf(event);
    if (!customer) return { result: "ignored", reason: "the event names no customer" };
    const account = await syncCustomer(deps, customer, client);
    if (!account) return { result: "ignored", reason: "no account is linked to this customer" };
    if (event.type === "invoice.payment_failed") await recordDunning(deps, client, account, event);
    return { result: "synced", account };
  });
  // Also for a duplicate: Stripe's retry of an event whose email failed to go out sends it now.
  const customer = customerOf(event);
  if (event.type === "invoice.payment_failed" && customer) await sendPendingDunning(deps, customer);
  return outcome;
}

/**
 * Decides the dunning email of a failed invoice attempt and stores it unsent. It runs under the account's row lock
 * (taken by syncCustomer), so one customer's events are decided one after another; the (invoice, attempt) key
 * refuses a second row all the same. An attempt older than one already emailed gets nothing.
 */
async function recordDunning(deps: BillingDeps, client: pg.PoolClient, account: SyncedAccount, event: StripeEventEnvelope): Promise<void> {
  const invoice = StripeInvoice.safeParse(event.data.object);
  if (!invoice.success) return;
  const { rows } = await client.query<{ pastDueSince: Date | null; timeZone: string | null; lastSent: number }>(
    `SELECT b."pastDueSince", u."timeZone",
            COALESCE((SELECT MAX(attempt) FROM "DunningEmail" d WHERE d."invoiceId" = $2), 0)::int AS "lastSent"
       FROM "BillingAccount" b JOIN "User" u ON u.id = b."userId" WHERE b."userId" = $1`,
    [account.userId, invoice.data.id],
  );
  const row = rows[0]!;
  const now = deps.now?.() ?? new Date();
  const entitlement = effectivePlan({ ...account, pastDueSince: row.pastDueSince }, now, deps.settings.graceDays);
  const graceEndsAt = account.status === "past_due" && entitlement.plan !== "FREE" ? entitlement.endsAt : null;
  const next = invoice.data.next_payment_attempt;
  const nextAttemptAt = next ? new Date(next * 1000) : null;
  const step = dunningStep({ attemptCount: invoice.data.attempt_count, lastSentAttempt: row.lastSent, nextAttemptAt, graceEndsAt });
  if (!step) return;
  const message = dunningEmail(step, {
    plan: account.plan === "FREE" ? "PRO" : account.plan,
    nextAttemptAt,
    graceEndsAt,
    timeZone: row.timeZone ?? "UTC",
  });
  await client.query(
    `INSERT INTO "DunningEmail" ("invoiceId", attempt, "userId", step, subject, text) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT ("invoiceId", attempt) DO NOTHING`,
    [invoice.data.id, invoice.data.attempt_count, account.userId, step, message.subject, message.text],
  );
}

/**
 * Sends the customer's unsent dunning emails. Each is claimed by a conditional UPDATE first, so two deliveries at
 * once cannot both send it; a send that fails gives the claim back and throws (the webhook answers 503 and Stripe's
 * retry sends it).
 */
export async function sendPendingDunning(deps: BillingDeps, customerId: string): Promise<number> {
  const { rows } = await deps.pool.query<{ invoiceId: string; attempt: number }>(
    `SELECT d."invoiceId", d.attempt FROM "DunningEmail" d JOIN "BillingAccount" b ON b."userId" = d."userId"
      WHERE b."stripeCustomerId" = $1 AND d."sentAt" IS NULL ORDER BY d."createdAt"`,
    [customerId],
  );
  let sent = 0;
  for (const pending of rows) {
    const claimed = await deps.pool.query<{ userId: string; subject: string; text: string; email: string }>(
      `UPDATE "DunningEmail" d SET "sentAt" = now() FROM "User" u
        WHERE d."invoiceId" = $1 AND d.attempt = $2 AND d."sentAt" IS NULL AND u.id = d."userId"
        RETURNING d."userId", d.subject, d.text, u.email`,
      [pending.invoiceId, pending.attempt],
    );
    const email = claimed.rows[0];
    if (!email) continue;
    try {
      await deps.mailer.send({ to: email.email, subject: email.subject, text: email.text });
      sent++;
    } catch (error) {
      await deps.pool.query(`UPDATE "DunningEmail" SET "sentAt" = NULL WHERE "invoiceId" = $1 AND attempt = $2`, [pending.invoiceId, pending.attempt]);
      throw error;
    }
  }
  return sent;
}
