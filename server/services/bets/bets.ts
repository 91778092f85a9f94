import type { Prisma, PrismaClient } from "@/server/db/generated/client";
import { betShapeProblem, type DbMarket, type DbSelection } from "@/server/domain/bets/markets";
import { AppError } from "@/server/errors";
import { lockedBalance, requireOwnBankroll } from "./bankrolls";

type Tx = Prisma.TransactionClient;

export interface BetInput {
  bankrollId: number;
  gameId: number;
  market: DbMarket;
  selection: DbSelection;
  line: number | null;
  bookmakerKey: string | null;
  price: number;
  stakeCents: number;
  placedAt: Date;
  note: string | null;
  externalRef?: string | null;
}

const betSelect = {
  id: true,
  bankrollId: true,
  gameId: true,
  market: true,
  selection: true,
  line: true,
  price: true,
  stakeCents: true,
  placedAt: true,
  status: true,
  outcome: true,
  profitCents: true,
  settledAt: true,
  closingPrice: true,
  closingFairProbability: true,
  clv: true,
  closingLine: true,
  clvPoints: true,
  clvBasis: true,
  origin: true,
  externalRef: true,
  note: true,
  version: true,
  bookmaker: { select: { key: true, name: true } },
  bankroll: { select: { name: true, currency: true } },
  game: {
    select: {
      startsAt: true,
      status: true,
      homeScore: true,
      awayScore: true,
      league: { select: { key: true, name: true, sport: { select: { key: true } } } },
      homeTeam: { select: { name: true } },
      awayTeam: { select: { name: true } },
    },
  },
} satisfies Prisma.BetSelect;

export type BetRow = ReturnType<typeof toBetView>;

function toBetView(b: Prisma.BetGetPayload<{ select: typeof betSelect }>) {
  return {
    ...b,
    line: b.line === null ? null : Number(b.line),
    price: Number(b.price),
    closingPrice: b.closingPrice === null ? null : Number(b.closingPrice),
    closingLine: b.closingLine === null ? null : Number(b.closingLine),
    clvPoints: b.clvPoints === null ? null : Number(b.clvPoints),
  };
}

/** Checks what the form cannot: the game exists, the bet can be graded, the bookmaker is known. */
export async function checkBetInput(db: PrismaClient | Tx, input: Pick<BetInput, "gameId" | "market" | "selection" | "line" | "bookmakerKey" | "placedAt">) {
  const problem = betShapeProblem(input);
  if (problem) throw new AppError("BAD_REQUEST", problem[0]!.toUpperCase() + problem.slice(1) + ".");
  if (input.placedAt.getTime() > Date.now() + 5 * 60_000) throw new AppError("BAD_REQUEST", "A bet cannot be placed in the future.");
  const game = await db.game.findUnique({ where: { id: input.gameId }, select: { id: true, league: { select: { sport: { select: { key: true } } } } } });
  if (!game) throw new AppError("NOT_FOUND", `No game with id ${input.gameId}.`);
  if (input.market === "ONE_X_TWO" && game.league.sport.key !== "soccer") throw new AppError("BAD_REQUEST", "1X2 is a soccer market; use moneyline.");
  if (!input.bookmakerKey) return null;
  const book = await db.bookmaker.findUnique({ where: { key: input.bookmakerKey }, select: { id: true, isAggregate: true } });
  if (!book) throw new AppError("BAD_REQUEST", `Unknown bookmaker "${input.bookmakerKey}".`);
  if (book.isAggregate) throw new AppError("BAD_REQUEST", `"${input.bookmakerKey}" is a market aggregate, not a bookmaker you can bet with.`);
  return book.id;
}

