import type pg from "pg";
import { closingValueOf, type ClosingValue } from "@/server/domain/bets/closing";
import type { Quote } from "@/server/domain/quotes";
import type { Queryable } from "@/server/db/pool";
import { loadQuotes, quotesByGame } from "@/server/services/quotes/load-quotes";
import { marketKey, selectionKey, type Market, type Selection } from "@/server/domain/vocabulary";
import { gradeBet, settleProfitCents, type Outcome } from "@/server/domain/odds";

/**
 * Grades and settles every open bet on finished games, exactly once.
 *
 * Safe under concurrent runs and re-runs: open bets are claimed with FOR UPDATE SKIP LOCKED (a second
 * runner takes other bets or none), the bet's status flips OPEN -> SETTLED in the same transaction as its
 * ledger entry, and the ledger's unique (bankroll, "bet:<id>:settle") key refuses a second settlement even
 * if a bet were somehow claimed twice. Bets on cancelled games are voided and their stakes refunded.
 * Work goes in batches, one transaction each, so a huge backlog never holds locks for long.
 */
export interface SettleResult {
  settled: number;
  voided: number;
  withClv: number;
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
  stakeCents: number;
  bookmakerId: number | null;
  placedAt: Date;
  gameStatus: "FINAL" | "CANCELLED";
  homeScore: number | null;
  awayScore: number | null;
  startsAt: Date;
}

export async function settleOpenBets(pool: pg.Pool, opts: { gameIds?: number[]; batchSize?: number } = {}): Promise<SettleResult> {
  const result: SettleResult = { settled: 0, voided: 0, withClv: 0, batches: 0 };
  for (;;) {
    const done = await settleBatch(pool, opts.gameIds ?? null, opts.batchSize ?? 5000, result);
    if (done) return result;
  }
}

async function settleBatch(pool: pg.Pool, gameIds: number[] | null, batchSize: number, result: SettleResult): Promise<boolean> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const { rows: bets } = await client.query<OpenBet>(
      `SELECT b.id, b."bankrollId", b."gameId", b.market, b.selection, b.line::text, b.price::text, b."stakeCents", b."bookmakerId",
              b."placedAt", g.status AS "gameStatus", g."homeScore", g."awayScore", g."startsAt"
         FROM "Bet" b JOIN "Game" g ON g.id = b."gameId"
        WHERE b.status = 'OPEN'
          AND ((g.status = 'FINAL' AND g."homeScore" IS NOT NULL AND g."awayScore" IS NOT NULL) OR g.status = 'CANCELLED')
          AND ($1::int[] IS NULL OR b."gameId" = ANY($1::int[]))
        ORDER BY b.id
        LIMIT $2
        FOR UPDATE OF b SKIP LOCKED`,
      [gameIds, batchSize],
    );
    if (bets.length === 0) {
      await client.query("COMMIT");
      return true;
    }
    const closing = await loadClosingQuotes(client, [...new Set(bets.map((b) => b.gameId))]);
    const settled: { bet: OpenBet; outcome: Outcome; profit: number; clv: ClosingValue | null }[] = [];
    const voided: OpenBet[] = [];
    for (const bet of bets) {
      if (bet.gameStatus === "CANCELLED") {
        voided.push(bet);
        continue;
      }
      const shape = { market: bet.market, selection: bet.selection, line: bet.line === null ? null : Number(bet.line) };
      const outcome = gradeBet(
        { market: marketKey(shape.market), selection: selectionKey(shape.selection), ...(shape.line === null ? {} : { line: shape.line }) },
        { home: bet.homeScore!, away: bet.awayScore! },
      );
      const price = Number(bet.price);
      const clv = closingValueOf({ ...shape, price, bookmakerId: bet.bookmakerId }, closing.get(bet.gameId) ?? []);
      settled.push({ bet, outcome, profit: settleProfitCents(bet.stakeCents, price, outcome), clv });
    }
    await writeSettlements(client, settled);
    await writeVoids(client, voided);
    await client.query("COMMIT");
    result.settled += settled.length;
    result.voided += voided.length;
    result.withClv += settled.filter((s) => s.clv !== null).length;
    result.batches++;
    return bets.length < batchSize;
  } catch (e) {
    await client.query("ROLLBACK");
    throw e;
  } finally {
    client.release();
  }
}

/** The ledger records a settlement when the game ended (its start), so a bankroll's history reads in game order. */
const settlementTime = (b: OpenBet) => new Date(Math.max(b.startsAt.getTime(), b.placedAt.getTime()));

async function writeSettlements(client: pg.PoolClient, settled: { bet: OpenBet; outcome: Outcome; profit: number; clv: ClosingValue | null }[]) {
  if (settled.length === 0) return;
  const col = <T>(f: (s: (typeof settled)[number]) => T) => settled.map(f);
  const { rows } = await client.query<{ id: number }>(
    `UPDATE "Bet" b SET status = 'SETTLED', outcome = u.outcome::"BetOutcome", "profitCents" = u.profit, "settledAt" = now(),
            "closingPrice" = u.cp, "closingFairProbability" = u.cfp, clv = u.clv, "closingLine" = u.cl, "clvPoints" = u.pts,
            "clvBasis" = u.basis, version = b.version + 1, "updatedAt" = now()
       FROM unnest($1::int[], $2::text[], $3::int[], $4::numeric[], $5::float8[], $6::float8[], $7::numeric[], $8::numeric[], $9::text[])
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
    mine.map((s) => ({ bet: s.bet, kind: "SETTLEMENT", amount: s.bet.stakeCents + s.profit, key: `bet:${s.bet.id}:settle` })),
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
  await insertLedger(client, mine.map((bet) => ({ bet, kind: "VOID_REFUND", amount: bet.stakeCents, key: `bet:${bet.id}:void` })));
  await insertEvents(client, "VOID", mine.map((b) => ({ betId: b.id, changes: { reason: "game cancelled" } })));
}

async function insertLedger(client: pg.PoolClient, entries: { bet: OpenBet; kind: string; amount: number; key: string }[]) {
  if (entries.length === 0) return;
  await client.query(
    `INSERT INTO "LedgerEntry" ("bankrollId", "betId", kind, "amountCents", "idempotencyKey", "occurredAt")
     SELECT * FROM unnest($1::int[], $2::int[], $3::"LedgerKind"[], $4::int[], $5::text[], $6::timestamptz[])
     ON CONFLICT ("bankrollId", "idempotencyKey") DO NOTHING`,
    [
      entries.map((e) => e.bet.bankrollId),
      entries.map((e) => e.bet.id),
      entries.map((e) => e.kind),
      entries.map((e) => e.amount),
      entries.map((e) => e.key),
      entries.map((e) => settlementTime(e.bet)),
    ],
  );
}

async function insertEvents(client: pg.PoolClient, action: "SETTLE" | "VOID", events: { betId: number; changes: object }[]) {
  if (events.length === 0) return;
  await client.query(
    `INSERT INTO "BetEvent" ("betId", action, changes) SELECT id, $1::"BetAction", changes FROM unnest($2::int[], $3::jsonb[]) AS u(id, changes)`,
    [action, events.map((e) => e.betId), events.map((e) => JSON.stringify(e.changes))],
  );
}

/** Closing-capable odds (CLOSING, or UNSPECIFIED when a source never says) of the given games, latest first. */
export async function loadClosingQuotes(client: Queryable, gameIds: number[]): Promise<Map<number, Quote[]>> {
  return quotesByGame(await loadQuotes(client, { gameIds, period: "FULL_GAME", phases: ["CLOSING", "UNSPECIFIED"] }));
}
