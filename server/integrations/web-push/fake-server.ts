import { createDecipheriv, createECDH, hkdfSync, randomBytes, randomUUID, type ECDH } from "node:crypto";
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import type { PushSubscriptionJson } from "./schema";

/**
 * A stand-in for a browser vendor's push service on 127.0.0.1 (random port). `subscribe()` plays the browser:
 * it makes the P-256 key pair and auth secret and returns the subscription JSON. A POST to the endpoint is
 * decrypted as a browser would (RFC 8291 aes128gcm, written here independently of the sender's library) and
 * recorded with its VAPID Authorization header; 201 Created.
 * Modes per subscription: "gone" (410), "not-found" (404), "rate-limited" (429 + Retry-After), "server-error".
 * With `tls` (a key and certificate, e.g. self-signed at test time) it serves HTTPS, as real push services do.
 */
export type FakePushMode =
  | { kind: "ok" }
  | { kind: "gone" }
  | { kind: "not-found" }
  | { kind: "rate-limited"; retryAfterSeconds: number }
  | { kind: "server-error" };

export interface ReceivedPush {
  subscriptionId: string;
  /** The decrypted payload, as the service worker would read it. */
  payload: string;
  authorization: string;
  ttl: string | undefined;
}

export interface FakePushService {
  url: string;
  subscribe(): PushSubscriptionJson;
  setMode(endpoint: string, mode: FakePushMode): void;
  received: ReceivedPush[];
  requests: number;
  close(): Promise<void>;
}

export async function startFakePushService(options: { tls?: { key: string; cert: string } } = {}): Promise<FakePushService> {
  const subscriptions = new Map<string, { ecdh: ECDH; auth: Buffer; mode: FakePushMode }>();
  const received: ReceivedPush[] = [];
  let requests = 0;
  let base = "";

  const handler: http.RequestListener = (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      requests++;
      const id = /^\/push\/([\w-]+)$/.exec(req.url ?? "")?.[1];
      const sub = id ? subscriptions.get(id) : undefined;
      const reply = (status: number, headers: Record<string, string> = {}) => {
        res.writeHead(status, headers);
        res.end();
      };
      if (req.method !== "POST" || !id || !sub) return reply(404);
      if (sub.mode.kind === "gone") return reply(410);
      if (sub.mode.kind === "not-found") return reply(404);
      if (sub.mode.kind === "server-error") return reply(503);
      if (sub.mode.kind === "rate-limited") return reply(429, { "retry-after": String(sub.mode.retryAfterSeconds) });
      const authorization = req.headers.authorization ?? "";
      if (!/^vapid t=[\w-]+\.[\w-]+\.[\w-]+, k=[\w-]+$/.test(authorization)) return reply(401);
      if (req.headers["content-encoding"] !== "aes128gcm") return reply(400);
      let payload: string;
      try {
        payload = decryptAes128gcm(Buffer.concat(chunks), sub.ecdh, sub.auth);
      } catch {
        return reply(400);
      }
      received.push({ subscriptionId: id, payload, authorization, ttl: req.headers.ttl as string | undefined });
      return reply(201, { location: `${base}/message/${randomUUID()}` });
    });
  };
  const server = options.tls ? https.createServer(options.tls, handler) : http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `${options.tls ? "https" : "http"}://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const idOf = (endpoint: string) => endpoint.slice(endpoint.lastIndexOf("/") + 1);
  return {
    url: base,
    received,
    get requests() {
      return requests;
    },
    subscribe() {
      const ecdh = createECDH("prime256v1");
      ecdh.generateKeys();
      const auth = randomBytes(16);
      const id = randomUUID();
      subscriptions.set(id, { ecdh, auth, mode: { kind: "ok" } });
      return {
        endpoint: `${base}/push/${id}`,
        expirationTime: null,
        keys: { p256dh: ecdh.getPublicKey().toString("base64url"), auth: auth.toString("base64url") },
      };
    },
    setMode(endpoint, mode) {
      const sub = subscriptions.get(idOf(endpoint));
      if (sub) sub.mode = mode;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}

/** RFC 8291 / RFC 8188: one record, as web push sends. Throws when the body was not encrypted for this key pair. */
export function decryptAes128gcm(body: Buffer, receiver: ECDH, authSecret: Buffer): string {
  const salt = body.subarray(0, 16);
  const idLength = body[20]!;
  const senderPublicKey = body.subarray(21, 21 + idLength);
  const record = body.subarray(21 + idLength);
  const ecdhSecret = receiver.computeSecret(senderPublicKey);
  const keyInfo = Buffer.concat([Buffer.from("WebPush: info\0"), receiver.getPublicKey(), senderPublicKey]);
  const ikm = Buffer.from(hkdfSync("sha256", ecdhSecret, authSecret, keyInfo, 32));
  const cek = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: aes128gcm\0"), 16));
  const nonce = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: nonce\0"), 12));
  const decipher = createDecipheriv("aes-128-gcm", cek, nonce);
  decipher.setAuthTag(record.subarray(record.length - 16));
  const padded = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
  // The last record ends with the delimiter 0x02 followed by zero padding.
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (padded[end] !== 2) throw new Error("bad padding delimiter");
  return padded.subarray(0, end).toString("utf8");
}
