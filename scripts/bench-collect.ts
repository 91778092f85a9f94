import { fork } from "node:child_process";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "../server/db/generated/client";
import { applyMigrations } from "../server/db/migrations";
import { createPool } from "../server/db/pool";
import { parseEnv } from "../server/env";
import { sampleEvents } from "../server/integrations/the-odds-api/sample-events";
import { getGame, listGames } from "../server/services/catalog/games";
import { providers } from "../server/services/collection/providers";
import { runCollector } from "../server/services/collection/run";
import { importFile } from "../server/services/imports/import-file";
import type { FeedCommand } from "./bench-collect-feed";

/**
 * `npm run bench:collect`: live collection on a fresh database (`linesmith_bench_collect`):
 *  - one Odds API poll of 100 events x 40 books x 3 markets through the real client, mapping and store,
 *    served by the fake server (in a process of its own); the same poll again (nothing moved) and one where a tenth of the prices moved;
 *  - the games list and a game page with a million timestamped snapshots in the table (p50/p95 over 200 calls).
 */
const ADMIN = process.env.BENCH_DATABASE_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const url = new URL(ADMIN);
url.pathname = "/linesmith_bench_collect";
const admin = new pg.Client({ connectionString: ADMIN });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS linesmith_bench_collect WITH (FORCE)`);
await admin.query(`CREATE DATABASE linesmith_bench_collect`);
await admin.end();
await applyMigrations(url.toString());
const pool = createPool(url.toString());
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

// The clubs exist from an archive season first (live names resolve against them, never create them).
const now = new Date();
const events = sampleEvents(100, 40, now, "soccer_epl");
const lines = ["Div,Date,Time,HomeTeam,AwayTeam,FTHG,FTAG,FTR,PSH,PSD,PSA"];
events.forEach((e, i) =>
  lines.push(
    `E0,${String((i % 28) + 1).padStart(2, "0")}/09/2024,15:00,${e.home_team},${e.away_team},1,0,H,2.1,3.4,3.5`,
  ),
);
await importFile(pool, {
  source: "football-data",
  fileName: "bench-clubs.csv",
  bytes: Buffer.from(lines.join("\n") + "\n"),
});
// Nine hundred more games (an invented league over ten seasons) to spread the price history over.
const { syntheticLeagueCsv } = await import("../tests/support/synthetic-league");
const history = syntheticLeagueCsv([2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023]);
await importFile(pool, { source: "football-data", fileName: "bench-history.csv", bytes: Buffer.from(history) });

// The fake server runs in its own process (see bench-collect-feed.ts).
const feed = fork(fileURLToPath(new URL("./bench-collect-feed.ts", import.meta.url)), [], {
  execArgv: ["--import", "tsx"],
  stdio: ["ignore", "inherit", "inherit", "ipc"],
});
const reply = () => new Promise<{ url?: string }>((resolve) => feed.once("message", resolve));
const feedUrl = (await reply()).url!;
async function serve(command: FeedCommand) {
  const answered = reply();
  feed.send(command);
  await answered;
}
const env = parseEnv({
  ...process.env,
  DATABASE_URL: url.toString(),
  NEXTAUTH_SECRET: "x".repeat(32),
  ODDS_API_KEY: "test-key",
  ODDS_API_BASE_URL: feedUrl,
  ODDS_API_SPORTS: "soccer_epl",
  ODDS_API_REGIONS: "uk,eu,us,au",
});
const provider = providers(env)["the-odds-api"];
async function poll(label: string, at: Date) {
  const t0 = performance.now();
  const r = await runCollector(pool, provider, { now: at, kind: "odds" });
  const ms = performance.now() - t0;
  console.log(
    `  ${label.padEnd(34)} ${ms.toFixed(0).padStart(5)} ms: ${r.snapshots} prices read, ${r.inserted} stored, ${r.unchanged} unchanged, ${r.rejected} rejected (${r.events} events)`,
  );
}
console.log("One Odds API poll, end to end (HTTP from the fake server, parse, map, resolve, store)");
// A collector runs every minute, so its code is compiled and its connections open when new games appear. The
// process's very first poll (other games, a month later) is printed too: it pays for both once.
const sample = (at: Date): FeedCommand => ({
  kind: "sample",
  n: 100,
  books: 40,
  at: at.toISOString(),
  sport: "soccer_epl",
});
await serve(sample(new Date(now.getTime() + 30 * 86_400_000)));
await poll("first poll of a cold process", now);
await serve(sample(now));
await poll("first poll", now);
await poll("same poll again", new Date(now.getTime() + 60_000));
await serve({ kind: "move-tenth", at: new Date(now.getTime() + 120_000).toISOString() });
await poll("a tenth of the books moved", new Date(now.getTime() + 180_000));
feed.disconnect();

// A million timestamped snapshots over about a thousand games: each game gets the line history of a live game
// (its 280 prices, each moving a few times), shifted to its own kick-off.
const t1 = performance.now();
const { rows: count } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM "OddsSnapshot"`);
const need = 1_000_000 - Number(count[0]!.n);
await pool.query(
  `WITH live AS (SELECT DISTINCT "gameId" FROM "OddsSnapshot" WHERE source = 'the-odds-api'),
        template AS (SELECT s.* FROM "OddsSnapshot" s WHERE s."gameId" = (SELECT min("gameId") FROM live)),
        games AS (SELECT id, "startsAt" FROM "Game" WHERE id NOT IN (SELECT "gameId" FROM live))
   INSERT INTO "OddsSnapshot" ("gameId", "bookmakerId", market, period, selection, phase, line, price, "capturedAt", source)
   SELECT g.id, t."bookmakerId", t.market, t.period, t.selection, 'SNAPSHOT', t.line, t.price + (k % 7) * 0.01,
          g."startsAt" - make_interval(hours => k * 6) - (now() - t."capturedAt"), 'bench'
     FROM games g, template t, generate_series(1, 6) k
    LIMIT $1
   ON CONFLICT DO NOTHING`,
  [need],
);
await pool.query("ANALYZE");
const { rows: total } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM "OddsSnapshot"`);
console.log(
  `History: ${Number(total[0]!.n).toLocaleString("en")} snapshots in the table (${((performance.now() - t1) / 1000).toFixed(1)} s to write)`,
);

const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url.toString() }) });
const { rows: ids } = await pool.query<{ id: number }>(`SELECT id FROM "Game" ORDER BY random() LIMIT 200`);
async function time(label: string, run: (i: number) => Promise<unknown>) {
  for (let i = 0; i < 10; i++) await run(i);
  const samples: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t0 = performance.now();
    await run(i);
    samples.push(performance.now() - t0);
  }
  console.log(`  ${label.padEnd(44)} p50 ${pct(samples, 50).toFixed(1)} ms  p95 ${pct(samples, 95).toFixed(1)} ms`);
}
console.log("Queries (200 calls each, after 10 warm-up calls)");
await time("games list (newest 25)", () => listGames(db, { limit: 25 }));
await time("game page (odds tables + movement)", (i) => getGame(db, pool, ids[i % ids.length]!.id));
await db.$disconnect();
await pool.end();
