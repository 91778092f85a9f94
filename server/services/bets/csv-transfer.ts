import type pg from "pg";
import type { PrismaClient } from "@/server/db/generated/client";
import { formatBetCsv, type CsvProblem } from "@/server/domain/bets/csv";
import { AppError } from "@/server/errors";
import { isUniqueViolation, requireOwnBankroll } from "./bankrolls";
import { allBets, insertBets, resolveBets, type BetFilters, type BetInput, type NewBet } from "./bets";
import { settleOpenBets } from "./settle";

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

/** A CSV row that passed the bet schemas (see server/api/bet-csv.ts), with its line in the file. */
export interface BetCsvRow {
  line: number;
  input: Omit<BetInput, "bankrollId">;
}

/**
 * Imports a bet CSV into one bankroll, all or nothing: every row is checked first, and any problem refuses
 * the whole file with its line numbers. Rows whose `ref` the user already has are skipped, so importing the
 * same file twice adds nothing. Set-based: the checks are two queries and the writes three multi-row
 * inserts whatever the size of the file. Bets on finished games are graded straight after.
 */
export async function importBetsCsv(db: PrismaClient, pool: pg.Pool, userId: string, bankrollId: number, file: { rows: BetCsvRow[]; problems: CsvProblem[] }) {
  await requireOwnBankroll(db, userId, bankrollId);
  const problems = [...file.problems];
  const refs = file.rows.flatMap((r) => (r.input.externalRef ? [r.input.externalRef] : []));
  // Export names a bet without a ref of its own "linesmith-<id>": that is the same bet coming back.
  const ownIds = refs.flatMap((r) => (/^linesmith-\d{1,9}$/.test(r) ? [Number(r.slice(10))] : []));
  const [byRef, byId] = await Promise.all([
    db.bet.findMany({ where: { userId, externalRef: { in: refs } }, select: { externalRef: true } }),
    db.bet.findMany({ where: { userId, id: { in: ownIds } }, select: { id: true } }),
  ]);
  const known = new Set([...byRef.map((b) => b.externalRef), ...byId.map((b) => `linesmith-${b.id}`)]);
  const fresh = file.rows.filter((r) => !r.input.externalRef || !known.has(r.input.externalRef));
  const resolved = await resolveBets(db, fresh.map((r) => r.input));
  const bets: NewBet[] = [];
  resolved.forEach((r, i) => {
    if ("problem" in r) problems.push({ line: fresh[i]!.line, message: r.problem });
    else bets.push({ input: fresh[i]!.input, ...r });
  });
  if (problems.length > 0) throw new BetCsvRejected(problems.sort((a, b) => a.line - b.line));
  let ids: number[];
  try {
    ids = await db.$transaction((tx) => insertBets(tx, userId, bankrollId, bets, "CSV"), { timeout: 60_000 });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("CONFLICT", "Some of these bets were imported at the same moment by another request. Import the file again: bets you already have are skipped.");
    if (e instanceof AppError) throw new AppError(e.code, `Nothing was imported: ${e.message}`, { field: "csv" });
    throw e;
  }
  const settled = ids.length ? await settleOpenBets(pool, { gameIds: [...new Set(bets.map((b) => b.input.gameId))] }) : { settled: 0 };
  return { imported: ids.length, skippedAsDuplicates: file.rows.length - fresh.length, settled: settled.settled };
}
