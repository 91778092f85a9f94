import type pg from "pg";
import type { BookmakerRef } from "@/server/domain/imports/types";
import type {
  CollectedEvent,
  CollectedInjury,
  CollectedPrice,
  CollectedScore,
  CollectedWeather,
  Mapped,
  RejectedRow,
} from "@/server/domain/collectors/types";
import {
  intArrayLiteral,
  numberArrayLiteral,
  timestampArrayLiteral,
  tokenArrayLiteral,
} from "@/server/db/array-literals";
import { ADVISORY_LOCKS } from "@/server/db/locks";
import { withTransaction } from "@/server/db/transaction";
import { MARKET_CODES, PERIOD_CODES, SELECTION_CODES } from "@/server/domain/vocabulary";
import { EVENTS, publishEvent } from "@/server/jobs/events";
import { EventResolver, type EventResolution } from "./resolve-event";

/**
 * Stores a pass's mapped rows. Every write is keyed (unique indexes plus ON CONFLICT), so a retried or
 * concurrent pass writes nothing twice; each batch is one transaction, never half-written.
 */

export interface StoreCounts {
  /** Rows read (prices, scores, reports...). */
  read: number;
  /** New rows (price snapshots, results, reports, forecasts). */
  inserted: number;
  /** Rows equal to what was stored already. */
  unchanged: number;
  rejected: RejectedRow[];
}

/** Resolves each row's event; rows whose event cannot be stored are rejected with the provider's id. */
async function resolveRows<T extends { event: CollectedEvent }>(
  resolver: EventResolver,
  rows: T[],
  rejected: RejectedRow[],
): Promise<{ row: T; gameId: number }[]> {
  // A pass repeats each event on every one of its rows: resolve each event once.
  const events = new Map<string, CollectedEvent>();
  for (const row of rows) if (!events.has(row.event.externalId)) events.set(row.event.externalId, row.event);
  await resolver.resolveMany([...events.values()]);
  const resolutions = new Map<string, EventResolution>();
  for (const [id, event] of events) {
    const r = await resolver.resolve(event);
    resolutions.set(id, r);
    if ("rejected" in r) rejected.push({ event: id, message: r.rejected });
  }
  const out: { row: T; gameId: number }[] = [];
  for (const row of rows) {
    const r = resolutions.get(row.event.externalId)!;
    if ("gameId" in r) out.push({ row, gameId: r.gameId });
  }
  return out;
}

async function bookmakerIds(pool: pg.Pool, books: BookmakerRef[]): Promise<Map<string, number>> {
  const unique = [...new Map(books.map((b) => [b.key, b])).values()].sort((a, b) => a.key.localeCompare(b.key));
  if (unique.length === 0) return new Map();
  await pool.query(
    `INSERT INTO "Bookmaker" (key, name, "isSharp", "isAggregate")
     SELECT * FROM unnest($1::text[], $2::text[], $3::bool[], $4::bool[]) ON CONFLICT (key) DO NOTHING`,
    [unique.map((b) => b.key), unique.map((b) => b.name), unique.map((b) => b.isSharp), unique.map((b) => b.isAggregate)],
  );
  const { rows } = await pool.query<{ id: number; key: string }>(
    `SELECT id, key FROM "Bookmaker" WHERE key = ANY($1::text[])`,
    [unique.map((b) => b.key)],
  );
  return new Map(rows.map((r) => [r.key, r.id]));
}

// A price is stored when its key has no live snapshot yet, or when it differs from the key's newest one and is
// newer than it (an older delivery never rewrites history). The newest snapshot is found through the identity
// index, so the line history is the only copy of a stored price.
const STORE_PRICES_SQL = `
INSERT INTO "OddsSnapshot" ("gameId", "bookmakerId", market, period, selection, phase, line, price, "capturedAt", "receivedAt", source)
SELECT i.g, i.b, i.m, i.p, i.s, 'SNAPSHOT', i.l, i.pr, i.c, $9, $10
  FROM unnest($1::int[], $2::int[], $3::"Market"[], $4::"MarketPeriod"[], $5::"Selection"[], $6::numeric[], $7::numeric[], $8::timestamptz[])
         AS i(g, b, m, p, s, l, pr, c)
  LEFT JOIN LATERAL (
    SELECT o.line, o.price, o."capturedAt" FROM "OddsSnapshot" o
     WHERE o."gameId" = i.g AND o."bookmakerId" = i.b AND o.market = i.m AND o.period = i.p AND o.selection = i.s
       AND o.phase = 'SNAPSHOT' AND o."capturedAt" IS NOT NULL
     ORDER BY o."capturedAt" DESC LIMIT 1
  ) last ON true
 WHERE last."capturedAt" IS NULL
    OR (last."capturedAt" < i.c AND (last.line, last.price) IS DISTINCT FROM (i.l, i.pr))
ON CONFLICT DO NOTHING
RETURNING "gameId"`;

