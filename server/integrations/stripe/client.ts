import Stripe from "stripe";

/**
 * The Stripe client, on a pinned API version so that the shapes read in ./schema.ts do not change under us
 * when the account's default version moves. `baseUrl` points it at the fake server in tests, e2e and local
 * runs (host/port/protocol options of stripe-node).
 */
export const STRIPE_API_VERSION = "2026-10-28.endive" as const;

export interface StripeClientOptions {
  secretKey: string;
  baseUrl?: string | undefined;
  /** Retries reuse the request's idempotency key, so a retried create is still one object. */
  maxNetworkRetries?: number;
}

export function createStripeClient(options: StripeClientOptions): Stripe {
  const config: NonNullable<ConstructorParameters<typeof Stripe>[1]> = {
    apiVersion: STRIPE_API_VERSION,
    maxNetworkRetries: options.maxNetworkRetries ?? 1,
    timeout: 20_000,
    telemetry: false,
    httpClient: Stripe.createFetchHttpClient(),
  };
  if (options.baseUrl) {
    const url = new URL(options.baseUrl);
    const protocol = url.protocol === "http:" ? "http" : "https";
    Object.assign(config, { host: url.hostname, port: url.port || (protocol === "http" ? 80 : 443), protocol });
  }
  return new Stripe(options.secretKey, config);
}

export type { Stripe };