/** Inserts a bet and its stake inside the caller's transaction; the bankroll must cover the stake. */
export async function insertBet(tx: Tx, userId: string, input: BetInput, bookmakerId: number | null, origin: "MANUAL" | "CSV" | "BOT") {
  const balance = await lockedBalance(tx, input.bankrollId);
  if (input.stakeCents > balance) {
    throw new AppError("BAD_REQUEST", `The stake ${(input.stakeCents / 100).toFixed(2)} is more than the bankroll's available balance ${(balance / 100).toFixed(2)}. Deposit first.`);
  }
  const bet = await tx.bet.create({
    data: {
      userId,
      bankrollId: input.bankrollId,
      gameId: input.gameId,
      market: input.market,
      selection: input.selection,
      line: input.line,
      bookmakerId,
      price: input.price,
      stakeCents: input.stakeCents,
      placedAt: input.placedAt,
      note: input.note,
      externalRef: input.externalRef ?? null,
      origin,
    },
    select: { id: true },
  });
  await tx.ledgerEntry.create({
    data: { bankrollId: input.bankrollId, betId: bet.id, kind: "STAKE", amountCents: -input.stakeCents, idempotencyKey: `bet:${bet.id}:stake`, occurredAt: input.placedAt },
  });
  await tx.betEvent.create({ data: { betId: bet.id, userId, action: "CREATE", changes: { origin, stakeCents: input.stakeCents, price: input.price } } });
  return bet.id;
}

export async function createBet(db: PrismaClient, userId: string, input: BetInput) {
  await requireOwnBankroll(db, userId, input.bankrollId);
  const bookmakerId = await checkBetInput(db, input);
  try {
    return await db.$transaction((tx) => insertBet(tx, userId, input, bookmakerId, "MANUAL"));
  } catch (e) {
    if ((e as { code?: string }).code === "P2002") throw new AppError("CONFLICT", `You already have a bet with the reference "${input.externalRef}".`);
    throw e;
  }
}

async function requireOwnBet(db: PrismaClient | Tx, userId: string, betId: number) {
  const bet = await db.bet.findFirst({ where: { id: betId, userId } });
  if (!bet) throw new AppError("NOT_FOUND", `You have no bet with id ${betId}.`);
  return bet;
}

export type BetEdit = Partial<Pick<BetInput, "market" | "selection" | "line" | "bookmakerKey" | "price" | "stakeCents" | "placedAt" | "note">>;

/**
 * Edits an open bet. `version` is the one the user saw: if the bet changed since (another tab, the grader)
 * the edit is refused rather than silently overwriting. A settled bet is voided and re-entered instead.
 */
export async function editBet(db: PrismaClient, userId: string, betId: number, version: number, changes: BetEdit) {
  const bet = await requireOwnBet(db, userId, betId);
  if (bet.status !== "OPEN") throw new AppError("CONFLICT", `This bet is ${bet.status.toLowerCase()}; only open bets can be edited. Void it and enter it again.`);
  const current = { market: bet.market, selection: bet.selection, line: bet.line === null ? null : Number(bet.line), placedAt: bet.placedAt, gameId: bet.gameId };
  const next = { ...current, ...changes, line: changes.line !== undefined ? changes.line : current.line };
  // Re-checks the edited bet as a whole; the bookmaker only changes when the edit names one.
  const checkedBook = await checkBetInput(db, { ...next, bookmakerKey: changes.bookmakerKey ?? null });
  const bookmakerId = changes.bookmakerKey !== undefined ? checkedBook : bet.bookmakerId;
  return db.$transaction(async (tx) => {
    const updated = await tx.bet.updateMany({
      where: { id: betId, userId, version, status: "OPEN" },
      data: {
        market: next.market,
        selection: next.selection,
        line: next.line,
        bookmakerId,
        ...(changes.price !== undefined ? { price: changes.price } : {}),
        ...(changes.stakeCents !== undefined ? { stakeCents: changes.stakeCents } : {}),
        ...(changes.placedAt !== undefined ? { placedAt: changes.placedAt } : {}),
        ...(changes.note !== undefined ? { note: changes.note } : {}),
        version: { increment: 1 },
      },
    });
    if (updated.count === 0) throw new AppError("CONFLICT", "This bet changed since you opened it (or was settled). Reload and try again.");
    const delta = (changes.stakeCents ?? bet.stakeCents) - bet.stakeCents;
    if (delta !== 0) {
      const balance = await lockedBalance(tx, bet.bankrollId);
      if (delta > balance) throw new AppError("BAD_REQUEST", `Raising the stake by ${(delta / 100).toFixed(2)} needs more than the available balance ${(balance / 100).toFixed(2)}.`);
      await tx.ledgerEntry.create({
        data: { bankrollId: bet.bankrollId, betId, kind: "STAKE_ADJUSTMENT", amountCents: -delta, idempotencyKey: `bet:${betId}:edit:v${version + 1}`, occurredAt: new Date() },
      });
    }
    const diff = Object.fromEntries(
      Object.entries(changes)
        .filter(([k, v]) => v !== undefined && String(v) !== String((bet as Record<string, unknown>)[k]))
        .map(([k, v]) => [k, { from: (bet as Record<string, unknown>)[k] ?? null, to: v }]),
    );
    await tx.betEvent.create({ data: { betId, userId, action: "EDIT", changes: JSON.parse(JSON.stringify(diff)) } });
    return { id: betId, version: version + 1 };
  });
}

