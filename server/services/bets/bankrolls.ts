import type { Prisma, PrismaClient } from "@/server/db/generated/client";
import { summarizeLedger } from "@/server/domain/bankroll/ledger";
import { centsToAmount } from "@/server/domain/money/cents";
import { AppError } from "@/server/errors";

type Tx = Prisma.TransactionClient;

/** A unique index refused the write: P2002 from the query builder, or PostgreSQL's 23505 through a raw query. */
export function isUniqueViolation(e: unknown): boolean {
  const error = e as { code?: string; meta?: { driverAdapterError?: { cause?: { kind?: string } } } };
  return error.code === "P2002" || error.meta?.driverAdapterError?.cause?.kind === "UniqueConstraintViolation";
}

/** The caller's bankroll, or NOT_FOUND (never "forbidden": another user's ids are not confirmed to exist). */
export async function requireOwnBankroll(db: PrismaClient | Tx, userId: string, bankrollId: number) {
  const bankroll = await db.bankroll.findFirst({ where: { id: bankrollId, userId } });
  if (!bankroll) throw new AppError("NOT_FOUND", `You have no bankroll with id ${bankrollId}.`);
  return bankroll;
}

/**
 * Locks the bankroll row for the rest of the transaction: every move that can lower the balance (stakes,
 * withdrawals, voids) queues here. NO KEY UPDATE, so the grader's inserts (which only take a key-share lock
 * through the foreign key) never wait on it, and no lock cycle with a bet row can form.
 */
export async function lockBankroll(tx: Tx, bankrollId: number): Promise<void> {
  await tx.$queryRaw`SELECT id FROM "Bankroll" WHERE id = ${bankrollId} FOR NO KEY UPDATE`;
}

/** The balance as committed now; call it after `lockBankroll` so it cannot fall before the caller writes. */
export async function balanceOf(tx: Tx, bankrollId: number): Promise<number> {
  const sum = await tx.ledgerEntry.aggregate({ where: { bankrollId }, _sum: { amountCents: true } });
  return Number(sum._sum.amountCents ?? 0n);
}

export async function lockedBalance(tx: Tx, bankrollId: number): Promise<number> {
  await lockBankroll(tx, bankrollId);
  return balanceOf(tx, bankrollId);
}

export async function createBankroll(db: PrismaClient, userId: string, input: { name: string; currency: string; initialDepositCents: number }) {
  try {
    return await db.$transaction(async (tx) => {
      const bankroll = await tx.bankroll.create({ data: { userId, name: input.name, currency: input.currency } });
      if (input.initialDepositCents > 0) {
        await tx.ledgerEntry.create({
          data: { bankrollId: bankroll.id, kind: "DEPOSIT", amountCents: input.initialDepositCents, idempotencyKey: "deposit:initial", occurredAt: new Date(), note: "Initial deposit" },
        });
      }
      return bankroll;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("CONFLICT", `You already have a bankroll named "${input.name}".`);
    throw e;
  }
}

/**
 * A deposit or withdrawal. `requestId` comes from the client (one per form submission), so a double click
 * or a retried request moves the money once. The key is looked up after taking the bankroll's lock: a
 * duplicate running at the same time waits for the first to commit and then answers the same entry.
 */
export async function moveMoney(
  db: PrismaClient,
  userId: string,
  input: { bankrollId: number; kind: "DEPOSIT" | "WITHDRAWAL"; amountCents: number; requestId: string; note?: string | undefined },
) {
  await requireOwnBankroll(db, userId, input.bankrollId);
  const idempotencyKey = `${input.kind.toLowerCase()}:${input.requestId}`;
  const amountCents = input.kind === "DEPOSIT" ? input.amountCents : -input.amountCents;
  return db.$transaction(async (tx) => {
    await lockBankroll(tx, input.bankrollId);
    const existing = await tx.ledgerEntry.findUnique({ where: { bankrollId_idempotencyKey: { bankrollId: input.bankrollId, idempotencyKey } } });
    if (existing) {
      if (Number(existing.amountCents) !== amountCents) {
        throw new AppError("CONFLICT", "This request was already used for a different amount. Reload the page and enter the amount again.");
      }
      return { entryId: existing.id, duplicate: true };
    }
    const balance = await balanceOf(tx, input.bankrollId);
    if (input.kind === "WITHDRAWAL" && input.amountCents > balance) {
      throw new AppError("BAD_REQUEST", `You can withdraw at most ${centsToAmount(balance)}: that is the balance not riding on open bets.`, { field: "amountCents" });
    }
    const entry = await tx.ledgerEntry.create({
      data: { bankrollId: input.bankrollId, kind: input.kind, amountCents, idempotencyKey, occurredAt: new Date(), note: input.note ?? null },
    });
    return { entryId: entry.id, duplicate: false };
  });
}

async function summaryOf(db: PrismaClient, bankrollId: number) {
  const [entries, facts] = await Promise.all([
    // Ledger ids follow the order money moved: every entry that lowers a balance is written under the bankroll's lock.
    db.ledgerEntry.findMany({ where: { bankrollId }, select: { kind: true, amountCents: true, betId: true, occurredAt: true }, orderBy: { id: "asc" } }),
    db.bet.findMany({ where: { bankrollId, status: { not: "VOID" } }, select: { id: true, outcome: true, lateEntry: true, clv: true } }),
  ]);
  const factsById = new Map(facts.map((b) => [b.id, b]));
  return summarizeLedger(
    entries.map((e) => ({ ...e, amountCents: Number(e.amountCents) })),
    (id) => factsById.get(id),
  );
}

export async function listBankrolls(db: PrismaClient, userId: string) {
  // The user's own bankrolls first (PostgreSQL sorts an enum in declaration order: MANUAL before BOT), so pages
  // and forms that open on the first bankroll open on real money, not a bot's paper.
  const bankrolls = await db.bankroll.findMany({ where: { userId, archivedAt: null }, orderBy: [{ kind: "asc" }, { createdAt: "asc" }] });
  return Promise.all(
    bankrolls.map(async (b) => {
      const { curve: _curve, ...summary } = await summaryOf(db, b.id);
      return { id: b.id, name: b.name, currency: b.currency, kind: b.kind, summary };
    }),
  );
}

export async function getBankroll(db: PrismaClient, userId: string, bankrollId: number) {
  const bankroll = await requireOwnBankroll(db, userId, bankrollId);
  const summary = await summaryOf(db, bankrollId);
  const entries = await db.ledgerEntry.findMany({
    where: { bankrollId },
    orderBy: { id: "desc" },
    take: 50,
    select: { id: true, kind: true, amountCents: true, betId: true, occurredAt: true, note: true },
  });
  return { id: bankroll.id, name: bankroll.name, currency: bankroll.currency, kind: bankroll.kind, summary, recentEntries: entries.map((e) => ({ ...e, amountCents: Number(e.amountCents) })) };
}
