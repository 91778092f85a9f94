import type pg from "pg";
import type { Prisma, PrismaClient } from "@/server/db/generated/client";
import { centsToAmount } from "@/server/domain/money/cents";
import { pickLabel } from "@/server/domain/bots/pick-label";
import { csvCell } from "@/server/domain/imports/csv";
import { MARKETS, SELECTIONS } from "@/server/domain/vocabulary";
import { AppError } from "@/server/errors";
import { insertBets, resolveBets } from "@/server/services/bets/bets";
import { requireOwnBankroll } from "@/server/services/bets/bankrolls";
import { settleOpenBets } from "@/server/services/bets/settle";
import { requireOwnBot } from "./bots";

/**
 * Bet slips: each bot pick as a person places it by hand (nothing is ever sent to a bookmaker). A day's
 * slips are listed and exported (CSV, clipboard text, printable page); a placed slip is confirmed with the
 * price and stake actually obtained and becomes a tracked bet (origin BOT) in one of the user's own bankrolls.
 */

const slipSelect = {
  id: true,
  botId: true,
  status: true,
  bookmakerKey: true,
  market: true,
  selection: true,
  line: true,
  priceSeen: true,
  minPrice: true,
  suggestedStakeCents: true,
  confirmedPrice: true,
  confirmedStakeCents: true,
  placedAt: true,
  trackedBetId: true,
  createdAt: true,
  bot: { select: { name: true, slug: true, bankroll: { select: { currency: true } } } },
  pick: {
    select: {
      lockedAt: true,
      game: { select: { id: true, startsAt: true, league: { select: { key: true, name: true } }, homeTeam: { select: { name: true } }, awayTeam: { select: { name: true } } } },
    },
  },
} satisfies Prisma.SlipSelect;

function toSlipView(s: Prisma.SlipGetPayload<{ select: typeof slipSelect }>) {
  const g = s.pick.game;
  return {
    id: s.id,
    botId: s.botId,
    botName: s.bot.name,
    currency: s.bot.bankroll.currency,
    status: s.status,
    gameId: g.id,
    kickoff: g.startsAt,
    league: g.league.name,
    home: g.homeTeam.name,
    away: g.awayTeam.name,
    market: s.market,
    selection: s.selection,
    line: s.line === null ? null : Number(s.line),
    bookmakerKey: s.bookmakerKey,
    priceSeen: Number(s.priceSeen),
    minPrice: s.minPrice === null ? null : Number(s.minPrice),
    suggestedStakeCents: Number(s.suggestedStakeCents),
    confirmedPrice: s.confirmedPrice === null ? null : Number(s.confirmedPrice),
    confirmedStakeCents: s.confirmedStakeCents === null ? null : Number(s.confirmedStakeCents),
    placedAt: s.placedAt,
    trackedBetId: s.trackedBetId,
    lockedAt: s.pick.lockedAt,
  };
}
export type SlipView = ReturnType<typeof toSlipView>;

export interface SlipFilter {
  botId?: number | undefined;
  /** Slips proposed in [from, to): the client sends its own day's bounds (times are shown in the user's zone). */
  from: Date;
  to: Date;
}

