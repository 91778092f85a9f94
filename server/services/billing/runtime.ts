import "server-only";
import { bulkPool } from "@/server/db/client";
import { logMailer } from "./mailer";
import { billingSettings, stripeConfig } from "./mode";
import type { BillingDeps } from "./sync";

/** The app's billing dependencies when billing is on (Stripe configured); null otherwise. */
export function billingDeps(): BillingDeps | null {
  const stripe = stripeConfig();
  if (!stripe) return null;
  return { pool: bulkPool, stripe: stripe.stripe, settings: billingSettings(), mailer: logMailer };
}