/**
 * A big pass is stored as a few statements on separate connections at once (the database's work is the
 * bigger part of a first poll). Every game's rows stay in one statement (a game's prices are never
 * half-written).
 */
const PARALLEL_STORE_ROWS = 5_000;
// Two, not more: the jobs' pool (bulkPool) has three connections, and one stays free for everything else.
const PARALLEL_STORE_STATEMENTS = 2;

function chunksByGame<T extends { gameId: number }>(rows: T[]): T[][] {
  if (rows.length === 0) return [];
  if (rows.length < PARALLEL_STORE_ROWS) return [rows];
  const target = Math.ceil(rows.length / PARALLEL_STORE_STATEMENTS);
  const chunks: T[][] = [[]];
  for (const row of rows) {
    const current = chunks[chunks.length - 1]!;
    const previous = current[current.length - 1];
    if (current.length >= target && previous && previous.gameId !== row.gameId) chunks.push([row]);
    else current.push(row);
  }
  return chunks;
}

interface KeyedPrice {
  gameId: number;
  bookmakerId: number;
  row: CollectedPrice;
  /** Bookmaker, market, period and selection as one number (the key within a game), for a cheap sort. */
  code: number;
}

const indexOf = <T extends string>(codes: readonly T[]) => new Map(codes.map((c, i) => [c, i] as const));
const MARKET_INDEX = indexOf(MARKET_CODES);
const PERIOD_INDEX = indexOf(PERIOD_CODES);
const SELECTION_INDEX = indexOf(SELECTION_CODES);

function keyed(gameId: number, bookmakerId: number, row: CollectedPrice): KeyedPrice {
  // Eight slots each (three bits) leave room for the vocabulary to grow; bookmaker ids stay far below 2^40.
  const code =
    ((bookmakerId * 8 + MARKET_INDEX.get(row.market)!) * 8 + PERIOD_INDEX.get(row.period)!) * 8 +
    SELECTION_INDEX.get(row.selection)!;
  return { gameId, bookmakerId, row, code };
}

/** One row per key (the newest provider time), in key order: games in id order, so chunks split between games. */
function newestPerKey(rows: KeyedPrice[]): KeyedPrice[] {
  rows.sort(
    (a, b) =>
      a.gameId - b.gameId || a.code - b.code || a.row.providerUpdatedAt.getTime() - b.row.providerUpdatedAt.getTime(),
  );
  const out: KeyedPrice[] = [];
  for (const row of rows) {
    const last = out[out.length - 1];
    if (last && last.gameId === row.gameId && last.code === row.code) out[out.length - 1] = row;
    else out.push(row);
  }
  return out;
}

/** Stores one chunk: its games locked first (in id order), so two passes over a game compare one after the other. */
function storeChunk(pool: pg.Pool, chunk: KeyedPrice[], receivedAt: Date, provider: string) {
  return withTransaction(pool, async (client) => {
    // The planner's row estimate for a big pass crosses the JIT threshold, and compiling costs more (~30 ms in
    // EXPLAIN ANALYZE) than the statement's per-row work gains from it.
    await client.query("SET LOCAL jit = off");
    const games = [...new Set(chunk.map((r) => r.gameId))];
    await client.query(`SELECT pg_advisory_xact_lock($1, g) FROM unnest($2::int[]) AS g ORDER BY g`, [
      ADVISORY_LOCKS.livePrices,
      games,
    ]);
    return client.query<{ gameId: number }>(STORE_PRICES_SQL, [
      intArrayLiteral(chunk.map((r) => r.gameId)),
      intArrayLiteral(chunk.map((r) => r.bookmakerId)),
      tokenArrayLiteral(chunk.map((r) => r.row.market)),
      tokenArrayLiteral(chunk.map((r) => r.row.period)),
      tokenArrayLiteral(chunk.map((r) => r.row.selection)),
      numberArrayLiteral(chunk.map((r) => r.row.line)),
      numberArrayLiteral(chunk.map((r) => r.row.price)),
      timestampArrayLiteral(chunk.map((r) => r.row.providerUpdatedAt)),
      receivedAt,
      provider,
    ]);
  });
}

