import webpush from "web-push";
import { ProviderError, parseRetryAfter } from "../provider-error";
import { pushPayloadSchema, type PushPayload, type PushSubscriptionJson } from "./schema";

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  /** mailto: or https: contact the push service may use. */
  subject: string;
}

export interface WebPushClientOptions {
  /** From VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY, VAPID_SUBJECT; null turns web push off. */
  vapid: VapidKeys | null;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export interface WebPushClient {
  /** Null when on; otherwise why web push is off, in words for the user. */
  offReason: string | null;
  publicKey: string | null;
  send(subscription: PushSubscriptionJson, payload: PushPayload, options?: { ttlSeconds?: number }): Promise<void>;
}

const PROVIDER = "web-push";
export const WEB_PUSH_OFF = "Web push is off on this server: VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY and VAPID_SUBJECT are not set.";

/**
 * The `web-push` package encrypts the payload (aes128gcm) and signs the VAPID header; the POST itself goes
 * through fetch, so errors, timeouts and tests (the fake push service on 127.0.0.1, over HTTPS with a certificate
 * made at test time and a `fetch` trusting it) work like the other channels.
 */
export function createWebPushClient(options: WebPushClientOptions): WebPushClient {
  const doFetch = options.fetch ?? fetch;
  const vapid = options.vapid;
  return {
    offReason: vapid ? null : WEB_PUSH_OFF,
    publicKey: vapid?.publicKey ?? null,
    async send(subscription, payload, sendOptions = {}) {
      if (!vapid) throw new ProviderError(PROVIDER, "unauthorized", WEB_PUSH_OFF);
      const request = webpush.generateRequestDetails(
        { endpoint: subscription.endpoint, keys: subscription.keys },
        JSON.stringify(pushPayloadSchema.parse(payload)),
        {
          vapidDetails: vapid,
          TTL: sendOptions.ttlSeconds ?? 24 * 3600,
          contentEncoding: "aes128gcm",
          urgency: "normal",
        },
      );
      let response: Response;
      try {
        response = await doFetch(request.endpoint, {
          method: request.method,
          headers: request.headers as Record<string, string>,
          body: request.body ? new Uint8Array(request.body) : null,
          redirect: "error",
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        });
      } catch (error) {
        throw new ProviderError(PROVIDER, "unavailable", `push service not reachable (${(error as Error).name})`);
      }
      await response.body?.cancel().catch(() => undefined);
      const status = response.status;
      if (status >= 200 && status < 300) return;
      if (status === 404 || status === 410) {
        throw new ProviderError(PROVIDER, "gone", `the browser's subscription has expired or was removed (${status})`, { status });
      }
      if (status === 429) {
        throw new ProviderError(PROVIDER, "rate-limited", "rate limited by the push service (429)", {
          status,
          retryAfterSeconds: parseRetryAfter(response.headers.get("retry-after")),
        });
      }
      // 401/403: the subscription was made for other VAPID keys (they changed): it must be renewed.
      if (status === 401 || status === 403) {
        throw new ProviderError(PROVIDER, "gone", `the push service refused our VAPID keys for this subscription (${status})`, { status });
      }
      if (status >= 500) throw new ProviderError(PROVIDER, "unavailable", `push service error ${status}`, { status });
      throw new ProviderError(PROVIDER, "bad-request", `push service refused the message (${status})`, { status });
    },
  };
}