/** Voids a bet: the stake comes back; a settled bet's settlement is taken back first. */
export async function voidBet(db: PrismaClient, userId: string, betId: number, reason: string) {
  const bet = await requireOwnBet(db, userId, betId);
  if (bet.status === "VOID") throw new AppError("CONFLICT", "This bet is already void.");
  return db.$transaction(async (tx) => {
    const updated = await tx.bet.updateMany({ where: { id: betId, userId, version: bet.version }, data: { status: "VOID", outcome: null, profitCents: null, version: { increment: 1 } } });
    if (updated.count === 0) throw new AppError("CONFLICT", "This bet changed while you voided it. Reload and try again.");
    const now = new Date();
    if (bet.status === "SETTLED") {
      await tx.ledgerEntry.create({
        data: { bankrollId: bet.bankrollId, betId, kind: "SETTLEMENT_REVERSAL", amountCents: -(bet.stakeCents + bet.profitCents!), idempotencyKey: `bet:${betId}:unsettle`, occurredAt: now },
      });
    }
    await tx.ledgerEntry.create({
      data: { bankrollId: bet.bankrollId, betId, kind: "VOID_REFUND", amountCents: bet.stakeCents, idempotencyKey: `bet:${betId}:void`, occurredAt: now, note: reason },
    });
    await tx.betEvent.create({ data: { betId, userId, action: "VOID", changes: { reason, previousStatus: bet.status, previousOutcome: bet.outcome } } });
    return { id: betId };
  });
}

export interface BetFilters {
  bankrollId?: number | undefined;
  status?: "OPEN" | "SETTLED" | "VOID" | undefined;
  market?: DbMarket | undefined;
  league?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  cursor?: number | undefined;
  limit: number;
}

function betWhere(userId: string, f: Omit<BetFilters, "cursor" | "limit">): Prisma.BetWhereInput {
  return {
    userId,
    ...(f.bankrollId ? { bankrollId: f.bankrollId } : {}),
    ...(f.status ? { status: f.status } : {}),
    ...(f.market ? { market: f.market } : {}),
    ...(f.league ? { game: { league: { key: f.league } } } : {}),
    ...(f.from || f.to ? { placedAt: { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lte: f.to } : {}) } } : {}),
  };
}

export async function listBets(db: PrismaClient, userId: string, f: BetFilters) {
  const rows = await db.bet.findMany({
    where: betWhere(userId, f),
    select: betSelect,
    orderBy: [{ placedAt: "desc" }, { id: "desc" }],
    take: f.limit + 1,
    ...(f.cursor ? { cursor: { id: f.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, f.limit).map(toBetView);
  return { items: page, nextCursor: rows.length > f.limit ? page.at(-1)!.id : null };
}

/** Every bet matching the filters, oldest first (exports and breakdowns). */
export async function allBets(db: PrismaClient, userId: string, f: Omit<BetFilters, "cursor" | "limit">) {
  const rows = await db.bet.findMany({ where: betWhere(userId, f), select: betSelect, orderBy: [{ placedAt: "asc" }, { id: "asc" }] });
  return rows.map(toBetView);
}

export async function getBet(db: PrismaClient, userId: string, betId: number) {
  const bet = await db.bet.findFirst({ where: { id: betId, userId }, select: { ...betSelect, events: { orderBy: { at: "asc" }, select: { action: true, changes: true, at: true, userId: true } } } });
  if (!bet) throw new AppError("NOT_FOUND", `You have no bet with id ${betId}.`);
  const { events, ...rest } = bet;
  return { ...toBetView(rest), events: events.map((e) => ({ ...e, byGrader: e.userId === null, userId: undefined })) };
}
