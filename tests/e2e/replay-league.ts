import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { startReplay } from "../../server/integrations/replay/server";
import { databaseUrl } from "../support/database";
import { syntheticLeagueCsv } from "../support/synthetic-league";
import { importFootballFile } from "./import-csv";

/**
 * A league of invented clubs replayed as live for the loop specs (live-loop, bot-loop): one archive season
 * imported for history, a 2030 season served by the replay provider with a clock the spec moves, and the
 * product's `collect` command line reading it. Each spec takes a league no other spec plays, so its searches
 * and its cleanup are its own.
 */
export const run = promisify(execFile);
export const E2E_DB = databaseUrl("linesmith_test_e2e");

export async function withDb<T>(f: (db: pg.Client) => Promise<T>): Promise<T> {
  const db = new pg.Client({ connectionString: E2E_DB });
  await db.connect();
  try {
    return await f(db);
  } finally {
    await db.end();
  }
}

const BET365_OF_PINNACLE = [
  ["B365H", "PSH"],
  ["B365D", "PSD"],
  ["B365A", "PSA"],
  ["B365CH", "PSCH"],
  ["B365CD", "PSCD"],
  ["B365CA", "PSCA"],
] as const;

/**
 * Bet365 beside Pinnacle in every fixture, 2% shorter (no edge against a 2.5% margin), except one price of the
 * first fixture (Ashcombe v Brackwell), which the spec sets to make its value bet.
 */
function withBet365(csv: string, firstFixture: { column: (typeof BET365_OF_PINNACLE)[number][0]; price: number }): string {
  const [head, ...rows] = csv.trim().split("\n");
  const cols = head!.split(",");
  const out = rows.map((line, i) => {
    const v = line.split(",");
    const bet365 = BET365_OF_PINNACLE.map(([column, pinnacle]) =>
      i === 0 && column === firstFixture.column ? firstFixture.price.toFixed(2) : (Number(v[cols.indexOf(pinnacle)]) * 0.98).toFixed(2),
    );
    return [...v, ...bet365].join(",");
  });
  return [[...cols, ...BET365_OF_PINNACLE.map(([column]) => column)].join(","), ...out].join("\n") + "\n";
}

export interface ReplayLeague {
  /** A temporary folder the spec may write into. */
  dir: string;
  /** One `collect --provider replay --once --json` pass, as a scheduler would run it. */
  collect(): Promise<{ inserted: number; events: number; rejected: number }>;
  /** Sets the replay's clock to this many real minutes after the replay started (archive hours at 60x). */
  setClock(minutesAhead: number): void;
  /** Stops the replay and deletes the league's games (delete the spec's users and their bets first). */
  close(): Promise<void>;
}

export async function startReplayLeague(options: {
  /** football-data division code of the league ("SP1", "E1") */
  division: string;
  leagueKey: string;
  oddsApiSport: string;
  firstFixture: { column: "B365A" | "B365CA"; price: number };
}): Promise<ReplayLeague> {
  const dir = await mkdtemp(path.join(tmpdir(), `linesmith-e2e-${options.leagueKey}-`));
  const archive = path.join(dir, "archive.csv");
  const live = path.join(dir, "live.csv");
  const inDivision = (csv: string) => csv.replaceAll("\nX1,", `\n${options.division},`);
  await writeFile(archive, inDivision(syntheticLeagueCsv([2020], 0, 21)));
  await writeFile(live, withBet365(inDivision(syntheticLeagueCsv([2030], 0, 22)), options.firstFixture));
  await importFootballFile(archive);
  // The replay's clock moves only when the spec moves it: with the real time ticking underneath, a loaded machine
  // once carried the fixture past kick-off between two steps (an archive hour per real minute at 60x).
  const started = Date.now();
  let offsetMs = 0;
  const replay = await startReplay({ source: "football-data", files: [live], speed: 60, apiKey: "replay", realNow: () => new Date(started + offsetMs) });
  return {
    dir,
    async collect() {
      const { stdout } = await run("npx", ["tsx", "scripts/collect.ts", "--provider", "replay", "--once", "--json"], {
        env: { ...process.env, DATABASE_URL: E2E_DB, REPLAY_BASE_URL: replay.url, ODDS_API_SPORTS: options.oddsApiSport, ODDS_API_REGIONS: "uk,eu" },
      });
      return JSON.parse(stdout) as { inserted: number; events: number; rejected: number };
    },
    setClock(minutesAhead) {
      offsetMs = minutesAhead * 60_000;
    },
    async close() {
      await replay.close();
      // Leave no live game of this league behind for other specs' searches.
      await withDb(async (db) => {
        await db.query(`DELETE FROM "Game" WHERE "leagueId" IN (SELECT id FROM "League" WHERE key = $1)`, [options.leagueKey]);
        await db.query(`DELETE FROM "League" WHERE key = $1`, [options.leagueKey]);
      });
    },
  };
}
