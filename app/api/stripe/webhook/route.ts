import { NextResponse } from "next/server";
import { StripeEventEnvelope } from "@/server/integrations/stripe/schema";
import { stripeConfig } from "@/server/services/billing/mode";
import { billingDeps } from "@/server/services/billing/runtime";
import { handleEvent } from "@/server/services/billing/sync";
import { log } from "@/server/log";

const logger = log.child({ module: "billing" });

export const dynamic = "force-dynamic";

// Stripe's events are a few kilobytes; anything far larger is not from Stripe.
const MAX_BYTES = 512 * 1024;

const answer = (status: number, body: Record<string, unknown>) => NextResponse.json(body, { status });

/**
 * POST /api/stripe/webhook: Stripe's events. The raw body's signature is checked first (400 when it does not
 * verify); each event id is handled once (StripeEvent), then the customer's subscription is re-read from Stripe
 * and stored. Types we do not handle answer 200 so Stripe stops retrying them. Bad input is a 4xx, never a 500;
 * a failed sync is a 503 so that Stripe retries it later.
 */
export async function POST(request: Request) {
  const config = stripeConfig();
  const deps = billingDeps();
  if (!config || !deps) return answer(404, { error: "Billing is not configured on this server." });
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_BYTES) return answer(413, { error: "Payload too large." });
  const raw = await request.text();
  if (Buffer.byteLength(raw) > MAX_BYTES) return answer(413, { error: "Payload too large." });
  const signature = request.headers.get("stripe-signature");
  if (!signature) return answer(400, { error: "Missing Stripe-Signature header." });
  let verified: unknown;
  try {
    verified = config.stripe.webhooks.constructEvent(raw, signature, config.webhookSecret);
  } catch {
    return answer(400, { error: "The signature does not match this endpoint's signing secret." });
  }
  const event = StripeEventEnvelope.safeParse(verified);
  if (!event.success) return answer(400, { error: "Not a Stripe event." });
  try {
    const outcome = await handleEvent(deps, event.data);
    return answer(200, { received: true, ...outcome, account: undefined });
  } catch (error) {
    logger.error({ err: error }, `[billing] webhook ${event.data.type} ${event.data.id} failed:`);
    return answer(503, { error: "The event could not be processed now; Stripe will retry it." });
  }
}
