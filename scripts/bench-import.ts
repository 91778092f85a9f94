import { performance } from "node:perf_hooks";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "../server/db/generated/client";
import { applyMigrations } from "../server/db/migrations";
import { createPool } from "../server/db/pool";
import type { ImportSource } from "../server/domain/imports";
import { getGame, listGames } from "../server/services/catalog/games";
import { importPaths } from "../server/services/imports/import-paths";

/**
 * `npm run bench:import`: imports everything in ../shared/data into an EMPTY database (a fresh
 * `linesmith_bench` on BENCH_DATABASE_ADMIN_URL, default the local PostgreSQL), prints rows/s and total time,
 * then times the games-list and game-detail queries (p50/p95 over 200 calls each). With `--queries-only` it
 * times the queries on the database a previous run left.
 */
const queriesOnly = process.argv.includes("--queries-only");
const DATA = path.resolve(import.meta.dirname, "../../shared/data");
const ADMIN = process.env.BENCH_DATABASE_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const PLAN: [ImportSource, string][] = [
  ["nflverse", "nfl/nflverse_games.csv"],
  ["fte-nfl", "nfl/fte_nfl_games_1920-2020.csv"],
  ["sbr-nfl", "nfl/sbr_nfl_open_close_2011-2021.json"],
  ["sbr-nba", "nba/nba_games_odds_2007-08_to_2024-25.csv"],
  ["nba-player-logs", "nba/nba_player_game_logs_2025-26.csv"],
  ["tennis-data", "tennis"],
  ["football-data", "soccer/football-data"],
];

const url = new URL(ADMIN);
url.pathname = "/linesmith_bench";
if (!queriesOnly) {
  const admin = new pg.Client({ connectionString: ADMIN });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS linesmith_bench WITH (FORCE)`);
  await admin.query(`CREATE DATABASE linesmith_bench`);
  await admin.end();
}
await applyMigrations(url.toString());
const pool = createPool(url.toString());

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

let rows = 0;
const start = performance.now();
if (!queriesOnly) console.log(`Import of ${DATA} into an empty database`);
for (const [source, rel] of queriesOnly ? [] : PLAN) {
  const t0 = performance.now();
  const s = await importPaths(pool, source, path.join(DATA, rel));
  const seconds = (performance.now() - t0) / 1000;
  const written = s.games + s.odds + s.playerStats;
  rows += written;
  console.log(
    `  ${source.padEnd(16)} files ${String(s.files).padStart(2)}  games ${String(s.games).padStart(6)}  odds ${String(s.odds).padStart(8)}` +
      `  rejected ${String(s.rejected).padStart(5)}  ${seconds.toFixed(1).padStart(5)} s  ${Math.round(written / seconds).toLocaleString()} rows/s`,
  );
}
const total = (performance.now() - start) / 1000;
if (!queriesOnly) console.log(`  total: ${rows.toLocaleString()} rows in ${total.toFixed(1)} s (${Math.round(rows / total).toLocaleString()} rows/s)`);
// Fresh planner statistics, as autovacuum gives a live database soon after a bulk load; without them the
// first queries plan for empty tables.
await pool.query("ANALYZE");

const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url.toString() }) });
const { rows: ids } = await pool.query<{ id: number }>(`SELECT id FROM "Game" ORDER BY random() LIMIT 200`);
const { rows: leagues } = await pool.query<{ key: string }>(`SELECT key FROM "League"`);
async function time(label: string, run: (i: number) => Promise<unknown>) {
  for (let i = 0; i < 10; i++) await run(i);
  const samples: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t0 = performance.now();
    await run(i);
    samples.push(performance.now() - t0);
  }
  console.log(`  ${label.padEnd(44)} p50 ${fmt(pct(samples, 50))}  p95 ${fmt(pct(samples, 95))}`);
}
console.log("Queries (200 calls each, after 10 warm-up calls)");
await time("games list (newest 25, all leagues)", () => listGames(db, { limit: 25 }));
await time("games list (one league, 25)", (i) => listGames(db, { league: leagues[i % leagues.length]!.key, limit: 25 }));
await time("games list (team text search, 25)", () => listGames(db, { search: "Arsenal", limit: 25 }));
await time("game detail (odds tables + movement)", (i) => getGame(db, pool, ids[i % ids.length]!.id));
await db.$disconnect();
await pool.end();
