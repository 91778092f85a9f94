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
import { EVENTS, publishEvent } from "@/server/jobs/events";
import { EventResolver } from "./resolve-event";

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
  await resolver.resolveMany(rows.map((r) => r.event));
  const out: { row: T; gameId: number }[] = [];
  const reported = new Set<string>();
  for (const row of rows) {
    const r = await resolver.resolve(row.event);
    if ("gameId" in r) out.push({ row, gameId: r.gameId });
    else if (!reported.has(row.event.externalId)) {
      reported.add(row.event.externalId);
      rejected.push({ event: row.event.externalId, message: r.rejected });
    }
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

// Only keys whose price or line moved (and whose provider time is newer) come back from the upsert; each
// of those, and nothing else, becomes a snapshot. Both writes are one statement, so one transaction.
const STORE_PRICES_SQL = `
WITH incoming AS (
  SELECT * FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::text[], $6::numeric[], $7::numeric[], $8::timestamptz[])
    AS x(g, b, m, p, s, l, pr, c)
), moved AS (
  INSERT INTO "OddsLatest" ("gameId", "bookmakerId", market, period, selection, line, price, "capturedAt", "receivedAt", source)
  SELECT g, b, m::"Market", p::"MarketPeriod", s::"Selection", l, pr, c, $9, $10 FROM incoming
  ON CONFLICT ("gameId", "bookmakerId", market, period, selection) DO UPDATE SET
    line = EXCLUDED.line, price = EXCLUDED.price, "capturedAt" = EXCLUDED."capturedAt", "receivedAt" = EXCLUDED."receivedAt",
    source = EXCLUDED.source
  WHERE ("OddsLatest".line, "OddsLatest".price) IS DISTINCT FROM (EXCLUDED.line, EXCLUDED.price)
    AND "OddsLatest"."capturedAt" < EXCLUDED."capturedAt"
  RETURNING "gameId", "bookmakerId", market, period, selection, line, price, "capturedAt"
)
INSERT INTO "OddsSnapshot" ("gameId", "bookmakerId", market, period, selection, phase, line, price, "capturedAt", "receivedAt", source)
SELECT "gameId", "bookmakerId", market, period, selection, 'SNAPSHOT', line, price, "capturedAt", $9, $10 FROM moved
ON CONFLICT DO NOTHING
RETURNING "gameId"`;

/**
 * A big pass is stored as a few statements on separate connections at once: most of a first poll's time is
 * the database checking each new row's foreign keys, which one statement does on one core. Every game's rows
 * stay in one statement (a game's prices are never half-written), and rows keep their key order in each,
 * so concurrent passes still take row locks in one global order.
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
  // One row per key (the newest), in key order, so concurrent passes lock rows in the same order.
  const byKey = new Map<string, { gameId: number; bookmakerId: number; row: CollectedPrice }>();
  for (const { row, gameId } of resolved) {
    const bookmakerId = books.get(row.bookmaker.key)!;
    const key = [gameId, bookmakerId, row.market, row.period, row.selection].join("|");
    const previous = byKey.get(key);
    if (!previous || previous.row.providerUpdatedAt < row.providerUpdatedAt)
      byKey.set(key, { gameId, bookmakerId, row });
  }
  const rows = [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
  const results = await Promise.all(
    chunksByGame(rows).map((chunk) =>
      pool.query(STORE_PRICES_SQL, [
        chunk.map((r) => r.gameId),
        chunk.map((r) => r.bookmakerId),
        chunk.map((r) => r.row.market),
        chunk.map((r) => r.row.period),
        chunk.map((r) => r.row.selection),
        chunk.map((r) => r.row.line),
        chunk.map((r) => r.row.price),
        chunk.map((r) => r.row.providerUpdatedAt),
        receivedAt,
        provider,
      ]),
    ),
  );
  const inserted = results.reduce((n, r) => n + (r.rowCount ?? 0), 0);
  if (inserted > 0) {
    // Bots that run on odds updates, and the re-scoring of predictions, look again at these games.
    const gameIds = [...new Set(results.flatMap((r) => r.rows.map((row: { gameId: number }) => row.gameId)))];
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
