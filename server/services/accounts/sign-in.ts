import { z } from "zod";
import type { PrismaClient } from "@/server/db/generated/client";
import { AppError } from "@/server/errors";
import { signInWithPassword, type SignedInUser } from "@/server/services/auth/sign-in";
import { requireSecretBox, type SecretBox } from "@/server/services/crypto/secret-box";
import { checkSecondFactor, isTwoFactorEnabled } from "./two-factor";

/**
 * The error code the sign-in form receives when the password was right and a second factor is needed. It is
 * only ever sent after a correct password, so it says nothing about an account to someone without it.
 */
export const TWO_FACTOR_REQUIRED = "TwoFactorRequired";
export const WRONG_SECOND_FACTOR = "That two-factor code is not right.";

/**
 * Password first (throttled by signInWithPassword), then, for accounts with 2FA on, the code from the
 * authenticator or a recovery code. Accounts without 2FA sign in in one step as before.
 */
export async function signInWithSecondFactor(
  db: PrismaClient,
  box: SecretBox | null,
  input: { email: string; password: string; code?: string | undefined; clientAddress: string },
  now = new Date(),
): Promise<SignedInUser | null> {
  const user = await signInWithPassword(db, input);
  if (!user || !(await isTwoFactorEnabled(db, user.id))) return user;
  if (!input.code) throw new AppError("UNAUTHORIZED", TWO_FACTOR_REQUIRED);
  const result = await checkSecondFactor(db, requireSecretBox(box, "Two-factor authentication"), user.id, input.code, now);
  if (result !== "ok") throw new AppError("UNAUTHORIZED", WRONG_SECOND_FACTOR);
  return user;
}

/**
 * The second step of an OAuth sign-in for an account with 2FA on: checks the code sent with next-auth's
 * `update({ twoFactorCode })`. "ok" lifts the session's pending flag; anything else is the message to show.
 * Codes are throttled and each is accepted once (checkSecondFactor), so a replayed code is refused.
 */
export async function completeSecondFactor(db: PrismaClient, box: SecretBox | null, userId: string, update: unknown, now = new Date()): Promise<"ok" | string> {
  const code = PendingCode.safeParse(update);
  if (!code.success) return "Enter the 6-digit code from your authenticator app or a recovery code.";
  try {
    const result = await checkSecondFactor(db, requireSecretBox(box, "Two-factor authentication"), userId, code.data.twoFactorCode, now);
    return result === "ok" ? "ok" : WRONG_SECOND_FACTOR;
  } catch (error) {
    if (error instanceof AppError) return error.message;
    throw error;
  }
}

const PendingCode = z.object({ twoFactorCode: z.string().trim().min(1).max(32) });
