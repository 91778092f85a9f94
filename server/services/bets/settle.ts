import type pg from "pg";
import { closingValueOf, type ClosingValue } from "@/server/domain/bets/closing";
import { asOpeningOrClosing, type Quote } from "@/server/domain/quotes";
import type { Queryable } from "@/server/db/pool";
import { withTransaction } from "@/server/db/transaction";
import { loadQuotes, quotesByGame, type QuotedGame } from "@/server/services/quotes/load-quotes";
import { marketKey, selectionKey, type Market, type Selection } from "@/server/domain/vocabulary";
import { gradeBet, settleProfitCents, type Outcome } from "@/server/domain/odds";
import { log } from "@/server/log";

const logger = log.child({ module: "settle" });

/**
 * Grades and settles every open bet on finished games, exactly once.
 *
 * Safe under concurrent runs and re-runs: open bets are claimed with FOR UPDATE SKIP LOCKED (a second
 * runner takes other bets or none), the bet's status flips OPEN -> SETTLED in the same transaction as its
 * ledger entry, and the ledger's unique (bankroll, "bet:<id>:settle") key refuses a second settlement even
 * if a bet were somehow claimed twice. Bets on cancelled games are voided and their stakes refunded.
 * Work goes in batches, one transaction each, so a huge backlog never holds locks for long. A bet that cannot
 * be settled (it cannot be graded, or its write fails) is kept open with the reason in `settlementError` and
 * skipped by later runs until an edit clears it: one bad bet never holds back anybody else's.
 */
export interface SettleResult {
  settled: number;
  voided: number;
  withClv: number;
  failed: number;
  batches: number;
}

const OUTCOME_DB: Record<Outcome, string> = { win: "WIN", "half-win": "HALF_WIN", push: "PUSH", "half-loss": "HALF_LOSS", loss: "LOSS" };

interface OpenBet {
  id: number;
  bankrollId: number;
  gameId: number;
  market: Market;
  selection: Selection;
  line: string | null;
  price: string;
  stakeCents: string;
  bookmakerId: number | null;
  gameStatus: "FINAL" | "CANCELLED";
  homeScore: number | null;
  awayScore: number | null;
  startsAt: Date;
}

export async function settleOpenBets(pool: pg.Pool, opts: { gameIds?: number[]; batchSize?: number } = {}): Promise<SettleResult> {
  const result: SettleResult = { settled: 0, voided: 0, withClv: 0, failed: 0, batches: 0 };
  for (;;) {
    const done = await settleBatch(pool, opts.gameIds ?? null, opts.batchSize ?? 5000, result);
    if (done) return result;
  }
}

async function settleBatch(pool: pg.Pool, gameIds: number[] | null, batchSize: number, result: SettleResult): Promise<boolean> {
  const outcome = await withTransaction(pool, async (client) => {
    const { rows: bets } = await client.query<OpenBet>(
      `SELECT b.id, b."bankrollId", b."gameId", b.market, b.selection, b.line::text, b.price::text, b."stakeCents"::text, b."bookmakerId",
              g.status AS "gameStatus", g."homeScore", g."awayScore", g."startsAt"
         FROM "Bet" b JOIN "Game" g ON g.id = b."gameId"
        WHERE b.status = 'OPEN' AND b."settlementError" IS NULL
          AND ((g.status = 'FINAL' AND g."homeScore" IS NOT NULL AND g."awayScore" IS NOT NULL) OR g.status = 'CANCELLED')
          AND ($1::int[] IS NULL OR b."gameId" = ANY($1::int[]))
        ORDER BY b.id
        LIMIT $2
        FOR UPDATE OF b SKIP LOCKED`,
      [gameIds, batchSize],
    );
    if (bets.length === 0) return null;
    const closing = await loadClosingQuotes(client, [...new Map(bets.map((b) => [b.gameId, { id: b.gameId, startsAt: b.startsAt }])).values()]);
    const settled: Settlement[] = [];
    const voided: OpenBet[] = [];
    const failed: Failure[] = [];
    for (const bet of bets) {
      if (bet.gameStatus === "CANCELLED") {
        voided.push(bet);
        continue;
      }
      try {
        settled.push(grade(bet, closing.get(bet.gameId) ?? []));
      } catch (e) {
        failed.push({ bet, reason: reasonOf(e) });
      }
    }
    await writeIsolated(client, settled, voided, failed);
    return { claimed: bets.length, settled, voided, failed };
  });
  if (!outcome) return true;
  const failedIds = new Set(outcome.failed.map((f) => f.bet.id));
  result.settled += outcome.settled.filter((s) => !failedIds.has(s.bet.id)).length;
  result.voided += outcome.voided.filter((b) => !failedIds.has(b.id)).length;
  result.withClv += outcome.settled.filter((s) => s.clv !== null && !failedIds.has(s.bet.id)).length;
  result.failed += outcome.failed.length;
  result.batches++;
  return outcome.claimed < batchSize;
}

