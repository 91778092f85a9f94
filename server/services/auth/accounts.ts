import type { PrismaClient } from "@/server/db/generated/client";
import { ADVISORY_LOCKS } from "@/server/db/locks";
import { AppError } from "@/server/errors";

// Serialises account creation so that exactly one "first user" becomes admin, whichever way they sign up.

export interface NewAccount {
  email: string;
  name: string | null;
  /** null for accounts that sign in only through OAuth. */
  passwordHash: string | null;
}

const ACCOUNT = { id: true, email: true, name: true, role: true, sessionVersion: true } as const;

/**
 * The one place roles are decided: the first account of an empty installation, or the one whose email is
 * ADMIN_EMAIL, is admin; everyone else is a user. Runs under one advisory lock for password sign-ups and
 * OAuth alike. `existing: "refuse"` (sign-up) refuses a taken email; `"reuse"` (OAuth) returns that account.
 */
export async function createAccount(
  db: PrismaClient,
  account: NewAccount,
  options: { adminEmail?: string | undefined; existing: "refuse" | "reuse" },
) {
  const email = account.email.trim().toLowerCase();
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ADVISORY_LOCKS.roles})`;
    const found = await tx.user.findUnique({ where: { email }, select: ACCOUNT });
    if (found) {
      if (options.existing === "reuse") return found;
      throw new AppError("CONFLICT", "An account with this email already exists. Sign in instead.");
    }
    const isFirst = (await tx.user.count()) === 0;
    const role = isFirst || options.adminEmail?.toLowerCase() === email ? "ADMIN" : "USER";
    return tx.user.create({ data: { email, name: account.name, passwordHash: account.passwordHash, role }, select: ACCOUNT });
  });
}

/** Links an OAuth identity to the account with the same email, creating the account on first sign-in. */
export async function signInWithOAuth(
  db: PrismaClient,
  identity: { provider: string; providerAccountId: string; email: string; name: string | null },
  adminEmail: string | undefined,
) {
  const user = await createAccount(db, { email: identity.email, name: identity.name, passwordHash: null }, { adminEmail, existing: "reuse" });
  await db.oAuthAccount.upsert({
    where: { provider_providerAccountId: { provider: identity.provider, providerAccountId: identity.providerAccountId } },
    update: {},
    create: { provider: identity.provider, providerAccountId: identity.providerAccountId, userId: user.id },
  });
  return user;
}

/** What a disabled user sees when signing in. */
export const ACCOUNT_DISABLED = "This account has been disabled by an administrator. Contact support to have it enabled again.";

export async function isAccountDisabled(db: PrismaClient, userId: string): Promise<boolean> {
  const row = await db.user.findUnique({ where: { id: userId }, select: { disabledAt: true } });
  return Boolean(row?.disabledAt);
}

export function findAccountByEmail(db: PrismaClient, email: string) {
  return db.user.findUnique({ where: { email: email.trim().toLowerCase() }, select: ACCOUNT });
}

export function findAccount(db: PrismaClient, id: string) {
  return db.user.findUnique({ where: { id }, select: { id: true, email: true, name: true, role: true } });
}
