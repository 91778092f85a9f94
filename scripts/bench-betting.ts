import { performance } from "node:perf_hooks";
import pg from "pg";
import { createPool } from "../server/db/pool";
import { settleOpenBets } from "../server/services/bets/settle";
import { scanMarkets } from "../server/services/scanners/scan-day";

/**
 * `npm run bench:betting`: on the database `bench:import` filled (linesmith_bench), times
 *  - a value/arbitrage/line-shopping scan over the busiest match-day of real snapshots (all books, all markets),
 *  - grading and settlement of 10,000 bets placed on real finished games from their real prices.
 * The bets belong to a throwaway user that is deleted afterwards.
 */
const ADMIN = process.env.BENCH_DATABASE_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const url = new URL(ADMIN);
url.pathname = "/linesmith_bench";
const pool = createPool(url.toString(), 4);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

try {
  await pool.query(`SELECT 1 FROM "Game" LIMIT 1`);
} catch (e) {
  console.error(`bench:betting needs the database bench:import fills (${url.pathname.slice(1)}): run npm run bench:import first.\n${(e as Error).message}`);
  process.exit(1);
}

const { rows: busiest } = await pool.query<{ day: string; games: number; odds: string }>(
  `SELECT to_char(g."startsAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(DISTINCT g.id)::int AS games, count(*) AS odds
     FROM "Game" g JOIN "OddsSnapshot" o ON o."gameId" = g.id GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
);
const day = busiest[0];
if (!day) {
  console.error("no odds in the bench database: run npm run bench:import first");
  process.exit(1);
}
const from = new Date(`${day.day}T00:00:00Z`);
const to = new Date(from.getTime() + 86_400_000);
const first = await scanMarkets(pool, { from, to, asOf: null });
const samples: number[] = [];
for (let i = 0; i < 210; i++) {
  const t0 = performance.now();
  await scanMarkets(pool, { from, to, asOf: null });
  if (i >= 10) samples.push(performance.now() - t0);
}
console.log(`Scanner: busiest match-day ${day.day} (${day.games} games, ${Number(day.odds).toLocaleString()} snapshots, all books and markets)`);
console.log(`  ${first.valueBets.length} value bets, ${first.arbitrages.length} arbitrages, ${first.lines.length} markets shopped`);
console.log(`  scan incl. database read (200 calls after 10 warm-up): p50 ${pct(samples, 50).toFixed(1)} ms  p95 ${pct(samples, 95).toFixed(1)} ms`);

const client = new pg.Client({ connectionString: url.toString() });
await client.connect();
const { rows: user } = await client.query<{ id: string }>(
  `INSERT INTO "User" (id, email, "updatedAt") VALUES ('bench_' || gen_random_uuid(), 'bench-' || gen_random_uuid() || '@example.invalid', now()) RETURNING id`,
);
const userId = user[0]!.id;
try {
  const { rows: bankroll } = await client.query<{ id: number }>(`INSERT INTO "Bankroll" ("userId", name) VALUES ($1, 'bench') RETURNING id`, [userId]);
  const bankrollId = bankroll[0]!.id;
  await client.query(`INSERT INTO "LedgerEntry" ("bankrollId", kind, "amountCents", "idempotencyKey", "occurredAt") VALUES ($1, 'DEPOSIT', 2000000000, 'deposit:bench', now())`, [bankrollId]);
  // 10,000 bets at real prices on real finished games, every market the archives hold.
  await client.query(
    `INSERT INTO "Bet" ("userId", "bankrollId", "gameId", market, selection, line, "bookmakerId", price, "stakeCents", "placedAt")
     SELECT $1, $2, o."gameId", o.market, o.selection, o.line, o."bookmakerId", o.price, 1000 + (random() * 9000)::int, g."startsAt" - interval '1 day'
       FROM "OddsSnapshot" o JOIN "Game" g ON g.id = o."gameId" JOIN "Bookmaker" b ON b.id = o."bookmakerId"
      WHERE g.status = 'FINAL' AND g."homeScore" IS NOT NULL AND o.period = 'FULL_GAME' AND o.price > 1 AND NOT b."isAggregate"
        AND ((o.market IN ('SPREAD', 'TOTAL')) = (o.line IS NOT NULL)) AND (o.line IS NULL OR o.line * 4 = round(o.line * 4))
        AND NOT (o.market = 'TOTAL' AND o.line <= 0)
      ORDER BY random() LIMIT 10000`,
    [userId, bankrollId],
  );
  await client.query(
    `INSERT INTO "LedgerEntry" ("bankrollId", "betId", kind, "amountCents", "idempotencyKey", "occurredAt")
     SELECT "bankrollId", id, 'STAKE', -"stakeCents", 'bet:' || id || ':stake', "placedAt" FROM "Bet" WHERE "userId" = $1`,
    [userId],
  );
  const t0 = performance.now();
  const result = await settleOpenBets(pool);
  const seconds = (performance.now() - t0) / 1000;
  console.log(`Grading + settlement against PostgreSQL: ${result.settled.toLocaleString()} bets settled (${result.withClv.toLocaleString()} with CLV) in ${seconds.toFixed(2)} s, ${result.batches} batches`);
  const again = await settleOpenBets(pool);
  console.log(`  re-run settles ${again.settled} (exactly once)`);
} finally {
  await client.query(`DELETE FROM "User" WHERE id = $1`, [userId]);
  await client.end();
  await pool.end();
}
