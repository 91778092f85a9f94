import type { PrismaClient } from "@/server/db/generated/client";
import { formatBetCsv, parseBetCsv, type CsvProblem } from "@/server/domain/bets/csv";
import { FileFormatError } from "@/server/domain/imports/types";
import { AppError } from "@/server/errors";
import { requireOwnBankroll } from "./bankrolls";
import { allBets, checkBetInput, insertBet, type BetFilters } from "./bets";

export async function exportBetsCsv(db: PrismaClient, userId: string, filters: Omit<BetFilters, "cursor" | "limit">) {
  const bets = await allBets(db, userId, filters);
  return formatBetCsv(
    bets.map((b) => ({
      id: b.id,
      externalRef: b.externalRef,
      placedAt: b.placedAt,
      gameId: b.gameId,
      league: b.game.league.key,
      startsAt: b.game.startsAt,
      home: b.game.homeTeam.name,
      away: b.game.awayTeam.name,
      market: b.market,
      selection: b.selection,
      line: b.line,
      bookmaker: b.bookmaker?.key ?? null,
      price: b.price,
      stakeCents: b.stakeCents,
      status: b.status,
      outcome: b.outcome,
      profitCents: b.profitCents,
      clv: b.clv,
      clvPoints: b.clvPoints,
      note: b.note,
    })),
  );
}

export class BetCsvRejected extends AppError {
  constructor(readonly problems: CsvProblem[]) {
    const shown = problems.slice(0, 20).map((p) => `line ${p.line}: ${p.message}`);
    const more = problems.length > 20 ? ` (and ${problems.length - 20} more)` : "";
    super("UNPROCESSABLE_CONTENT", `Nothing was imported. Fix these rows and try again: ${shown.join("; ")}${more}.`);
  }
}

/**
 * Imports a bet CSV into one bankroll, all or nothing: every row is checked first, and any problem refuses
 * the whole file with its line numbers. Rows whose `ref` the user already has are skipped, so importing the
 * same file twice adds nothing. Bets on finished games are graded by the caller straight after.
 */
export async function importBetsCsv(db: PrismaClient, userId: string, bankrollId: number, text: string) {
  await requireOwnBankroll(db, userId, bankrollId);
  let parsed: ReturnType<typeof parseBetCsv>;
  try {
    parsed = parseBetCsv(text);
  } catch (e) {
    if (e instanceof FileFormatError) throw new AppError("BAD_REQUEST", `Nothing was imported: ${e.message}.`);
    throw e;
  }
  const problems = [...parsed.problems];
  const refs = parsed.drafts.flatMap((d) => (d.ref ? [d.ref] : []));
  // Export names a bet without a ref of its own "linesmith-<id>": that is the same bet coming back.
  const ownIds = refs.flatMap((r) => (/^linesmith-\d+$/.test(r) ? [Number(r.slice(10))] : []));
  const [byRef, byId] = await Promise.all([
    db.bet.findMany({ where: { userId, externalRef: { in: refs } }, select: { externalRef: true } }),
    db.bet.findMany({ where: { userId, id: { in: ownIds } }, select: { id: true } }),
  ]);
  const known = new Set([...byRef.map((b) => b.externalRef), ...byId.map((b) => `linesmith-${b.id}`)]);
  const fresh = parsed.drafts.filter((d) => !d.ref || !known.has(d.ref));
  const checked: { draft: (typeof fresh)[number]; bookmakerId: number | null }[] = [];
  for (const draft of fresh) {
    try {
      const bookmakerId = await checkBetInput(db, { gameId: draft.gameId, market: draft.market, selection: draft.selection, line: draft.betLine, bookmakerKey: draft.bookmaker, placedAt: draft.placedAt });
      checked.push({ draft, bookmakerId });
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      problems.push({ line: draft.line, message: e.message });
    }
  }
  if (problems.length > 0) throw new BetCsvRejected(problems.sort((a, b) => a.line - b.line));
  const ids = await db.$transaction(
    async (tx) => {
      const created: number[] = [];
      for (const { draft, bookmakerId } of checked) {
        try {
          const input = { bankrollId, gameId: draft.gameId, market: draft.market, selection: draft.selection, line: draft.betLine, bookmakerKey: draft.bookmaker, price: draft.price, stakeCents: draft.stakeCents, placedAt: draft.placedAt, note: draft.note, externalRef: draft.ref };
          created.push(await insertBet(tx, userId, input, bookmakerId, "CSV"));
        } catch (e) {
          if (e instanceof AppError) throw new BetCsvRejected([{ line: draft.line, message: e.message }]);
          throw e;
        }
      }
      return created;
    },
    { timeout: 60_000 },
  );
  return { imported: ids.length, skippedAsDuplicates: parsed.drafts.length - fresh.length, betIds: ids };
}
