import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importFile } from "@/server/services/imports/import-file";
import { importPaths } from "@/server/services/imports/import-paths";
import { dataPath, hasSharedData } from "../support/shared-data";
import { testPool } from "../support/test-db";

const pool = testPool();
afterAll(() => pool.end());

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(sql, params);
  return Number(rows[0]!.n);
}

describe.skipIf(!hasSharedData)("importers on the real files in ../shared/data", () => {
  beforeAll(async () => {
    await pool.query(`TRUNCATE "Game", "Team", "TeamAlias", "Season", "League", "Sport", "Bookmaker", "Player", "PlayerAlias", "ImportRun" CASCADE`);
  });

  it("imports nflverse games.csv with every game and closing line, and re-imports as a no-op", async () => {
    const first = await importPaths(pool, "nflverse", dataPath("nfl/nflverse_games.csv"));
    expect(first).toMatchObject({ files: 1, games: 7263, odds: 39232, rejected: 0, updated: 0 });
    expect(first.inserted).toBe(7263 + 39232);
    expect(await count(`SELECT count(*) n FROM "Team" t JOIN "League" l ON l.id = t."leagueId" WHERE l.key = 'nfl'`)).toBe(32);
    const again = await importPaths(pool, "nflverse", dataPath("nfl/nflverse_games.csv"));
    expect(again).toMatchObject({ games: 7263, odds: 39232, inserted: 0, updated: 0 });
    expect(again.reports[0]!.message).toMatch(/nothing changed/);
  });

  it("merges the SBR archive's nicknames into the same NFL teams and games", async () => {
    const report = await importPaths(pool, "sbr-nfl", dataPath("nfl/sbr_nfl_open_close_2011-2021.json"));
    // 13 rows are broken in the file (no home team, negative quarters); one names "NewYork" in 2013,
    // which could be the Giants or the Jets: rejected rather than guessed.
    expect(report.games).toBe(2942);
    expect(report.rejected).toBe(14);
    expect(report.errors.some((e) => /"NewYork" is ambiguous/.test(e.message))).toBe(true);
    expect(report.errors.some((e) => e.line === 174 && /home_2ndQtr/.test(e.message))).toBe(true);
    // Still 32 franchises: "Oakland", "LVRaiders", "Washingtom", "KCChiefs" ... resolved to existing teams.
    expect(await count(`SELECT count(*) n FROM "Team" t JOIN "League" l ON l.id = t."leagueId" WHERE l.key = 'nfl'`)).toBe(32);
    // Nearly every SBR game is a game nflverse already had (matched by teams and date).
    const onlySbr = await count(`SELECT count(*) n FROM "Game" WHERE "primarySource" = 'sbr-nfl'`);
    expect(onlySbr).toBeLessThan(30);
    const again = await importPaths(pool, "sbr-nfl", dataPath("nfl/sbr_nfl_open_close_2011-2021.json"));
    expect(again).toMatchObject({ inserted: 0, updated: 0 });
    const renImport = await importPaths(pool, "nflverse", dataPath("nfl/nflverse_games.csv"));
    expect(renImport).toMatchObject({ inserted: 0, updated: 0 });
  });

  it("imports a football-data season with every book, and tennis with Excel dates", async () => {
    const epl = await importPaths(pool, "football-data", dataPath("soccer/football-data/E0_2324.csv"));
    expect(epl).toMatchObject({ games: 380, rejected: 0 });
    expect(await count(`SELECT count(DISTINCT "bookmakerId") n FROM "OddsSnapshot" o JOIN "Game" g ON g.id = o."gameId" JOIN "League" l ON l.id = g."leagueId" WHERE l.key = 'eng-premier-league'`)).toBeGreaterThanOrEqual(8);
    const wta = await importPaths(pool, "tennis-data", dataPath("tennis/wta_2021.csv"));
    expect(wta).toMatchObject({ games: 2447, rejected: 0 });
    expect(await count(`SELECT count(*) n FROM "Game" g JOIN "League" l ON l.id = g."leagueId" WHERE l.key = 'wta' AND g."localDate" < '2021-01-01'`)).toBe(0);
  });

  it("imports the NBA archive and player logs, rejecting non-NBA games with a reason", async () => {
    const nba = await importPaths(pool, "sbr-nba", dataPath("nba/nba_games_odds_2007-08_to_2024-25.csv"));
    expect(nba).toMatchObject({ games: 23118, rejected: 0 });
    expect(await count(`SELECT count(*) n FROM "Team" t JOIN "League" l ON l.id = t."leagueId" WHERE l.key = 'nba'`)).toBe(30);
    const logs = await importPaths(pool, "nba-player-logs", dataPath("nba/nba_player_game_logs_2025-26.csv"));
    expect(logs.playerStats).toBe(29455);
    expect(logs.errors.some((e) => /not an NBA team/.test(e.message))).toBe(true);
    expect(await count(`SELECT count(*) n FROM "Team" t JOIN "League" l ON l.id = t."leagueId" WHERE l.key = 'nba'`)).toBe(30);
  });

  it("reports a bad row with its line and imports the rest of the file", async () => {
    const lines = (await readFile(dataPath("soccer/football-data/SP1_2324.csv"), "latin1")).split(/\r?\n/);
    lines[5] = lines[5]!.replace(/^SP1,[^,]+,/, "SP1,not-a-date,");
    const dir = await mkdtemp(path.join(tmpdir(), "linesmith-"));
    const file = path.join(dir, "SP1_2324.csv");
    await writeFile(file, lines.join("\n"), "latin1");
    const report = await importPaths(pool, "football-data", file);
    expect(report.games).toBe(379);
    expect(report.errors).toEqual([{ file: "SP1_2324.csv", line: 6, message: 'date "not-a-date" is not dd/mm/yy' }]);
  });

  it("refuses a file in the wrong format and writes nothing from it", async () => {
    const before = await count(`SELECT count(*) n FROM "Game"`);
    const bytes = await readFile(dataPath("tennis/atp_2023.csv"));
    const report = await importFile(pool, { source: "nflverse", fileName: "atp_2023.csv", bytes });
    expect(report.status).toBe("REFUSED");
    expect(report.message).toMatch(/missing columns game_id, season/);
    expect(await count(`SELECT count(*) n FROM "Game"`)).toBe(before);
    const run = await pool.query(`SELECT status FROM "ImportRun" WHERE id = $1`, [report.importRunId]);
    expect(run.rows[0].status).toBe("REFUSED");
  });
});
