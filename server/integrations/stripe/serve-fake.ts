import { startFakeStripe } from "./fake-server";

/**
 * `tsx server/integrations/stripe/serve-fake.ts`: the fake Stripe as a process, for e2e and for trying billing
 * locally. Point the app at it with STRIPE_API_BASE_URL and the same STRIPE_SECRET_KEY / STRIPE_WEBHOOK_SECRET;
 * STRIPE_FAKE_WEBHOOK_URL is the app's /api/stripe/webhook.
 */
const fake = await startFakeStripe({
  secretKey: process.env.STRIPE_SECRET_KEY ?? "sk_test_fake",
  webhookSecret: process.env.STRIPE_WEBHOOK_SECRET ?? "whsec_fake",
  webhookUrl: process.env.STRIPE_FAKE_WEBHOOK_URL,
  port: Number(process.env.STRIPE_FAKE_PORT ?? 12111),
});
console.log(`[fake-stripe] listening on ${fake.url}`);
const stop = () => void fake.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