interface Settlement {
  bet: OpenBet;
  outcome: Outcome;
  profit: number;
  clv: ClosingValue | null;
}
interface Failure {
  bet: OpenBet;
  reason: string;
}

const reasonOf = (e: unknown) => (e instanceof Error ? e.message : String(e)).slice(0, 500);

function grade(bet: OpenBet, quotes: Quote[]): Settlement {
  const shape = { market: bet.market, selection: bet.selection, line: bet.line === null ? null : Number(bet.line) };
  const outcome = gradeBet(
    { market: marketKey(shape.market), selection: selectionKey(shape.selection), ...(shape.line === null ? {} : { line: shape.line }) },
    { home: bet.homeScore!, away: bet.awayScore! },
  );
  const price = Number(bet.price);
  const clv = closingValueOf({ ...shape, price, bookmakerId: bet.bookmakerId }, quotes);
  return { bet, outcome, profit: settleProfitCents(Number(bet.stakeCents), price, outcome), clv };
}

async function inSavepoint(client: pg.PoolClient, write: () => Promise<void>) {
  await client.query("SAVEPOINT settle_write");
  try {
    await write();
    await client.query("RELEASE SAVEPOINT settle_write");
  } catch (e) {
    await client.query("ROLLBACK TO SAVEPOINT settle_write");
    throw e;
  }
}

/**
 * Writes the batch in one go; if that fails, writes each bet under its own savepoint so only the bets that
 * fail are left out, then records why each failed.
 */
async function writeIsolated(client: pg.PoolClient, settled: Settlement[], voided: OpenBet[], failed: Failure[]) {
  try {
    await inSavepoint(client, async () => {
      await writeSettlements(client, settled);
      await writeVoids(client, voided);
    });
  } catch {
    for (const s of settled) await inSavepoint(client, () => writeSettlements(client, [s])).catch((e: unknown) => failed.push({ bet: s.bet, reason: reasonOf(e) }));
    for (const b of voided) await inSavepoint(client, () => writeVoids(client, [b])).catch((e: unknown) => failed.push({ bet: b, reason: reasonOf(e) }));
  }
  if (failed.length === 0) return;
  for (const f of failed) logger.error(`[settle] bet ${f.bet.id} could not be settled: ${f.reason}`);
  await client.query(
    `UPDATE "Bet" b SET "settlementError" = u.reason, "settlementFailedAt" = now()
       FROM unnest($1::int[], $2::text[]) AS u(id, reason) WHERE b.id = u.id AND b.status = 'OPEN'`,
    [failed.map((f) => f.bet.id), failed.map((f) => f.reason)],
  );
}

