import type { PrismaClient } from "@/server/db/generated/client";
import { hashPassword, verifyPassword } from "@/server/auth/password";
import { signInRules } from "@/server/auth/throttle";
import { AppError } from "@/server/errors";
import { ACCOUNT_DISABLED } from "@/server/services/auth/accounts";
import { consumeRateLimit, refundRateLimit, waitText } from "@/server/services/rate-limits/rate-limits";

export interface SignedInUser {
  id: string;
  email: string;
  name: string | null;
  role: "USER" | "ADMIN";
  sessionVersion: number;
}

// Unknown emails are checked against this, so they take as long as known ones and do not reveal who has an account.
let dummyHash: Promise<string> | undefined;

/**
 * Checks email and password. Each attempt first takes a slot in every sign-in limit (one atomic upsert
 * each); a throttled attempt is refused (429) before any password is checked. A successful sign-in gives
 * its slots back, so the owner's own sign-ins never count against them.
 */
export async function signInWithPassword(
  db: PrismaClient,
  input: { email: string; password: string; clientAddress: string },
): Promise<SignedInUser | null> {
  const email = input.email.trim().toLowerCase();
  const rules = signInRules(email, input.clientAddress);
  for (const rule of rules) {
    const decision = await consumeRateLimit(db, rule);
    if (!decision.allowed) {
      throw new AppError("TOO_MANY_REQUESTS", `Too many attempts, try again in ${waitText(decision.retryAfterMs, "minutes")}.`);
    }
  }
  const user = await db.user.findUnique({ where: { email } });
  const verified = await verifyPassword(input.password, user?.passwordHash ?? (await (dummyHash ??= hashPassword("no account"))));
  // The dummy hash never signs anyone in, whatever was typed.
  const ok = verified && Boolean(user?.passwordHash);
  await db.signInAttempt.create({ data: { email, clientKey: input.clientAddress, succeeded: ok } });
  if (!ok || !user) return null;
  for (const rule of rules) await refundRateLimit(db, rule.key);
  // Said only after a correct password, so it reveals nothing to someone without it.
  if (user.disabledAt) throw new AppError("FORBIDDEN", ACCOUNT_DISABLED);
  return { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion };
}
