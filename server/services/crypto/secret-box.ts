import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from "node:crypto";
import { AppError } from "@/server/errors";
import { log } from "@/server/log";

const logger = log.child({ module: "crypto" });

/**
 * Secrets at rest (a Slack webhook URL is a password: whoever has it can post), sealed with AES-256-GCM.
 * The one place the product encrypts: callers get `seal`/`open`/`fingerprint` from `secretBox(key)`.
 *
 * Sealed text: "v1.<key id>.<iv>.<tag>.<ciphertext>" (base64url). The key id (8 hex of SHA-256 of the key) lets
 * `open` say "sealed with another key" instead of a bare authentication failure. `context` is bound as
 * additional authenticated data (e.g. "notification-channel:<userId>"), so a sealed value copied into another
 * user's row does not open.
 */
export interface SecretBox {
  seal(plaintext: string, context: string): string;
  open(sealed: string, context: string): string;
  /** HMAC-SHA256 (hex) of a value under the key: equal targets compare equal without storing them in clear. */
  fingerprint(value: string): string;
  /** How the key was obtained, for a start-up line: "ENCRYPTION_KEY" or "derived from NEXTAUTH_SECRET". */
  source: KeySource;
}

export type KeySource = "ENCRYPTION_KEY" | "derived from NEXTAUTH_SECRET";

const VERSION = "v1";

export function secretBox(key: Buffer, source: KeySource = "ENCRYPTION_KEY"): SecretBox {
  if (key.length !== 32) throw new Error("the encryption key must be 32 bytes");
  const keyId = createHash("sha256").update(key).digest("hex").slice(0, 8);
  // Separate keys for encryption and fingerprints, so the two uses never share key material.
  const macKey = Buffer.from(hkdfSync("sha256", key, Buffer.alloc(0), "linesmith fingerprint", 32));
  return {
    source,
    seal(plaintext, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      cipher.setAAD(Buffer.from(context, "utf8"));
      const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [VERSION, keyId, iv.toString("base64url"), tag.toString("base64url"), ciphertext.toString("base64url")].join(".");
    },
    open(sealed, context) {
      const parts = sealed.split(".");
      if (parts.length !== 5 || parts[0] !== VERSION) throw new Error("not a sealed secret");
      const [, id, iv, tag, ciphertext] = parts as [string, string, string, string, string];
      if (id !== keyId) throw new Error(`sealed with another key (${id}); the key in use is ${keyId}`);
      const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
      decipher.setAAD(Buffer.from(context, "utf8"));
      decipher.setAuthTag(Buffer.from(tag, "base64url"));
      try {
        return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
      } catch {
        throw new Error("sealed secret failed authentication (changed, or sealed for another owner)");
      }
    },
    fingerprint(value) {
      return createHmac("sha256", macKey).update(value, "utf8").digest("hex");
    },
  };
}

/** 32 bytes from ENCRYPTION_KEY (64 hex digits or base64). */
export function parseEncryptionKey(text: string): Buffer {
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, "hex") : Buffer.from(text, "base64");
  if (key.length !== 32) throw new Error("ENCRYPTION_KEY must be 32 bytes as base64 or 64 hex digits");
  return key;
}

let announced = false;

/**
 * The product's secret box from the environment: ENCRYPTION_KEY, or outside production a key derived from
 * NEXTAUTH_SECRET (logged once, since rotating that secret would then make stored secrets unreadable). In
 * production without ENCRYPTION_KEY there is none: features that store secrets say they are off.
 */
export function secretBoxFromEnv(env: {
  NODE_ENV: string;
  ENCRYPTION_KEY?: string | undefined;
  NEXTAUTH_SECRET: string;
}): SecretBox | null {
  if (env.ENCRYPTION_KEY) return secretBox(parseEncryptionKey(env.ENCRYPTION_KEY));
  if (env.NODE_ENV === "production") return null;
  if (!announced) {
    announced = true;
    logger.warn(
      "[crypto] ENCRYPTION_KEY is not set: secrets at rest use a key derived from NEXTAUTH_SECRET (development only; set ENCRYPTION_KEY to keep them readable when that secret changes)",
    );
  }
  const derived = Buffer.from(hkdfSync("sha256", env.NEXTAUTH_SECRET, Buffer.alloc(0), "linesmith encryption key", 32));
  return secretBox(derived, "derived from NEXTAUTH_SECRET");
}

/** The secret box, or a clear "off" error for the user when production has no ENCRYPTION_KEY. */
export function requireSecretBox(box: SecretBox | null, feature: string): SecretBox {
  if (!box) throw new AppError("BAD_REQUEST", `${feature} is off on this server: the administrator must set ENCRYPTION_KEY.`);
  return box;
}
