import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importSyntheticEpl } from "../support/fixtures";
import { TEST_DATABASE_URL, testPool } from "../support/test-db";

process.env.DATABASE_URL = TEST_DATABASE_URL;

const pool = testPool();
afterAll(() => pool.end());

const { loadQuotes } = await import("@/server/services/quotes/load-quotes");
const { loadLeagueRecords } = await import("@/server/services/models/league-records");

let gameId = 0;
let game = { id: 0, startsAt: new Date(0) };
let leagueId = 0;

beforeAll(async () => {
  const { rovers } = await importSyntheticEpl(pool, "before");
  gameId = rovers;
  const { rows } = await pool.query<{ leagueId: number; startsAt: Date }>(`SELECT "leagueId", "startsAt" FROM "Game" WHERE id = $1`, [gameId]);
  leagueId = rows[0]!.leagueId;
  game = { id: gameId, startsAt: rows[0]!.startsAt };
  // Live collection stores timed snapshots: Pinnacle seen twice before kick-off and once after it.
  const start = rows[0]!.startsAt.getTime();
  const snapshots: [string, number, number][] = [
    ["HOME", 2.5, -48], ["DRAW", 3.3, -48], ["AWAY", 3.0, -48],
    ["HOME", 2.2, -1], ["DRAW", 3.4, -1], ["AWAY", 3.5, -1],
    ["HOME", 1.3, 1], ["DRAW", 5.0, 1], ["AWAY", 9.0, 1],
  ];
  for (const [selection, price, hours] of snapshots) {
    await pool.query(
      `INSERT INTO "OddsSnapshot" ("gameId", "bookmakerId", market, period, selection, phase, price, "capturedAt", source)
       SELECT $1, id, 'ONE_X_TWO', 'FULL_GAME', $2::"Selection", 'SNAPSHOT', $3, $4, 'test-live' FROM "Bookmaker" WHERE key = 'pinnacle'`,
      [gameId, selection, price, new Date(start + hours * 3_600_000)],
    );
  }
});

describe("stored quotes", () => {
  it("loads one shape for every reader, latest first, with the game's kick-off and the book", async () => {
    const quotes = await loadQuotes(pool, [game], { markets: ["ONE_X_TWO"] });
    const live = quotes.filter((q) => q.capturedAt !== null);
    expect(live).toHaveLength(9);
    expect(live[0]!.capturedAt!.getTime()).toBeGreaterThan(live[8]!.capturedAt!.getTime());
    expect(quotes.findIndex((q) => q.capturedAt === null)).toBeGreaterThan(quotes.findLastIndex((q) => q.capturedAt !== null));
    expect(quotes.every((q) => q.gameId === gameId && q.gameStartsAt instanceof Date && typeof q.bookmaker.id === "number")).toBe(true);
    const snapshotsOnly = await loadQuotes(pool, [game], { phases: ["SNAPSHOT"] });
    expect(snapshotsOnly).toHaveLength(9);
    expect(snapshotsOnly.every((q) => q.phase === "SNAPSHOT")).toBe(true);
  });

  it("shows timestamped prices to the model features, judged by capture time", async () => {
    // Only the live prices: the archive's rows for this game are removed, so the snapshots decide.
    await pool.query(`DELETE FROM "OddsSnapshot" WHERE "gameId" = $1 AND "capturedAt" IS NULL`, [gameId]);
    const { records, gameIds } = await loadLeagueRecords(pool, leagueId);
    const record = records.find((r) => gameIds.get(r.id) === gameId)!;
    expect(record.opening).toEqual({ home: 2.5, draw: 3.3, away: 3.0 });
    // The last price before kick-off closes the market; the in-play one after it does not count.
    expect(record.closing).toEqual({ home: 2.2, draw: 3.4, away: 3.5 });
    expect(record.closingSource).toBe("pinnacle");
  });
});
