import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { createFreshDatabase } from "../../support/database";
import { waitForLockWaiters } from "../../support/lock-waits";
import { testPool } from "../../support/test-db";

/**
 * OddsSnapshot's game, bookmaker and import run are enforced by statement-level triggers instead of foreign keys
 * (migration 20261202161952_odds_snapshot_references). These are the rules the keys had, checked against the database.
 */
process.env.NEXTAUTH_SECRET ??= "integration-test-secret-integration-test-secret";
const { importFile } = await import("@/server/services/imports/import-file");

const pool = testPool();
afterAll(() => pool.end());

let runId: string;
let bookmakerId: number;

/** A fresh game of this file's own division, with three prices from the import. */
async function importGame(home: string, away: string): Promise<number> {
  const csv = `Div,Date,HomeTeam,AwayTeam,FTHG,FTAG,B365H,B365D,B365A\nRX9,01/08/2031,${home},${away},1,0,2.1,3.4,4.1\n`;
  const report = await importFile(pool, { source: "football-data", fileName: `${home}.csv`, bytes: Buffer.from(csv) });
  expect(report.status, report.message).toBe("SUCCEEDED");
  runId = report.importRunId!;
  const { rows } = await pool.query<{ id: number }>(
    `SELECT g.id FROM "Game" g JOIN "Team" t ON t.id = g."homeTeamId" WHERE t.name = $1`,
    [home],
  );
  return rows[0]!.id;
}

const insert = (db: pg.Pool | pg.PoolClient, gameId: number, bookId: number, importRunId: string | null = null) =>
  db.query(
    `INSERT INTO "OddsSnapshot" ("gameId", "bookmakerId", market, selection, phase, price, "capturedAt", source, "importRunId")
     VALUES ($1, $2, 'ONE_X_TWO', 'HOME', 'SNAPSHOT', 2.2, now(), 'references-test', $3)`,
    [gameId, bookId, importRunId],
  );

