import { billingModeFrom, type BillingMode } from "@/server/domain/billing/entitlement";
import { env } from "@/server/env";
import { createStripeClient, type Stripe } from "@/server/integrations/stripe/client";

/** Billing as this process's environment configures it (read once; see server/env.ts). */
export function billingMode(): BillingMode {
  const e = env();
  return billingModeFrom({ BILLING: e.BILLING, STRIPE_SECRET_KEY: e.STRIPE_SECRET_KEY });
}

export interface BillingSettings {
  graceDays: number;
  trialDays: number;
  /** Where Checkout and the Portal send the browser back to. */
  appUrl: string;
}

export function billingSettings(): BillingSettings {
  const e = env();
  return {
    graceDays: e.BILLING_PAST_DUE_GRACE_DAYS,
    trialDays: e.BILLING_TRIAL_DAYS,
    appUrl: (e.NEXTAUTH_URL ?? "http://localhost:3000").replace(/\/$/, ""),
  };
}

const globalForStripe = globalThis as unknown as { linesmithStripe?: Stripe };

/** The Stripe client and webhook secret when billing is on; null otherwise. */
export function stripeConfig(): { stripe: Stripe; webhookSecret: string } | null {
  const e = env();
  if (billingMode().kind !== "on" || !e.STRIPE_SECRET_KEY || !e.STRIPE_WEBHOOK_SECRET) return null;
  globalForStripe.linesmithStripe ??= createStripeClient({ secretKey: e.STRIPE_SECRET_KEY, baseUrl: e.STRIPE_API_BASE_URL });
  return { stripe: globalForStripe.linesmithStripe, webhookSecret: e.STRIPE_WEBHOOK_SECRET };
}