/** Stores live prices: a snapshot only for a new or moved price; counts inserted and unchanged. */
export async function storePrices(
  pool: pg.Pool,
  provider: string,
  mapped: Mapped<CollectedPrice>,
  receivedAt = new Date(),
): Promise<StoreCounts> {
  const rejected = [...mapped.rejected];
  const resolved = await resolveRows(new EventResolver(pool), mapped.rows, rejected);
  const books = await bookmakerIds(
    pool,
    resolved.map((r) => r.row.bookmaker),
  );
  const rows = newestPerKey(resolved.map(({ row, gameId }) => keyed(gameId, books.get(row.bookmaker.key)!, row)));
  const results = await Promise.all(chunksByGame(rows).map((chunk) => storeChunk(pool, chunk, receivedAt, provider)));
  const inserted = results.reduce((n, r) => n + (r.rowCount ?? 0), 0);
  if (inserted > 0) {
    // Bots that run on odds updates, and the re-scoring of predictions, look again at these games.
    const gameIds = [...new Set(results.flatMap((r) => r.rows.map((row) => row.gameId)))];
    await publishEvent({ name: EVENTS.oddsStored, data: { gameIds } });
  }
  return { read: mapped.rows.length, inserted, unchanged: resolved.length - inserted, rejected };
}

const GAME_STATUS: Partial<Record<CollectedScore["state"], string>> = {
  final: "FINAL",
  postponed: "POSTPONED",
  cancelled: "CANCELLED",
};

/**
 * Stores final results (and postponements): a game becomes FINAL with its score once; the same provider
 * may correct its own score later. Publishes results.stored for the games that changed, so settlement runs.
 */
export async function storeScores(
  pool: pg.Pool,
  provider: string,
  mapped: Mapped<CollectedScore>,
): Promise<StoreCounts> {
  const rejected = [...mapped.rejected];
  const resolved = await resolveRows(new EventResolver(pool), mapped.rows, rejected);
  const rows = [
    ...new Map(
      resolved.flatMap((r) => {
        const status = GAME_STATUS[r.row.state];
        if (!status) return [];
        if (status === "FINAL" && (r.row.homeScore === null || r.row.awayScore === null)) {
          rejected.push({ event: r.row.event.externalId, message: "final without a score" });
          return [];
        }
        return [[r.gameId, { gameId: r.gameId, status, home: r.row.homeScore, away: r.row.awayScore }] as const];
      }),
    ).values(),
  ];
  let changed: number[] = [];
  if (rows.length > 0) {
    const result = await pool.query<{ id: number }>(
      `UPDATE "Game" g SET status = x.status::"GameStatus", "homeScore" = x.h, "awayScore" = x.a, "updatedAt" = now()
       FROM unnest($1::int[], $2::text[], $3::int[], $4::int[]) AS x(id, status, h, a)
       WHERE g.id = x.id
         AND (g.status::text, g."homeScore", g."awayScore") IS DISTINCT FROM (x.status, x.h, x.a)
         AND (g.status <> 'FINAL' OR g."primarySource" = $5)
       RETURNING g.id`,
      [
        rows.map((r) => r.gameId),
        rows.map((r) => r.status),
        rows.map((r) => r.home),
        rows.map((r) => r.away),
        provider,
      ],
    );
    changed = result.rows.map((r) => r.id);
  }
  if (changed.length > 0) await publishEvent({ name: EVENTS.resultsStored, data: { gameIds: changed } });
  return { read: mapped.rows.length, inserted: changed.length, unchanged: resolved.length - changed.length, rejected };
}

/** Stores the latest kick-off forecast on each scheduled game; an older forecast never replaces a newer one. */
export async function storeWeather(pool: pg.Pool, mapped: Mapped<CollectedWeather>): Promise<StoreCounts> {
  const rejected = [...mapped.rejected];
  const resolved = await resolveRows(new EventResolver(pool), mapped.rows, rejected);
  const rows = [...new Map(resolved.map((r) => [r.gameId, { gameId: r.gameId, w: r.row }])).values()];
  let inserted = 0;
  if (rows.length > 0) {
    const result = await pool.query(
      `UPDATE "Game" g SET "temperatureC" = x.t, "windKph" = x.w, "gustKph" = x.gu, "precipitationMm" = x.pr,
         "weatherForecastAt" = x.f, "updatedAt" = now()
       FROM unnest($1::int[], $2::float8[], $3::float8[], $4::float8[], $5::float8[], $6::timestamptz[]) AS x(id, t, w, gu, pr, f)
       WHERE g.id = x.id AND g.status = 'SCHEDULED'
         AND (g."weatherForecastAt" IS NULL OR g."weatherForecastAt" < x.f)
         AND (g."temperatureC", g."windKph", g."gustKph", g."precipitationMm") IS DISTINCT FROM (x.t, x.w, x.gu, x.pr)`,
      [
        rows.map((r) => r.gameId),
        rows.map((r) => r.w.temperatureC),
        rows.map((r) => r.w.windKph),
        rows.map((r) => r.w.gustKph),
        rows.map((r) => r.w.precipitationMm),
        rows.map((r) => r.w.forecastAt),
      ],
    );
    inserted = result.rowCount ?? 0;
  }
  return { read: mapped.rows.length, inserted, unchanged: resolved.length - inserted, rejected };
}