const snapshotsOf = async (gameId: number) =>
  (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM "OddsSnapshot" WHERE "gameId" = $1`, [gameId]))
    .rows[0]!.n;

beforeAll(async () => {
  await importGame("Refs Home", "Refs Away");
  const { rows } = await pool.query<{ id: number }>(`SELECT id FROM "Bookmaker" WHERE key = 'bet365'`);
  bookmakerId = rows[0]!.id;
});

describe("OddsSnapshot references", () => {
  it("refuses a row whose game, bookmaker or import run does not exist, on insert and on update", async () => {
    const gameId = await importGame("Refs Check", "Refs Other");
    await expect(insert(pool, 2_000_000_000, bookmakerId)).rejects.toMatchObject({ code: "23503" });
    await expect(insert(pool, gameId, 2_000_000_000)).rejects.toMatchObject({
      code: "23503",
      message: /bookmaker 2000000000/,
    });
    await expect(insert(pool, gameId, bookmakerId, "no-such-run")).rejects.toMatchObject({
      code: "23503",
      message: /import run/,
    });
    await expect(
      pool.query(`UPDATE "OddsSnapshot" SET "gameId" = 2000000000 WHERE "gameId" = $1`, [gameId]),
    ).rejects.toMatchObject({ code: "23503", message: /game 2000000000/ });
    await insert(pool, gameId, bookmakerId, runId);
    expect(await snapshotsOf(gameId)).toBe(4);
  });

  it("deleting a game deletes its prices; deleting a bookmaker with prices is refused; ids never change", async () => {
    const gameId = await importGame("Refs Gone", "Refs Left");
    expect(await snapshotsOf(gameId)).toBe(3);
    await pool.query(`DELETE FROM "ImportRunGame" WHERE "gameId" = $1`, [gameId]);
    await pool.query(`DELETE FROM "Game" WHERE id = $1`, [gameId]);
    expect(await snapshotsOf(gameId)).toBe(0);
    await expect(pool.query(`DELETE FROM "Bookmaker" WHERE id = $1`, [bookmakerId])).rejects.toMatchObject({
      code: "23503",
      message: /has stored prices/,
    });
    await expect(
      pool.query(`UPDATE "Bookmaker" SET id = id + 1000000 WHERE id = $1`, [bookmakerId]),
    ).rejects.toMatchObject({
      code: "23503",
    });
  });

  it("deleting an import run clears the reference on its prices", async () => {
    const gameId = await importGame("Refs Run", "Refs Runner");
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      // Other tables refer to the run too; only the prices' reference is this test's business.
      await client.query(`UPDATE "Game" SET "importRunId" = NULL WHERE "importRunId" = $1`, [runId]);
      await client.query(`DELETE FROM "ImportRun" WHERE id = $1`, [runId]);
      const { rows } = await client.query<{ n: number; linked: number }>(
        `SELECT count(*)::int AS n, count("importRunId")::int AS linked FROM "OddsSnapshot" WHERE "gameId" = $1`,
        [gameId],
      );
      expect(rows[0]).toEqual({ n: 3, linked: 0 });
    } finally {
      await client.query("ROLLBACK");
      client.release();
    }
  });

  it("a game being written to cannot be deleted until the writer commits, and then its new prices go with it", async () => {
    const gameId = await importGame("Refs Race", "Refs Racer");
    const writer = await pool.connect();
    const deleter = await pool.connect();
    try {
      await writer.query("BEGIN");
      await insert(writer, gameId, bookmakerId);
      await deleter.query("BEGIN");
      await deleter.query(`SET LOCAL lock_timeout = '300ms'`);
      await deleter.query(`DELETE FROM "ImportRunGame" WHERE "gameId" = $1`, [gameId]);
      // The writer holds the game as a key share: the delete waits for it (here: gives up after 300 ms).
      await expect(deleter.query(`DELETE FROM "Game" WHERE id = $1`, [gameId])).rejects.toMatchObject({
        code: "55P03",
      });
      await deleter.query("ROLLBACK");
      await writer.query("COMMIT");
      await pool.query(`DELETE FROM "ImportRunGame" WHERE "gameId" = $1`, [gameId]);
      await pool.query(`DELETE FROM "Game" WHERE id = $1`, [gameId]);
      expect(await snapshotsOf(gameId)).toBe(0);
    } finally {
      writer.release();
      deleter.release();
    }
  });

  it("a write that waited for a game's deletion is refused once the deletion commits", async () => {
    const gameId = await importGame("Refs Late", "Refs Later");
    const deleter = await pool.connect();
    const writer = await pool.connect();
    try {
      await deleter.query("BEGIN");
      await deleter.query(`DELETE FROM "ImportRunGame" WHERE "gameId" = $1`, [gameId]);
      await deleter.query(`DELETE FROM "Game" WHERE id = $1`, [gameId]);
      // The outcome is caught at once: the refusal can arrive before COMMIT's own reply does.
      const late = insert(writer, gameId, bookmakerId).then(
        () => null,
        (error: unknown) => error,
      );
      await waitForLockWaiters(pool, 1, "references-test");
      await deleter.query("COMMIT");
      expect(await late).toMatchObject({ code: "23503", message: /game/ });
      expect(await snapshotsOf(gameId)).toBe(0);
    } finally {
      deleter.release();
      writer.release();
    }
  });

  it("truncating games, bookmakers or import runs empties the prices too, as TRUNCATE ... CASCADE did", async () => {
    // TRUNCATE takes the whole table: a database of this test's own, so no other test file loses its rows.
    const own = new pg.Pool({ connectionString: await createFreshDatabase("linesmith_test_truncate"), max: 1 });
    try {
      const seed = async () => {
        await own.query(`INSERT INTO "Sport" (key, name) VALUES ('s', 'S') ON CONFLICT DO NOTHING`);
        const { rows } = await own.query<{ game: number; book: number }>(
          `WITH l AS (INSERT INTO "League" ("sportId", key, name) SELECT id, 'l-' || gen_random_uuid(), 'L' FROM "Sport" WHERE key = 's' RETURNING id),
                se AS (INSERT INTO "Season" ("leagueId", label, "startYear") SELECT id, '2031', 2031 FROM l RETURNING id, "leagueId"),
                t AS (INSERT INTO "Team" ("leagueId", name) SELECT l.id, n FROM l, unnest(ARRAY['A', 'B']) n RETURNING id),
                g AS (INSERT INTO "Game" ("leagueId", "seasonId", "homeTeamId", "awayTeamId", "startsAt", "localDate", "primarySource")
                      SELECT se."leagueId", se.id, (SELECT min(id) FROM t), (SELECT max(id) FROM t), now(), current_date, 'test' FROM se RETURNING id),
                b AS (INSERT INTO "Bookmaker" (key, name) VALUES ('b-' || gen_random_uuid(), 'B') RETURNING id)
           SELECT g.id AS game, b.id AS book FROM g, b`,
        );
        await insert(own, rows[0]!.game, rows[0]!.book);
      };
      const prices = async () =>
        (await own.query<{ n: number }>(`SELECT count(*)::int AS n FROM "OddsSnapshot"`)).rows[0]!.n;
      for (const table of ["Game", "Bookmaker", "ImportRun"]) {
        await seed();
        expect(await prices()).toBeGreaterThan(0);
        await own.query(`TRUNCATE "${table}" CASCADE`);
        expect(await prices(), table).toBe(0);
      }
    } finally {
      await own.end();
    }
  });
});
