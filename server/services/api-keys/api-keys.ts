import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import type { PrismaClient } from "@/server/db/generated/client";
import { AppError } from "@/server/errors";
import { recordAudit } from "@/server/services/audit/record";

/**
 * Personal REST API keys. The secret is `lsk_` + 32 random bytes (base64url), shown once at creation; only its
 * SHA-256 is stored (a fast hash is enough: the secret has 256 bits of entropy, nothing to brute-force), with a
 * short visible prefix so the owner can tell keys apart in the list.
 */
export const API_SCOPES = ["read", "bets:write", "bots:write"] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export const KEY_PREFIX = "lsk_";
// `lsk_` + 43 base64url characters for 32 bytes.
const KEY_PATTERN = /^lsk_[A-Za-z0-9_-]{43}$/;
// What the list shows: `lsk_` and the first 8 characters of the secret.
const VISIBLE_CHARS = KEY_PREFIX.length + 8;
/** Keys one user may hold (active or not revoked), so a script in a loop cannot fill the table. */
export const MAX_KEYS_PER_USER = 25;
// lastUsedAt is written at most this often per key: a busy key must not write a row on every request.
const LAST_USED_EVERY_MS = 60_000;

export const CreateApiKeyInput = z.object({
  name: z.string().trim().min(1, "give the key a name").max(60, "at most 60 characters"),
  scopes: z.array(z.enum(API_SCOPES)).min(1, "choose at least one scope").max(API_SCOPES.length).transform((s) => [...new Set(s)]),
  /** Days until the key stops working; null for a key that does not expire. */
  expiresInDays: z.number().int().min(1).max(3650).nullable().default(90),
});
export type CreateApiKeyInput = z.input<typeof CreateApiKeyInput>;

export function hashApiKey(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

export function generateApiKey(): { secret: string; prefix: string; hash: string } {
  const secret = KEY_PREFIX + randomBytes(32).toString("base64url");
  return { secret, prefix: secret.slice(0, VISIBLE_CHARS), hash: hashApiKey(secret) };
}

const VIEW = { id: true, name: true, prefix: true, scopes: true, expiresAt: true, lastUsedAt: true, revokedAt: true, createdAt: true } as const;
export type ApiKeyView = { id: string; name: string; prefix: string; scopes: string[]; expiresAt: Date | null; lastUsedAt: Date | null; revokedAt: Date | null; createdAt: Date };

/** Creates a key and returns its secret, which is never available again. */
export async function createApiKey(db: PrismaClient, userId: string, raw: CreateApiKeyInput, now = new Date()): Promise<ApiKeyView & { secret: string }> {
  const input = CreateApiKeyInput.parse(raw);
  const { secret, prefix, hash } = generateApiKey();
  const key = await db.$transaction(async (tx) => {
    // The user's row lock serialises parallel creations, so the count below cannot be raced past.
    await tx.$queryRaw`SELECT 1 FROM "User" WHERE "id" = ${userId} FOR UPDATE`;
    const held = await tx.apiKey.count({ where: { userId, revokedAt: null } });
    if (held >= MAX_KEYS_PER_USER) throw new AppError("CONFLICT", `You can hold at most ${MAX_KEYS_PER_USER} API keys; revoke one first.`);
    const created = await tx.apiKey.create({
      data: {
        userId,
        name: input.name,
        prefix,
        hash,
        scopes: input.scopes,
        expiresAt: input.expiresInDays === null ? null : new Date(now.getTime() + input.expiresInDays * 86_400_000),
      },
      select: VIEW,
    });
    await recordAudit(tx, {
      actor: { id: userId },
      action: "apiKey.create",
      target: { type: "apiKey", id: created.id },
      details: { name: created.name, prefix: created.prefix, scopes: created.scopes },
    });
    return created;
  });
  return { ...key, secret };
}

/** The user's keys, newest first, with whether each has expired (decided here, on the server's clock). */
export async function listApiKeys(db: PrismaClient, userId: string, now = new Date()): Promise<(ApiKeyView & { expired: boolean })[]> {
  const keys = await db.apiKey.findMany({ where: { userId }, orderBy: { createdAt: "desc" }, select: VIEW });
  return keys.map((k) => ({ ...k, expired: k.expiresAt !== null && k.expiresAt <= now }));
}

/** Revokes one of the user's keys at once; another user's key (or an unknown id) is NOT_FOUND. Idempotent. */
export async function revokeApiKey(db: PrismaClient, userId: string, id: string, now = new Date()): Promise<{ id: string; revokedAt: Date }> {
  await db.$transaction(async (tx) => {
    const { count } = await tx.apiKey.updateMany({ where: { id, userId, revokedAt: null }, data: { revokedAt: now } });
    // Revoking twice records once.
    if (count === 1) await recordAudit(tx, { actor: { id: userId }, action: "apiKey.revoke", target: { type: "apiKey", id } });
  });
  const key = await db.apiKey.findFirst({ where: { id, userId }, select: { id: true, revokedAt: true } });
  if (!key?.revokedAt) throw new AppError("NOT_FOUND", "No such API key.");
  return { id: key.id, revokedAt: key.revokedAt };
}

export interface ApiPrincipal {
  keyId: string;
  userId: string;
  role: "USER" | "ADMIN";
  scopes: ApiScope[];
}

/**
 * The user and scopes behind a presented secret, or UNAUTHORIZED with one message for every kind of failure
 * except expiry and revocation, which the owner needs to know about to fix their script.
 */
export async function authenticateApiKey(db: PrismaClient, secret: string, now = new Date()): Promise<ApiPrincipal> {
  if (!KEY_PATTERN.test(secret)) throw new AppError("UNAUTHORIZED", "The API key is not valid.");
  const key = await db.apiKey.findUnique({
    where: { hash: hashApiKey(secret) },
    select: { id: true, userId: true, scopes: true, expiresAt: true, revokedAt: true, user: { select: { role: true, disabledAt: true } } },
  });
  if (!key) throw new AppError("UNAUTHORIZED", "The API key is not valid.");
  if (key.revokedAt) throw new AppError("UNAUTHORIZED", "The API key has been revoked.");
  if (key.expiresAt && key.expiresAt <= now) throw new AppError("UNAUTHORIZED", "The API key has expired.");
  if (key.user.disabledAt) throw new AppError("FORBIDDEN", "The account this API key belongs to has been disabled.");
  await touchApiKey(db, key.id, now);
  return { keyId: key.id, userId: key.userId, role: key.user.role, scopes: key.scopes.filter((s): s is ApiScope => (API_SCOPES as readonly string[]).includes(s)) };
}

/** Sets lastUsedAt only when it is older than a minute: one conditional UPDATE, no read-then-write race. */
export async function touchApiKey(db: PrismaClient, keyId: string, now = new Date()): Promise<boolean> {
  const cutoff = new Date(now.getTime() - LAST_USED_EVERY_MS);
  const n = await db.$executeRaw`
    UPDATE "ApiKey" SET "lastUsedAt" = ${now}
    WHERE "id" = ${keyId} AND ("lastUsedAt" IS NULL OR "lastUsedAt" <= ${cutoff})`;
  return n > 0;
}
