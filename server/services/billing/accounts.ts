import { withTransaction } from "@/server/db/transaction";
import { lookupKey, type BillingInterval, type PaidPlanId } from "@/server/domain/billing/plans";
import { AppError } from "@/server/errors";
import type { Stripe } from "@/server/integrations/stripe/client";
import { StripeCheckoutSession, StripeCustomer, StripeInvoice, StripeList, StripePortalSession, StripePrice, StripeSubscription } from "@/server/integrations/stripe/schema";
import type { BillingDeps } from "./sync";
import { log } from "@/server/log";

const logger = log.child({ module: "billing" });

/** Statuses with which a user already pays (or may still): a second checkout would make a second subscription. */
const SUBSCRIBED = new Set(["active", "trialing", "past_due", "incomplete", "unpaid", "paused"]);

/**
 * The user's Stripe customer, created and linked before any checkout, once: the account row is locked while the
 * customer is created (a double click waits and finds it), and Stripe's idempotency key makes a retried create
 * return the same customer even if our commit failed after it.
 */
export async function ensureCustomer(deps: BillingDeps, userId: string): Promise<string> {
  await deps.pool.query(`INSERT INTO "BillingAccount" ("userId") VALUES ($1) ON CONFLICT ("userId") DO NOTHING`, [userId]);
  return withTransaction(deps.pool, async (client) => {
    const { rows } = await client.query<{ stripeCustomerId: string | null; email: string }>(
      `SELECT b."stripeCustomerId", u.email FROM "BillingAccount" b JOIN "User" u ON u.id = b."userId"
        WHERE b."userId" = $1 FOR UPDATE OF b`,
      [userId],
    );
    const row = rows[0];
    if (!row) throw new AppError("UNAUTHORIZED", "Sign in to continue.");
    if (row.stripeCustomerId) return row.stripeCustomerId;
    const customer = StripeCustomer.parse(
      await deps.stripe.customers.create({ email: row.email, metadata: { userId } }, { idempotencyKey: `linesmith-customer-${userId}` }),
    );
    await client.query(`UPDATE "BillingAccount" SET "stripeCustomerId" = $2, "updatedAt" = now() WHERE "userId" = $1`, [userId, customer.id]);
    return customer.id;
  });
}

async function priceFor(deps: BillingDeps, plan: PaidPlanId, interval: BillingInterval): Promise<string> {
  const key = lookupKey(plan, interval);
  const prices = StripeList(StripePrice).parse(await deps.stripe.prices.list({ lookup_keys: [key], active: true, limit: 1 }));
  const price = prices.data.find((p) => p.lookup_key === key);
  if (!price) {
    logger.error(`[billing] no active Stripe price has the lookup key ${key}: create it in the Stripe dashboard`);
    throw new AppError("INTERNAL_SERVER_ERROR", "This plan cannot be bought right now; please try again later.");
  }
  return price.id;
}

/**
 * A Checkout Session (subscription mode) for a paid plan. The trial is offered only to an account that never had
 * a subscription; an account that has one changes plans in the Customer Portal instead.
 */
