import { z } from "zod";

/**
 * Web Push (RFC 8030, with RFC 8291 encryption and RFC 8292 VAPID). The browser's PushSubscription.toJSON() is
 * {endpoint, expirationTime, keys: {p256dh, auth}}; the push service answers 201 Created, 404/410 when the
 * subscription is gone, 429 with Retry-After, 413 for a payload over 4 KB.
 */
const base64url = (bytes: number, what: string) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_-]+={0,2}$/, `${what} must be base64url`)
    .refine((s) => Buffer.from(s, "base64url").length === bytes, `${what} must be ${bytes} bytes`);

export const pushSubscriptionSchema = z.object({
  endpoint: z.string().url("endpoint must be a URL").max(2048),
  expirationTime: z.number().nullable().optional(),
  keys: z.object({
    // An uncompressed P-256 public key.
    p256dh: base64url(65, "keys.p256dh"),
    auth: base64url(16, "keys.auth"),
  }),
});

export type PushSubscriptionJson = z.infer<typeof pushSubscriptionSchema>;

/** What the service worker (public/sw.js) reads from a push: shown as a notification, opened on click. */
export const pushPayloadSchema = z.object({
  title: z.string().min(1).max(200),
  body: z.string().max(1000),
  url: z.string().max(500).nullable(),
  tag: z.string().max(200).optional(),
});

export type PushPayload = z.infer<typeof pushPayloadSchema>;
