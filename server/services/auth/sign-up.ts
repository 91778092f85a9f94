import type { PrismaClient } from "@/server/db/generated/client";
import { AppError } from "@/server/errors";
import { hashPassword } from "@/server/auth/password";

export interface SignUpInput {
  email: string;
  password: string;
  name?: string | undefined;
}

// Serialises sign-ups so that exactly one "first user" becomes admin.
const SIGN_UP_LOCK = 72_707_371;

/** Creates an account. The first user of an empty installation, or the one named by ADMIN_EMAIL, is admin. */
export async function signUp(db: PrismaClient, input: SignUpInput, adminEmail?: string) {
  const email = input.email.trim().toLowerCase();
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SIGN_UP_LOCK})`;
    if (await tx.user.findUnique({ where: { email }, select: { id: true } })) {
      throw new AppError("CONFLICT", "An account with this email already exists. Sign in instead.");
    }
    const isFirst = (await tx.user.count()) === 0;
    const role = isFirst || (adminEmail && adminEmail.toLowerCase() === email) ? "ADMIN" : "USER";
    return tx.user.create({
      data: { email, passwordHash, name: input.name?.trim() || null, role },
      select: { id: true, email: true, name: true, role: true },
    });
  });
}