async function writeSettlements(client: pg.PoolClient, settled: { bet: OpenBet; outcome: Outcome; profit: number; clv: ClosingValue | null }[]) {
  if (settled.length === 0) return;
  const col = <T>(f: (s: (typeof settled)[number]) => T) => settled.map(f);
  const { rows } = await client.query<{ id: number }>(
    `UPDATE "Bet" b SET status = 'SETTLED', outcome = u.outcome::"BetOutcome", "profitCents" = u.profit, "settledAt" = now(),
            "closingPrice" = u.cp, "closingFairProbability" = u.cfp, clv = u.clv, "closingLine" = u.cl, "clvPoints" = u.pts,
            "clvBasis" = u.basis, version = b.version + 1, "updatedAt" = now()
       FROM unnest($1::int[], $2::text[], $3::int8[], $4::numeric[], $5::float8[], $6::float8[], $7::numeric[], $8::numeric[], $9::text[])
            AS u(id, outcome, profit, cp, cfp, clv, cl, pts, basis)
      WHERE b.id = u.id AND b.status = 'OPEN'
      RETURNING b.id`,
    [
      col((s) => s.bet.id),
      col((s) => OUTCOME_DB[s.outcome]),
      col((s) => s.profit),
      col((s) => s.clv?.closingPrice ?? null),
      col((s) => s.clv?.closingFairProbability ?? null),
      col((s) => s.clv?.clv ?? null),
      col((s) => s.clv?.closingLine ?? null),
      col((s) => s.clv?.clvPoints ?? null),
      col((s) => s.clv?.basis ?? null),
    ],
  );
  const claimed = new Set(rows.map((r) => r.id));
  const mine = settled.filter((s) => claimed.has(s.bet.id));
  await insertLedger(
    client,
    mine.map((s) => ({ bet: s.bet, kind: "SETTLEMENT", amount: Number(s.bet.stakeCents) + s.profit, key: `bet:${s.bet.id}:settle` })),
  );
  await insertEvents(client, "SETTLE", mine.map((s) => ({ betId: s.bet.id, changes: { outcome: OUTCOME_DB[s.outcome], profitCents: s.profit, clv: s.clv?.clv ?? null, clvPoints: s.clv?.clvPoints ?? null } })));
}

async function writeVoids(client: pg.PoolClient, voided: OpenBet[]) {
  if (voided.length === 0) return;
  const { rows } = await client.query<{ id: number }>(
    `UPDATE "Bet" SET status = 'VOID', version = version + 1, "updatedAt" = now() WHERE id = ANY($1::int[]) AND status = 'OPEN' RETURNING id`,
    [voided.map((b) => b.id)],
  );
  const claimed = new Set(rows.map((r) => r.id));
  const mine = voided.filter((b) => claimed.has(b.id));
  await insertLedger(client, mine.map((bet) => ({ bet, kind: "VOID_REFUND", amount: Number(bet.stakeCents), key: `bet:${bet.id}:void` })));
  await insertEvents(client, "VOID", mine.map((b) => ({ betId: b.id, changes: { reason: "game cancelled" } })));
}

/** Entries are dated when they are written (the settlement time), the order the money really moved in. */
async function insertLedger(client: pg.PoolClient, entries: { bet: OpenBet; kind: string; amount: number; key: string }[]) {
  if (entries.length === 0) return;
  await client.query(
    `INSERT INTO "LedgerEntry" ("bankrollId", "betId", kind, "amountCents", "idempotencyKey", "occurredAt")
     SELECT u.*, now() FROM unnest($1::int[], $2::int[], $3::"LedgerKind"[], $4::int8[], $5::text[]) AS u
     ON CONFLICT ("bankrollId", "idempotencyKey") DO NOTHING`,
    [entries.map((e) => e.bet.bankrollId), entries.map((e) => e.bet.id), entries.map((e) => e.kind), entries.map((e) => e.amount), entries.map((e) => e.key)],
  );
}

async function insertEvents(client: pg.PoolClient, action: "SETTLE" | "VOID", events: { betId: number; changes: object }[]) {
  if (events.length === 0) return;
  await client.query(
    `INSERT INTO "BetEvent" ("betId", action, changes) SELECT id, $1::"BetAction", changes FROM unnest($2::int[], $3::jsonb[]) AS u(id, changes)`,
    [action, events.map((e) => e.betId), events.map((e) => JSON.stringify(e.changes))],
  );
}

/**
 * Closing-capable odds (CLOSING, or UNSPECIFIED when a source never says) of the given games, latest first.
 * Live snapshots close by time: each book's last one at or before kick-off counts as its closing price.
 */
export async function loadClosingQuotes(client: Queryable, games: QuotedGame[]): Promise<Map<number, Quote[]>> {
  const byGame = quotesByGame(await loadQuotes(client, games, { period: "FULL_GAME", phases: ["CLOSING", "UNSPECIFIED", "SNAPSHOT"] }));
  for (const [gameId, quotes] of byGame) {
    const { closing } = asOpeningOrClosing(quotes);
    byGame.set(gameId, closing.map((q) => (q.capturedAt ? { ...q, phase: "CLOSING" as const } : q)));
  }
  return byGame;
}
