import { createHash } from "node:crypto";
import QRCode from "qrcode";
import type { PrismaClient } from "@/server/db/generated/client";
import { looksLikeRecoveryCode, newRecoveryCodes, normalizeRecoveryCode } from "@/server/domain/accounts/recovery-codes";
import { matchingTotpStep, newTotpSecret, totpUri } from "@/server/domain/accounts/totp";
import { AppError } from "@/server/errors";
import { recordAudit } from "@/server/services/audit/record";
import type { SecretBox } from "@/server/services/crypto/secret-box";
import { consumeRateLimit, refundRateLimit } from "@/server/services/rate-limits/rate-limits";

type Db = PrismaClient;

// The secret is bound to its owner: a sealed value copied into another user's row does not open.
const context = (userId: string) => `totp:${userId}`;

// Recovery codes carry ~49 random bits: a plain SHA-256 is enough (no slow hash needed, unlike passwords).
const hashCode = (code: string) => createHash("sha256").update(normalizeRecoveryCode(code), "utf8").digest("hex");

export async function twoFactorStatus(db: Db, userId: string) {
  const row = await db.twoFactor.findUnique({ where: { userId }, select: { enabledAt: true } });
  const recoveryCodesLeft = row?.enabledAt ? await db.recoveryCode.count({ where: { userId } }) : 0;
  return { enabled: Boolean(row?.enabledAt), enabledAt: row?.enabledAt ?? null, recoveryCodesLeft };
}

/**
 * Starts (or restarts) setup: a new secret, sealed, not yet enabled. Returns what the authenticator app needs:
 * the secret for typing and the otpauth URI as a QR code. Refused when 2FA is already on (disable it first).
 */
export async function beginTwoFactorSetup(db: Db, box: SecretBox, user: { id: string; email: string }) {
  const secret = newTotpSecret();
  const sealed = box.seal(secret, context(user.id));
  // Only a row that is not enabled is replaced: an enabled secret is never overwritten by a new setup.
  const written = await db.$executeRaw`
    INSERT INTO "TwoFactor" ("userId", "secretSealed") VALUES (${user.id}, ${sealed})
    ON CONFLICT ("userId") DO UPDATE SET "secretSealed" = EXCLUDED."secretSealed", "lastUsedStep" = NULL, "createdAt" = now()
    WHERE "TwoFactor"."enabledAt" IS NULL`;
  if (written === 0) throw new AppError("CONFLICT", "Two-factor authentication is already on. Turn it off first to set it up again.");
  const uri = totpUri(secret, user.email);
  return { secret, uri, qrDataUrl: await QRCode.toDataURL(uri, { margin: 1, width: 240 }) };
}

/**
 * Records a use of a code's time step if it is newer than the last one used: one conditional UPDATE, so the
 * same code sent twice (or in parallel) is accepted once.
 */
async function claimStep(db: Pick<Db, "$executeRaw">, userId: string, step: number, enabling: boolean): Promise<boolean> {
  const n = enabling
    ? await db.$executeRaw`
        UPDATE "TwoFactor" SET "lastUsedStep" = ${step}, "enabledAt" = now()
        WHERE "userId" = ${userId} AND "enabledAt" IS NULL AND ("lastUsedStep" IS NULL OR "lastUsedStep" < ${step})`
    : await db.$executeRaw`
        UPDATE "TwoFactor" SET "lastUsedStep" = ${step}
        WHERE "userId" = ${userId} AND "enabledAt" IS NOT NULL AND ("lastUsedStep" IS NULL OR "lastUsedStep" < ${step})`;
  return n === 1;
}

async function openSecret(db: Db, box: SecretBox, userId: string) {
  const row = await db.twoFactor.findUnique({ where: { userId } });
  return row ? { secret: box.open(row.secretSealed, context(userId)), enabled: row.enabledAt !== null } : null;
}

// Guessing 6 digits needs many tries: 5 codes per 15 minutes per account, counted before checking; a right code
// gives its slot back, so the owner's own sign-ins never lock them out.
const codeRule = (userId: string) => ({ key: `2fa:user:${userId}`, limit: 5, windowMs: 15 * 60 * 1000 });