export async function listSlips(db: PrismaClient, userId: string, f: SlipFilter): Promise<SlipView[]> {
  if (f.botId !== undefined) await requireOwnBot(db, userId, f.botId);
  const rows = await db.slip.findMany({
    where: { userId, ...(f.botId !== undefined ? { botId: f.botId } : {}), createdAt: { gte: f.from, lt: f.to } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 1000,
    select: slipSelect,
  });
  return rows.map(toSlipView);
}


export const SLIP_CSV_HEADER = ["slip", "bot", "kickoff_utc", "league", "home", "away", "market", "selection", "line", "bookmaker", "price_seen", "min_price", "stake", "currency", "status"];

export function slipsCsv(slips: SlipView[]): string {
  const lines = [SLIP_CSV_HEADER.join(",")];
  for (const s of slips) {
    lines.push(
      [
        csvCell(String(s.id), true),
        csvCell(s.botName),
        csvCell(s.kickoff.toISOString(), true),
        csvCell(s.league),
        csvCell(s.home),
        csvCell(s.away),
        csvCell(MARKETS[s.market].key),
        csvCell(SELECTIONS[s.selection].key),
        csvCell(s.line === null ? "" : String(s.line), true),
        csvCell(s.bookmakerKey),
        csvCell(s.priceSeen.toFixed(2), true),
        csvCell(s.minPrice === null ? "" : s.minPrice.toFixed(2), true),
        csvCell(centsToAmount(s.suggestedStakeCents), true),
        csvCell(s.currency),
        csvCell(s.status.toLowerCase()),
      ].join(","),
    );
  }
  return lines.join("\n") + "\n";
}

/** Plain text for the clipboard: one line per slip, what a person needs at the book's counter or app. */
export function slipsText(slips: SlipView[]): string {
  return slips
    .map((s) => `#${s.id} ${s.home} v ${s.away} (${s.kickoff.toISOString().slice(0, 16).replace("T", " ")} UTC): ${pickLabel(s.market, s.selection, s.line)} at ${s.bookmakerKey}, seen ${s.priceSeen.toFixed(2)}${s.minPrice === null ? "" : `, take ${s.minPrice.toFixed(2)} or better`}, stake ${centsToAmount(s.suggestedStakeCents)} ${s.currency}`)
    .join("\n");
}

export interface ConfirmSlipInput {
  slipId: number;
  /** What the book actually gave. */
  price: number;
  stakeCents: number;
  bankrollId: number;
  placedAt: Date;
}

/**
 * Records a placed slip as a tracked bet in the user's own (MANUAL) bankroll, linked to the slip. Idempotent:
 * the slip row is locked, so a second confirmation (double click, retry) finds it PLACED and returns the same
 * bet; the bet's reference `slip:<id>` is unique per user as a second guard.
 */
export async function confirmSlip(db: PrismaClient, pool: pg.Pool, userId: string, input: ConfirmSlipInput) {
  const slip = await db.slip.findFirst({ where: { id: input.slipId, userId }, select: { id: true, pick: { select: { gameId: true } } } });
  if (!slip) throw new AppError("NOT_FOUND", `You have no slip with id ${input.slipId}.`);
  const bankroll = await requireOwnBankroll(db, userId, input.bankrollId);
  if (bankroll.kind !== "MANUAL") throw new AppError("BAD_REQUEST", "Confirm a slip into one of your own bankrolls, not a bot's paper bankroll.", { field: "bankrollId" });
  const result = await db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ status: string; trackedBetId: number | null; bookmakerKey: string; market: string; selection: string; line: string | null }[]>`
      SELECT status::text, "trackedBetId", "bookmakerKey", market::text, selection::text, line::text FROM "Slip" WHERE id = ${slip.id} FOR UPDATE`;
    if (row!.status === "PLACED") return { slipId: slip.id, betId: row!.trackedBetId!, duplicate: true };
    if (row!.status === "DISMISSED") throw new AppError("CONFLICT", "This slip was dismissed; it cannot be confirmed.");
    const target = {
      gameId: slip.pick.gameId,
      market: row!.market as ConfirmShape["market"],
      selection: row!.selection as ConfirmShape["selection"],
      line: row!.line === null ? null : Number(row!.line),
      bookmakerKey: row!.bookmakerKey,
      placedAt: input.placedAt,
    };
    const resolved = (await resolveBets(tx, [target]))[0]!;
    if ("problem" in resolved) throw new AppError("BAD_REQUEST", resolved.problem, { field: resolved.field === "placedAt" ? "placedAt" : "slipId" });
    const [betId] = await insertBets(
      tx,
      userId,
      input.bankrollId,
      [{ input: { ...target, price: input.price, stakeCents: input.stakeCents, note: `Slip ${slip.id}`, externalRef: `slip:${slip.id}` }, bookmakerId: resolved.bookmakerId, lateEntry: resolved.lateEntry }],
      "BOT",
    );
    await tx.slip.update({
      where: { id: slip.id },
      data: { status: "PLACED", confirmedPrice: input.price, confirmedStakeCents: input.stakeCents, placedAt: input.placedAt, trackedBetId: betId! },
    });
    return { slipId: slip.id, betId: betId!, duplicate: false };
  });
  // A slip confirmed after its game ended is graded at once, as any late entry.
  if (!result.duplicate) await settleOpenBets(pool, { gameIds: [slip.pick.gameId] });
  return result;
}
type ConfirmShape = Parameters<typeof insertBets>[3][number]["input"];

export async function dismissSlip(db: PrismaClient, userId: string, slipId: number) {
  const updated = await db.slip.updateMany({ where: { id: slipId, userId, status: "PROPOSED" }, data: { status: "DISMISSED" } });
  if (updated.count === 1) return { slipId, status: "DISMISSED" as const };
  const slip = await db.slip.findFirst({ where: { id: slipId, userId }, select: { status: true } });
  if (!slip) throw new AppError("NOT_FOUND", `You have no slip with id ${slipId}.`);
  if (slip.status === "DISMISSED") return { slipId, status: "DISMISSED" as const };
  throw new AppError("CONFLICT", "This slip was placed; void its tracked bet instead.");
}
