import type pg from "pg";
import type { Prisma, PrismaClient } from "@/server/db/generated/client";
import { betShapeProblem } from "@/server/domain/bets/markets";
import type { Market, Selection } from "@/server/domain/vocabulary";
import { isLateEntry, placementProblem } from "@/server/domain/bets/placement";
import { centsToAmount } from "@/server/domain/money/cents";
import { AppError } from "@/server/errors";
import { balanceOf, isUniqueViolation, lockBankroll, lockedBalance, requireOwnBankroll } from "./bankrolls";
import { settleOpenBets } from "./settle";

type Tx = Prisma.TransactionClient;

export interface BetInput {
  bankrollId: number;
  gameId: number;
  market: Market;
  selection: Selection;
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
  lateEntry: true,
  status: true,
  outcome: true,
  profitCents: true,
  settledAt: true,
  settlementError: true,
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

function toBetView(b: Prisma.BetGetPayload<{ select: typeof betSelect }>) {
  return {
    ...b,
    line: b.line === null ? null : Number(b.line),
    price: Number(b.price),
    stakeCents: Number(b.stakeCents),
    profitCents: b.profitCents === null ? null : Number(b.profitCents),
    closingPrice: b.closingPrice === null ? null : Number(b.closingPrice),
    closingLine: b.closingLine === null ? null : Number(b.closingLine),
    clvPoints: b.clvPoints === null ? null : Number(b.clvPoints),
  };
}

type BetTarget = Pick<BetInput, "gameId" | "market" | "selection" | "line" | "bookmakerKey" | "placedAt">;
export type ResolvedBet = { bookmakerId: number | null; lateEntry: boolean } | { problem: string; field: string };

const sentence = (text: string) => text[0]!.toUpperCase() + text.slice(1) + (text.endsWith(".") ? "" : ".");

/**
 * Checks what the schemas cannot, for many bets in two queries: the game exists and had not started when the
 * bet was placed, the bet can be graded, the bookmaker is a real book. Says for each whether it is a late entry.
 */
export async function resolveBets(db: PrismaClient | Tx, targets: BetTarget[], now = new Date()): Promise<ResolvedBet[]> {
  const gameIds = [...new Set(targets.map((t) => t.gameId))];
  const bookKeys = [...new Set(targets.flatMap((t) => (t.bookmakerKey ? [t.bookmakerKey] : [])))];
  const [games, books] = await Promise.all([
    db.game.findMany({ where: { id: { in: gameIds } }, select: { id: true, startsAt: true, league: { select: { sport: { select: { key: true } } } } } }),
    bookKeys.length ? db.bookmaker.findMany({ where: { key: { in: bookKeys } }, select: { id: true, key: true, isAggregate: true } }) : [],
  ]);
  const gameById = new Map(games.map((g) => [g.id, g]));
  const bookByKey = new Map(books.map((b) => [b.key, b]));
  return targets.map((t): ResolvedBet => {
    const shape = betShapeProblem(t);
    if (shape) return { problem: sentence(shape), field: t.line === null ? "line" : "selection" };
    const game = gameById.get(t.gameId);
    if (!game) return { problem: `No game with id ${t.gameId}.`, field: "gameId" };
    if (t.market === "ONE_X_TWO" && game.league.sport.key !== "soccer") return { problem: "1X2 is a soccer market; use moneyline.", field: "market" };
    const timing = placementProblem(t.placedAt, game.startsAt, now);
    if (timing) return { problem: sentence(timing), field: "placedAt" };
    let bookmakerId: number | null = null;
    if (t.bookmakerKey) {
      const book = bookByKey.get(t.bookmakerKey);
      if (!book) return { problem: `Unknown bookmaker "${t.bookmakerKey}".`, field: "bookmakerKey" };
      if (book.isAggregate) return { problem: `"${t.bookmakerKey}" is a market aggregate, not a bookmaker you can bet with.`, field: "bookmakerKey" };
      bookmakerId = book.id;
    }
    return { bookmakerId, lateEntry: isLateEntry(game.startsAt, now) };
  });
}

async function resolveOne(db: PrismaClient | Tx, target: BetTarget) {
  const [resolved] = await resolveBets(db, [target]);
  if ("problem" in resolved!) throw new AppError(resolved.field === "gameId" ? "NOT_FOUND" : "BAD_REQUEST", resolved.problem, { field: resolved.field });
  return resolved!;
}

export interface NewBet {
  input: Omit<BetInput, "bankrollId">;
  bookmakerId: number | null;
  lateEntry: boolean;
}

/**
 * Inserts bets and their stakes into one bankroll inside the caller's transaction, set-based (a 5,000-row
 * file is a handful of statements). The bankroll is locked first and must cover every stake; stakes enter
 * the ledger when they are recorded, which is when the money left the balance.
 */
export async function insertBets(tx: Tx, userId: string, bankrollId: number, bets: NewBet[], origin: "MANUAL" | "CSV" | "BOT"): Promise<number[]> {
  if (bets.length === 0) return [];
  const balance = await lockedBalance(tx, bankrollId);
  const total = bets.reduce((sum, b) => sum + b.input.stakeCents, 0);
  if (total > balance) {
    const what = bets.length === 1 ? `The stake ${centsToAmount(total)} is` : `These ${bets.length} bets stake ${centsToAmount(total)} in total, which is`;
    throw new AppError("BAD_REQUEST", `${what} more than the bankroll's available balance ${centsToAmount(balance)}. Deposit first.`, { field: "stakeCents" });
  }
  // Ids first, so bets, ledger entries and events are three multi-row inserts from arrays (one statement
  // each whatever the number of bets; the query builder's createMany took 50 s for 5,000 bets here).
  const ids = (await tx.$queryRaw<{ id: number }[]>`SELECT nextval(pg_get_serial_sequence('"Bet"', 'id'))::int AS id FROM generate_series(1, ${bets.length}::int)`).map((r) => r.id);
  const col = <T>(f: (b: NewBet) => T) => bets.map(f);
  await tx.$executeRaw`
    INSERT INTO "Bet" (id, "userId", "bankrollId", "gameId", market, selection, line, "bookmakerId", price, "stakeCents", "placedAt", "lateEntry", note, "externalRef", origin)
    SELECT u.id, ${userId}, ${bankrollId}, u.game, u.market::"Market", u.selection::"Selection", u.line, u.book, u.price, u.stake, u.placed, u.late, u.note, u.ref, ${origin}::"BetOrigin"
      FROM unnest(${ids}::int[], ${col((b) => b.input.gameId)}::int[], ${col((b) => b.input.market)}::text[], ${col((b) => b.input.selection)}::text[],
                  ${col((b) => b.input.line)}::numeric[], ${col((b) => b.bookmakerId)}::int[], ${col((b) => b.input.price)}::numeric[], ${col((b) => b.input.stakeCents)}::int8[],
                  ${col((b) => b.input.placedAt)}::timestamptz[], ${col((b) => b.lateEntry)}::boolean[], ${col((b) => b.input.note)}::text[], ${col((b) => b.input.externalRef ?? null)}::text[])
           AS u(id, game, market, selection, line, book, price, stake, placed, late, note, ref)`;
  await tx.$executeRaw`
    INSERT INTO "LedgerEntry" ("bankrollId", "betId", kind, "amountCents", "idempotencyKey", "occurredAt")
    SELECT ${bankrollId}, u.id, 'STAKE', -u.stake, 'bet:' || u.id || ':stake', now() FROM unnest(${ids}::int[], ${col((b) => b.input.stakeCents)}::int8[]) AS u(id, stake)`;
  const changes = col(({ input, lateEntry }) => JSON.stringify({ origin, stakeCents: input.stakeCents, price: input.price, ...(lateEntry ? { lateEntry } : {}) }));
  await tx.$executeRaw`
    INSERT INTO "BetEvent" ("betId", "userId", action, changes) SELECT u.id, ${userId}, 'CREATE', u.changes FROM unnest(${ids}::int[], ${changes}::jsonb[]) AS u(id, changes)`;
  return ids;
}

export async function createBet(db: PrismaClient, userId: string, input: BetInput) {
  await requireOwnBankroll(db, userId, input.bankrollId);
  const { bookmakerId, lateEntry } = await resolveOne(db, input);
  try {
    const [id] = await db.$transaction((tx) => insertBets(tx, userId, input.bankrollId, [{ input, bookmakerId, lateEntry }], "MANUAL"));
    return id!;
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("CONFLICT", `You already have a bet with the reference "${input.externalRef}".`, { field: "externalRef" });
    throw e;
  }
}

/** Records a bet and, when its game has already ended (a late entry), grades it at once. */
export async function placeBet(db: PrismaClient, pool: pg.Pool, userId: string, input: BetInput) {
  const id = await createBet(db, userId, input);
  await settleOpenBets(pool, { gameIds: [input.gameId] });
  const bet = await db.bet.findUniqueOrThrow({ where: { id }, select: { status: true, lateEntry: true } });
  return { id, ...bet };
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
 * A bet changed after its game started becomes a late entry; an edit also lets the grader retry a bet it
 * could not settle.
 */
export async function editBet(db: PrismaClient, userId: string, betId: number, version: number, changes: BetEdit) {
  const bet = await requireOwnBet(db, userId, betId);
  if (bet.status !== "OPEN") throw new AppError("CONFLICT", `This bet is ${bet.status.toLowerCase()}; only open bets can be edited. Void it and enter it again.`);
  const current = { market: bet.market, selection: bet.selection, line: bet.line === null ? null : Number(bet.line), placedAt: bet.placedAt, gameId: bet.gameId };
  const next = { ...current, ...changes, line: changes.line !== undefined ? changes.line : current.line };
  // Re-checks the edited bet as a whole; the bookmaker only changes when the edit names one.
  const checked = await resolveOne(db, { ...next, bookmakerKey: changes.bookmakerKey ?? null });
  const bookmakerId = changes.bookmakerKey !== undefined ? checked.bookmakerId : bet.bookmakerId;
  return db.$transaction(async (tx) => {
    // Bankroll before bet, the order every writer takes them in.
    await lockBankroll(tx, bet.bankrollId);
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
        ...(checked.lateEntry ? { lateEntry: true } : {}),
        settlementError: null,
        settlementFailedAt: null,
        version: { increment: 1 },
      },
    });
    if (updated.count === 0) throw new AppError("CONFLICT", "This bet changed since you opened it (or was settled). Reload and try again.");
    const delta = (changes.stakeCents ?? Number(bet.stakeCents)) - Number(bet.stakeCents);
    if (delta !== 0) {
      const balance = await balanceOf(tx, bet.bankrollId);
      if (delta > balance) throw new AppError("BAD_REQUEST", `Raising the stake by ${centsToAmount(delta)} needs more than the available balance ${centsToAmount(balance)}.`, { field: "stakeCents" });
      await tx.ledgerEntry.create({
        data: { bankrollId: bet.bankrollId, betId, kind: "STAKE_ADJUSTMENT", amountCents: -delta, idempotencyKey: `bet:${betId}:edit:v${version + 1}`, occurredAt: new Date() },
      });
    }
    const diff = Object.fromEntries(
      Object.entries(changes)
        .filter(([k, v]) => v !== undefined && String(v) !== String((bet as Record<string, unknown>)[k]))
        .map(([k, v]) => [k, { from: String((bet as Record<string, unknown>)[k] ?? "") || null, to: v }]),
    );
    await tx.betEvent.create({ data: { betId, userId, action: "EDIT", changes: JSON.parse(JSON.stringify(diff)) } });
    return { id: betId, version: version + 1 };
  });
}

