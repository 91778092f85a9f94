import "server-only";
import { bulkPool } from "@/server/db/client";
import { linkMailFromEnv } from "@/server/services/accounts/deps";
import { billingSettings, stripeConfig } from "./mode";
import type { BillingDeps } from "./sync";

/** The app's billing dependencies when billing is on (Stripe configured); null otherwise. */
export function billingDeps(): BillingDeps | null {
  const stripe = stripeConfig();
  if (!stripe) return null;
  return { pool: bulkPool, stripe: stripe.stripe, settings: billingSettings(), mailer: linkMailFromEnv(bulkPool).mailer };
}