async function throttle(db: Db, userId: string) {
  const decision = await consumeRateLimit(db, codeRule(userId));
  if (!decision.allowed) throw new AppError("TOO_MANY_REQUESTS", "Too many codes tried. Wait a few minutes and try again.");
}

/**
 * Turns 2FA on once the user shows a valid code from the new secret, and returns 10 recovery codes (shown once;
 * only their hashes are stored). The step used to enable cannot be replayed to sign in.
 */
export async function enableTwoFactor(db: Db, box: SecretBox, userId: string, code: string, now = new Date()): Promise<string[]> {
  await throttle(db, userId);
  const pending = await openSecret(db, box, userId);
  if (!pending) throw new AppError("BAD_REQUEST", "Start the set-up first.");
  if (pending.enabled) throw new AppError("CONFLICT", "Two-factor authentication is already on.");
  const step = await matchingTotpStep(pending.secret, code, now);
  if (step === null) throw new AppError("BAD_REQUEST", "That code is not right. Check the time on your phone and try again.", { field: "code" });
  const codes = newRecoveryCodes();
  await db.$transaction(async (tx) => {
    if (!(await claimStep(tx, userId, step, true))) {
      throw new AppError("CONFLICT", "Two-factor authentication is already on.");
    }
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await tx.recoveryCode.createMany({ data: codes.map((c) => ({ userId, codeHash: hashCode(c) })) });
    await recordAudit(tx, { actor: { id: userId }, action: "account.2fa.enable", target: { type: "user", id: userId } });
  });
  await refundRateLimit(db, codeRule(userId).key);
  return codes;
}

/** Consumes one recovery code: DELETE ... RETURNING, so one code succeeds once even under concurrency. */
async function consumeRecoveryCode(db: Db, userId: string, typed: string): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: number }[]>`
      DELETE FROM "RecoveryCode" WHERE "userId" = ${userId} AND "codeHash" = ${hashCode(typed)} RETURNING "id"`;
    if (rows.length !== 1) return false;
    const left = await tx.recoveryCode.count({ where: { userId } });
    await recordAudit(tx, { actor: { id: userId }, action: "account.recoveryCode.use", target: { type: "user", id: userId }, details: { left } });
    return true;
  });
}

export type SecondFactorResult = "ok" | "wrong";

/**
 * Checks the second factor of an account with 2FA on: a 6-digit code (each time step once) or a recovery code
 * (each once). Wrong codes are throttled per account.
 */
export async function checkSecondFactor(db: Db, box: SecretBox, userId: string, code: string, now = new Date()): Promise<SecondFactorResult> {
  await throttle(db, userId);
  const result = await matchSecondFactor(db, box, userId, code, now);
  if (result === "ok") await refundRateLimit(db, codeRule(userId).key);
  return result;
}

async function matchSecondFactor(db: Db, box: SecretBox, userId: string, code: string, now: Date): Promise<SecondFactorResult> {
  const stored = await openSecret(db, box, userId);
  if (!stored?.enabled) return "ok";
  if (looksLikeRecoveryCode(code)) return (await consumeRecoveryCode(db, userId, code)) ? "ok" : "wrong";
  const step = await matchingTotpStep(stored.secret, code, now);
  if (step === null) return "wrong";
  return (await claimStep(db, userId, step, false)) ? "ok" : "wrong";
}

export async function isTwoFactorEnabled(db: Db, userId: string): Promise<boolean> {
  const row = await db.twoFactor.findUnique({ where: { userId }, select: { enabledAt: true } });
  return Boolean(row?.enabledAt);
}

/** Turns 2FA off after a valid code (or recovery code); the secret and the recovery codes are deleted. */
export async function disableTwoFactor(db: Db, box: SecretBox, userId: string, code: string, now = new Date()) {
  if (!(await isTwoFactorEnabled(db, userId))) throw new AppError("BAD_REQUEST", "Two-factor authentication is not on.");
  if ((await checkSecondFactor(db, box, userId, code, now)) !== "ok") {
    throw new AppError("BAD_REQUEST", "That code is not right.", { field: "code" });
  }
  await db.$transaction(async (tx) => {
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await tx.twoFactor.deleteMany({ where: { userId } });
    await recordAudit(tx, { actor: { id: userId }, action: "account.2fa.disable", target: { type: "user", id: userId } });
  });
}