/**
 * Voids a bet: the stake comes back and a settled bet's settlement is taken back. Under the bankroll's lock,
 * and refused when taking back winnings would leave the balance below zero (they may have been withdrawn).
 * The refund is written before the reversal, so no point of the history is below zero either.
 */
export async function voidBet(db: PrismaClient, userId: string, betId: number, reason: string) {
  const { bankrollId } = await requireOwnBet(db, userId, betId);
  return db.$transaction(async (tx) => {
    await lockBankroll(tx, bankrollId);
    const [bet] = await tx.$queryRaw<{ status: "OPEN" | "SETTLED" | "VOID"; outcome: string | null; stakeCents: bigint; profitCents: bigint | null }[]>`
      SELECT status, outcome, "stakeCents", "profitCents" FROM "Bet" WHERE id = ${betId} FOR UPDATE`;
    if (!bet || bet.status === "VOID") throw new AppError("CONFLICT", "This bet is already void.");
    const stake = Number(bet.stakeCents);
    const settlement = bet.status === "SETTLED" ? stake + Number(bet.profitCents) : 0;
    const balance = await balanceOf(tx, bankrollId);
    if (balance + stake - settlement < 0) {
      const missing = settlement - stake - balance;
      throw new AppError(
        "CONFLICT",
        `Voiding this bet takes back its winnings of ${centsToAmount(settlement - stake)}, but the bankroll holds only ${centsToAmount(balance)}. Deposit at least ${centsToAmount(missing)} first, then void it.`,
      );
    }
    await tx.bet.update({ where: { id: betId }, data: { status: "VOID", outcome: null, profitCents: null, version: { increment: 1 } } });
    const now = new Date();
    await tx.ledgerEntry.create({
      data: { bankrollId, betId, kind: "VOID_REFUND", amountCents: stake, idempotencyKey: `bet:${betId}:void`, occurredAt: now, note: reason },
    });
    if (bet.status === "SETTLED") {
      await tx.ledgerEntry.create({
        data: { bankrollId, betId, kind: "SETTLEMENT_REVERSAL", amountCents: -settlement, idempotencyKey: `bet:${betId}:unsettle`, occurredAt: now },
      });
    }
    await tx.betEvent.create({ data: { betId, userId, action: "VOID", changes: { reason, previousStatus: bet.status, previousOutcome: bet.outcome } } });
    return { id: betId };
  });
}

export interface BetFilters {
  bankrollId?: number | undefined;
  status?: "OPEN" | "SETTLED" | "VOID" | undefined;
  market?: Market | undefined;
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
