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
 * nothing and Stripe's retry runs it again. Unhandled types are recorded and ignored.
 */
export async function handleEvent(deps: BillingDeps, event: StripeEventEnvelope): Promise<EventOutcome> {
  let dunning: (() => Promise<void>) | null = null;
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
    if (event.type === "invoice.payment_failed") dunning = await recordDunning(deps, client, account, event);
    return { result: "synced", account };
  });
  // Sent after the commit: a rolled-back event sends nothing, and its retry sends it then.
  if (dunning) await (dunning as () => Promise<void>)();
  return outcome;
}

/** Decides the dunning email for a failed invoice by its attempt count; each attempt's email goes out once. */
async function recordDunning(
  deps: BillingDeps,
  client: pg.PoolClient,
  account: SyncedAccount,
  event: StripeEventEnvelope,
): Promise<(() => Promise<void>) | null> {
  const invoice = StripeInvoice.safeParse(event.data.object);
  if (!invoice.success) return null;
  const { rows } = await client.query<{ dunningInvoiceId: string | null; dunningAttempt: number; pastDueSince: Date | null; email: string }>(
    `SELECT b."dunningInvoiceId", b."dunningAttempt", b."pastDueSince", u.email
       FROM "BillingAccount" b JOIN "User" u ON u.id = b."userId" WHERE b."userId" = $1`,
    [account.userId],
  );
  const row = rows[0]!;
  const lastSent = row.dunningInvoiceId === invoice.data.id ? row.dunningAttempt : 0;
  const step = dunningStep(invoice.data.attempt_count, lastSent);
  if (!step) return null;
  await client.query(`UPDATE "BillingAccount" SET "dunningInvoiceId" = $2, "dunningAttempt" = $3 WHERE "userId" = $1`, [
    account.userId,
    invoice.data.id,
    invoice.data.attempt_count,
  ]);
  const now = deps.now?.() ?? new Date();
  const entitlement = effectivePlan({ ...account, pastDueSince: row.pastDueSince }, now, deps.settings.graceDays);
  const message = dunningEmail(step, account.plan === "FREE" ? "PRO" : account.plan, entitlement.endsAt);
  return () => deps.mailer.send({ userId: account.userId, to: row.email, ...message });
}
