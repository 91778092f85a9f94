import { createHash, randomBytes } from "node:crypto";
import type { PrismaClient } from "@/server/db/generated/client";
import { hashPassword } from "@/server/auth/password";
import { AppError } from "@/server/errors";
import { recordAudit } from "@/server/services/audit/record";
import type { Mailer } from "@/server/integrations/smtp/mailer";
import { consumeRateLimit } from "@/server/services/rate-limits/rate-limits";
import { log } from "@/server/log";

const logger = log.child({ module: "accounts" });

type Db = PrismaClient;
export type TokenPurpose = "password-reset" | "verify-email";

const HOUR_MS = 60 * 60 * 1000;
const LIFETIME_MS: Record<TokenPurpose, number> = { "password-reset": HOUR_MS, "verify-email": 24 * HOUR_MS };

const hashToken = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

/** 32 random bytes for the link; only their SHA-256 is stored, so a database leak gives no working link. */
async function issueToken(db: Db, userId: string, purpose: TokenPurpose, now: Date): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db.accountToken.create({ data: { userId, purpose, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + LIFETIME_MS[purpose]) } });
  return token;
}

/**
 * Uses a link once: a conditional UPDATE marks it used only while unused and unexpired, so two clicks or two
 * tabs cannot both succeed. Returns the user it belongs to, or null.
 */
async function consumeToken(db: Pick<Db, "$queryRaw">, token: string, purpose: TokenPurpose, now: Date): Promise<string | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const rows = await db.$queryRaw<{ userId: string }[]>`
    UPDATE "AccountToken" SET "usedAt" = ${now}
    WHERE "tokenHash" = ${hashToken(token)} AND "purpose" = ${purpose} AND "usedAt" IS NULL AND "expiresAt" > ${now}
    RETURNING "userId"`;
  return rows[0]?.userId ?? null;
}

export interface LinkMail {
  mailer: Mailer;
  /** Where links point: NEXTAUTH_URL (the public URL of the app). */
  appUrl: string;
}

/** The answer to every reset request, whether or not the address has an account (no user enumeration). */
export const RESET_REQUESTED = "If an account uses that address, we have sent it a link to choose a new password. The link works once, for an hour.";

/**
 * Sends a password-reset link to an account's address. Unknown addresses, and addresses asked for too often
 * (3 an hour), get the same answer and no email. With `awaitDelivery: false` (the web) the
 * email is sent in the background.
 */
export async function requestPasswordReset(
  db: Db,
  mail: LinkMail,
  rawEmail: string,
  now = new Date(),
  // The web answers before the email goes out, so the time taken does not tell whether the address has an account.
  options: { awaitDelivery: boolean } = { awaitDelivery: true },
): Promise<string> {
  const email = rawEmail.trim().toLowerCase();
  const decision = await consumeRateLimit(db, { key: `password-reset:email:${email}`, limit: 3, windowMs: HOUR_MS }, now);
  const user = decision.allowed ? await db.user.findUnique({ where: { email }, select: { id: true, email: true } }) : null;
  if (user) {
    const token = await issueToken(db, user.id, "password-reset", now);
    const link = `${mail.appUrl.replace(/\/$/, "")}/reset-password?token=${token}`;
    const sending = mail.mailer.send({
      to: user.email,
      subject: "Reset your Linesmith password",
      text: `Someone (hopefully you) asked to reset the password of your Linesmith account.\n\nChoose a new password here (the link works once, for one hour):\n${link}\n\nIf it was not you, ignore this email: your password stays as it is.`,
    });
    if (options.awaitDelivery) await sending;
    else sending.catch((error: unknown) => logger.error({ err: error }, "[accounts] password-reset email not sent:"));
  }
  return RESET_REQUESTED;
}

/**
 * Sets a new password with a reset link. The link is used up, the account's other reset links stop working,
 * and every session ends (the session version moves on), so whoever had the old password is signed out.
 */
export async function resetPassword(db: Db, token: string, password: string, now = new Date()): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    const userId = await consumeToken(tx, token, "password-reset", now);
    if (!userId) throw new AppError("BAD_REQUEST", "This link is not valid any more. Ask for a new one.");
    await tx.user.update({ where: { id: userId }, data: { passwordHash, sessionVersion: { increment: 1 } } });
    await tx.accountToken.updateMany({ where: { userId, purpose: "password-reset", usedAt: null }, data: { usedAt: now } });
    await recordAudit(tx, { actor: { id: userId }, action: "account.password.reset", target: { type: "user", id: userId } });
  });
}

/** Emails the signed-in user a link that confirms their address (5 an hour). */
export async function sendEmailVerification(db: Db, mail: LinkMail, userId: string, now = new Date()): Promise<void> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, email: true, emailVerifiedAt: true } });
  if (!user) throw new AppError("NOT_FOUND", "Your account could not be found.");
  if (user.emailVerifiedAt) throw new AppError("BAD_REQUEST", "Your email address is already confirmed.");
  const decision = await consumeRateLimit(db, { key: `verify-email:user:${userId}`, limit: 5, windowMs: HOUR_MS }, now);
  if (!decision.allowed) throw new AppError("TOO_MANY_REQUESTS", "Too many emails sent. Try again later.");
  const token = await issueToken(db, user.id, "verify-email", now);
  await mail.mailer.send({
    to: user.email,
    subject: "Confirm your email address for Linesmith",
    text: `Confirm that this address belongs to your Linesmith account (the link works for 24 hours):\n${mail.appUrl.replace(/\/$/, "")}/verify-email?token=${token}`,
  });
}

/** Confirms an address with its link; the link is used once. */
export async function verifyEmail(db: Db, token: string, now = new Date()): Promise<void> {
  const done = await db.$transaction(async (tx) => {
    const userId = await consumeToken(tx, token, "verify-email", now);
    if (!userId) return false;
    await tx.user.update({ where: { id: userId }, data: { emailVerifiedAt: now } });
    return true;
  });
  if (!done) throw new AppError("BAD_REQUEST", "This link is not valid any more. Send a new one from your settings.");
}
