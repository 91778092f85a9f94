import type { PrismaClient } from "@/server/db/generated/client";
import { verifyPassword } from "@/server/auth/password";
import { isThrottled, SIGN_IN_WINDOW_MS } from "@/server/auth/throttle";
import { AppError } from "@/server/errors";

export interface SignedInUser {
  id: string;
  email: string;
  name: string | null;
  role: "USER" | "ADMIN";
}

/**
 * Checks email and password, recording the attempt. Refuses (429) once the email or the client address
 * has too many recent failures, before the password is even checked, so guessing cannot continue.
 */
export async function signInWithPassword(
  db: PrismaClient,
  input: { email: string; password: string; clientKey: string },
  now = new Date(),
): Promise<SignedInUser | null> {
  const email = input.email.trim().toLowerCase();
  const since = new Date(now.getTime() - SIGN_IN_WINDOW_MS);
  const [emailFailures, clientFailures] = await Promise.all([
    db.signInAttempt.count({ where: { email, succeeded: false, attemptedAt: { gte: since } } }),
    db.signInAttempt.count({ where: { clientKey: input.clientKey, succeeded: false, attemptedAt: { gte: since } } }),
  ]);
  if (isThrottled(emailFailures, clientFailures)) {
    throw new AppError("TOO_MANY_REQUESTS", "Too many failed sign-in attempts. Wait 15 minutes and try again.");
  }
  const user = await db.user.findUnique({ where: { email } });
  const ok = user?.passwordHash ? await verifyPassword(input.password, user.passwordHash) : false;
  await db.signInAttempt.create({ data: { email, clientKey: input.clientKey, succeeded: ok, attemptedAt: now } });
  if (!ok || !user) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