/** Stores injury reports: a row per change of a player's status or report date, never the same twice. */
/**
 * Stores a pass of injury reports: a row per player whenever their status changes. `completeLeagues` are the
 * leagues whose whole report this pass read without a refused row: a player of theirs last stored as injured and
 * no longer listed has recovered (ESPN drops recovered players without a word), so he gets a "cleared" row and
 * stops counting as out. A league read in part clears nobody: a refused row may be the player's.
 */
export async function storeInjuries(
  pool: pg.Pool,
  provider: string,
  mapped: Mapped<CollectedInjury>,
  collectedAt = new Date(),
  completeLeagues: readonly string[] = [],
): Promise<StoreCounts> {
  const rejected = [...mapped.rejected];
  const resolver = new EventResolver(pool);
  const rows: { leagueId: number; teamId: number; row: CollectedInjury }[] = [];
  for (const row of mapped.rows) {
    const team = await resolver.team(provider, row.league, row.team, row.reportedAt ?? collectedAt);
    if ("rejected" in team) rejected.push({ event: `${row.league}/${row.team}/${row.player}`, message: team.rejected });
    else rows.push({ ...team, row });
  }
  let inserted = 0;
  if (rows.length > 0) {
    // One statement: atomic on its own.
    const result = await pool.query(
      `INSERT INTO "InjuryReport" ("leagueId", "teamId", player, position, status, type, "reportedAt", "collectedAt", source)
         SELECT l, t, p, pos, s, ty, r, $8, $9 FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[])
           AS x(l, t, p, pos, s, ty, r)
         ON CONFLICT DO NOTHING`,
      [
        rows.map((r) => r.leagueId),
        rows.map((r) => r.teamId),
        rows.map((r) => r.row.player),
        rows.map((r) => r.row.position),
        rows.map((r) => r.row.status),
        rows.map((r) => r.row.type),
        rows.map((r) => r.row.reportedAt),
        collectedAt,
        provider,
      ],
    );
    inserted = result.rowCount ?? 0;
  }
  if (completeLeagues.length > 0) await clearRecovered(pool, provider, rows, completeLeagues, collectedAt);
  return { read: mapped.rows.length, inserted, unchanged: rows.length - inserted, rejected };
}

/** One statement: each listed league's players whose newest row is not "cleared" and who are absent from the pass. */
async function clearRecovered(
  pool: pg.Pool,
  provider: string,
  listed: readonly { teamId: number; row: CollectedInjury }[],
  leagues: readonly string[],
  collectedAt: Date,
): Promise<void> {
  await pool.query(
    `INSERT INTO "InjuryReport" ("leagueId", "teamId", player, position, status, type, "reportedAt", "collectedAt", source)
       SELECT last."leagueId", last."teamId", last.player, last.position, 'cleared', NULL, $4, $4, $5
         FROM (SELECT DISTINCT ON (r."teamId", r.player) r."leagueId", r."teamId", r.player, r.position, r.status
                 FROM "InjuryReport" r JOIN "League" l ON l.id = r."leagueId"
                WHERE l.key = ANY($1::text[]) AND r."collectedAt" <= $4
                ORDER BY r."teamId", r.player, r."collectedAt" DESC, r.id DESC) last
        WHERE last.status <> 'cleared'
          AND NOT EXISTS (SELECT 1 FROM unnest($2::int[], $3::text[]) AS seen(t, p) WHERE seen.t = last."teamId" AND seen.p = last.player)
       ON CONFLICT DO NOTHING`,
    [leagues, listed.map((r) => r.teamId), listed.map((r) => r.row.player), collectedAt, provider],
  );
}