export async function createCheckoutSession(
  deps: BillingDeps,
  userId: string,
  input: { plan: PaidPlanId; interval: BillingInterval },
): Promise<{ url: string }> {
  const customer = await ensureCustomer(deps, userId);
  const { rows } = await deps.pool.query<{ status: string | null; trialUsed: boolean; subscriptionId: string | null }>(
    `SELECT status, "trialUsed", "subscriptionId" FROM "BillingAccount" WHERE "userId" = $1`,
    [userId],
  );
  const account = rows[0]!;
  if (account.status && SUBSCRIBED.has(account.status))
    throw new AppError("CONFLICT", "You already have a subscription: change or cancel it with Manage billing.");
  const price = await priceFor(deps, input.plan, input.interval);
  const trialDays = !account.trialUsed && account.subscriptionId === null ? deps.settings.trialDays : 0;
  const base = deps.settings.appUrl;
  const session = StripeCheckoutSession.parse(
    await deps.stripe.checkout.sessions.create({
      mode: "subscription",
      customer,
      client_reference_id: userId,
      line_items: [{ price, quantity: 1 }],
      subscription_data: { metadata: { userId }, ...(trialDays > 0 ? { trial_period_days: trialDays } : {}) },
      metadata: { userId },
      success_url: `${base}/settings/billing?checkout=success&session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `${base}/settings/billing?checkout=cancelled`,
    }),
  );
  if (!session.url) throw new AppError("INTERNAL_SERVER_ERROR", "Stripe did not return a checkout page; please try again.");
  return { url: session.url };
}

/** A Customer Portal session: changing plan, card and cancelling happen there. */
export async function createPortalSession(deps: BillingDeps, userId: string): Promise<{ url: string }> {
  const customer = await ensureCustomer(deps, userId);
  const session = StripePortalSession.parse(
    await deps.stripe.billingPortal.sessions.create({ customer, return_url: `${deps.settings.appUrl}/settings/billing` }),
  );
  return { url: session.url };
}

export interface InvoiceRow {
  id: string;
  number: string | null;
  status: string | null;
  amountDueCents: number;
  amountPaidCents: number;
  currency: string;
  createdAt: Date;
  url: string | null;
}

/** The customer's latest invoices (none before the first checkout). */
export async function listInvoices(deps: BillingDeps, userId: string): Promise<InvoiceRow[]> {
  const { rows } = await deps.pool.query<{ stripeCustomerId: string | null }>(
    `SELECT "stripeCustomerId" FROM "BillingAccount" WHERE "userId" = $1`,
    [userId],
  );
  const customer = rows[0]?.stripeCustomerId;
  if (!customer) return [];
  const invoices = StripeList(StripeInvoice).parse(await deps.stripe.invoices.list({ customer, limit: 12 }));
  return invoices.data.map((i) => ({
    id: i.id,
    number: i.number ?? null,
    status: i.status,
    amountDueCents: i.amount_due,
    amountPaidCents: i.amount_paid,
    currency: i.currency.toUpperCase(),
    createdAt: new Date(i.created * 1000),
    url: i.hosted_invoice_url ?? null,
  }));
}

/** Syncs the signed-in user's own customer (the page calls it on return from Checkout, before the webhook lands). */
export async function customerOf(deps: BillingDeps, userId: string): Promise<string | null> {
  const { rows } = await deps.pool.query<{ stripeCustomerId: string | null }>(
    `SELECT "stripeCustomerId" FROM "BillingAccount" WHERE "userId" = $1`,
    [userId],
  );
  return rows[0]?.stripeCustomerId ?? null;
}

/** Subscriptions in these statuses have ended at Stripe; any other one can still charge the customer. */
const ENDED = new Set(["canceled", "incomplete_expired"]);

/**
 * Cancels every subscription of a customer that can still charge, at once (DELETE /v1/subscriptions/{id}), e.g.
 * before the account is deleted. Returns the cancelled ids. A Stripe failure is an AppError saying nothing was
 * deleted, so the caller stops; subscriptions cancelled before the failure stay cancelled (a retry skips them).
 */
export async function cancelSubscriptionsNow(stripe: Stripe, customerId: string): Promise<string[]> {
  try {
    const listed = StripeList(StripeSubscription).parse(await stripe.subscriptions.list({ customer: customerId, status: "all", limit: 100 }));
    const live = listed.data.filter((s) => !ENDED.has(s.status));
    for (const s of live) await stripe.subscriptions.cancel(s.id);
    return live.map((s) => s.id);
  } catch (error) {
    console.error(`[billing] cancelling the subscriptions of ${customerId} failed:`, error instanceof Error ? error.message : error);
    throw new AppError(
      "INTERNAL_SERVER_ERROR",
      "Your subscription could not be cancelled with Stripe, so nothing was deleted. Try again in a few minutes, or cancel the plan under Settings > Billing > Manage billing first.",
    );
  }
}
