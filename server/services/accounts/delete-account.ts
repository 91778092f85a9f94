import type { PrismaClient } from "@/server/db/generated/client";
import { verifyPassword } from "@/server/auth/password";
import { AppError } from "@/server/errors";
import type { Stripe } from "@/server/integrations/stripe/client";
import { recordAudit } from "@/server/services/audit/record";
import { cancelSubscriptionsNow } from "@/server/services/billing/accounts";
import { stripeConfig } from "@/server/services/billing/mode";
import { exportBetsCsv } from "@/server/services/bets/csv-transfer";
import { eraseRecordChainsOfUser } from "@/server/services/records/chain";

type Db = PrismaClient;

// BigInt money sums and Decimal columns become strings: JSON has no 64-bit integers, and a string loses nothing.
const replacer = (_key: string, value: unknown) => (typeof value === "bigint" ? value.toString() : value);

/**
 * Everything the user owns, as one JSON document (what they take away before deleting the account). Secrets
 * are left out: password hash, 2FA secret and recovery codes, sealed channel targets, links' token hashes.
 */
export async function exportAccountJson(db: Db, userId: string): Promise<string> {
  const profile = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, role: true, oddsFormat: true, timeZone: true, currency: true, createdAt: true, emailVerifiedAt: true },
  });
  if (!profile) throw new AppError("NOT_FOUND", "Your account could not be found.");
  const where = { where: { userId } };
  const [bankrolls, bets, strategies, backtests, bots, channels, notifications, importRuns, recordChains] = await Promise.all([
    db.bankroll.findMany(where),
    db.bet.findMany({ ...where, orderBy: { id: "asc" } }),
    db.strategy.findMany(where),
    db.backtest.findMany(where),
    db.bot.findMany(where),
    db.notificationChannel.findMany({ ...where, select: { id: true, kind: true, label: true, createdAt: true } }),
    db.notification.findMany(where),
    db.importRun.findMany(where),
    db.recordChain.findMany(where),
  ]);
  return JSON.stringify(
    { exportedAt: new Date(), profile, bankrolls, bets, strategies, backtests, bots, notificationChannels: channels, notifications, importRuns, recordChains },
    replacer,
    2,
  );
}

/** The user's bets as CSV, in the same format as the bets page's export (and its import). */
export function exportAccountCsv(db: Db, userId: string): Promise<string> {
  return exportBetsCsv(db, userId, {});
}

/**
 * Deletes the account and everything it owns. Confirmed with the account's email typed out and, for password
 * accounts, the password. A paid subscription is cancelled at Stripe first (at once, not at the period end), so a
 * deleted account is never charged again; when Stripe fails, nothing is deleted and the message says what to do.
 * Public record chains are append-only (a trigger refuses the cascade), so they are erased the sanctioned way in
 * the same transaction as the delete: all or nothing.
 */
export async function deleteAccount(
  db: Db,
  userId: string,
  confirm: { email: string; password?: string | undefined },
  billing: { stripe: Stripe | null } = { stripe: stripeConfig()?.stripe ?? null },
) {
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true, passwordHash: true, billingAccount: { select: { stripeCustomerId: true } } } });
  if (!user) throw new AppError("NOT_FOUND", "Your account could not be found.");
  if (confirm.email.trim().toLowerCase() !== user.email) {
    throw new AppError("BAD_REQUEST", "Type your account's email address to confirm.", { field: "email" });
  }
  if (user.passwordHash && !(confirm.password && (await verifyPassword(confirm.password, user.passwordHash)))) {
    throw new AppError("BAD_REQUEST", "That password is not right.", { field: "password" });
  }
  const customerId = user.billingAccount?.stripeCustomerId ?? null;
  const cancelled = customerId && billing.stripe ? await cancelSubscriptionsNow(billing.stripe, customerId) : [];
  await db.$transaction(async (tx) => {
    // One entry, kept after the account: who it was (an administrator may be asked whether an address was
    // deleted) and which subscriptions were cancelled with it.
    await recordAudit(tx, {
      actor: { id: userId, email: user.email },
      action: "account.delete",
      target: { type: "user", id: userId },
      details: { email: user.email, cancelledSubscriptions: cancelled },
    });
    await eraseRecordChainsOfUser(tx, userId);
    await tx.user.delete({ where: { id: userId } });
  });
}
