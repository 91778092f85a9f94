import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiCaller } from "../../support/api-caller";
import { syntheticLeagueCsv } from "../../support/synthetic-league";
import { bookName } from "../../support/bookmakers";

const { prisma, pool, caller } = apiCaller();
const { importFile } = await import("@/server/services/imports/import-file");
const { runQueuedEvaluations } = await import("@/server/services/models/evaluations");
const { inProcessTrainer } = await import("@/server/ml/trainer");
const { scoreUpcoming } = await import("@/server/services/upcoming/rescore");
const { upcomingGames } = await import("@/server/services/upcoming/upcoming");

const artifactDir = await mkdtemp(path.join(tmpdir(), "linesmith-live-"));
afterAll(() => rm(artifactDir, { recursive: true, force: true }));

const HOUR = 3_600_000;
// The test's "now" is ten minutes ago, so what it writes "later" is already in the past for the routers' clock.
const now = new Date(Date.now() - 10 * 60_000);
// Other suites' scheduled games share the database: every view here keeps to this suite's league, a division
// of its own (X6). It was La Liga once, and failed whenever the importers' test had put a real La Liga season in
// it first: the evaluation then covered other games and its model could miss the calibration bar.
const LEAGUE = "football-data-x6";
let user = { id: "", role: "USER" as const };
let games: { id: number; home: string; away: string }[] = [];
let versionId = 0;

/** A timed snapshot of a full-game 1X2 price, `minutes` before the test's now. */
async function snapshot(gameId: number, book: string, selection: string, price: number, minutesAgo: number) {
  await pool.query(`INSERT INTO "Bookmaker" (key, name) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING`, [book, bookName(book)]);
  await pool.query(
    `INSERT INTO "OddsSnapshot" ("gameId", "bookmakerId", market, period, selection, phase, price, "capturedAt", source)
     SELECT $1, id, 'ONE_X_TWO', 'FULL_GAME', $2::"Selection", 'SNAPSHOT', $3, $4, 'test-live' FROM "Bookmaker" WHERE key = $5`,
    [gameId, selection, price, new Date(now.getTime() - minutesAgo * 60_000), book],
  );
}

beforeAll(async () => {
  // An invented league: four seasons, the last five fixtures unplayed.
  const csv = syntheticLeagueCsv([2015, 2016, 2017, 2018], 5).replaceAll("\nX1,", "\nX6,");
  const report = await importFile(pool, { source: "football-data", fileName: "live-league.csv", bytes: Buffer.from(csv) });
  expect(report.status).toBe("SUCCEEDED");
  const leagueId = (await prisma.league.findUniqueOrThrow({ where: { key: LEAGUE } })).id;
  const { rows } = await pool.query<{ id: number; home: string; away: string }>(
    `SELECT g.id, h.name AS home, a.name AS away FROM "Game" g JOIN "Team" h ON h.id = g."homeTeamId" JOIN "Team" a ON a.id = g."awayTeamId"
      WHERE g."leagueId" = $1 AND g."homeScore" IS NULL ORDER BY g."startsAt", g.id`,
    [leagueId],
  );
  games = rows;
  expect(games).toHaveLength(5);
  // Live now: the unplayed fixtures start in 2, 3, 4 and 30 hours; the fifth kicked off a minute ago.
  const starts = [2 * HOUR, 3 * HOUR, 4 * HOUR, 30 * HOUR, -60_000];
  for (const [i, g] of games.entries()) await pool.query(`UPDATE "Game" SET "startsAt" = $2 WHERE id = $1`, [g.id, new Date(now.getTime() + starts[i]!)]);

  // The first game's live market: Pinnacle and three soft books since an hour ago, one of them far off on the draw.
  const first = games[0]!.id;
  await pool.query(`DELETE FROM "OddsSnapshot" WHERE "gameId" = $1`, [first]);
  for (const [book, home, draw, away] of [
    ["pinnacle", 2.1, 3.4, 3.6],
    ["bet365", 2.05, 3.3, 3.5],
    ["williamhill", 2.0, 3.4, 3.6],
    ["unibet", 2.08, 3.35, 3.55],
    ["roguebook", 2.02, 6.5, 3.5],
  ] as const) {
    await snapshot(first, book, "HOME", home, 60);
    await snapshot(first, book, "DRAW", draw, 60);
    await snapshot(first, book, "AWAY", away, 60);
  }
  // Since then the home side shortened everywhere; bet365 now has the best away price.
  for (const [book, home] of [["pinnacle", 1.95], ["bet365", 1.9], ["williamhill", 1.92], ["unibet", 1.93], ["roguebook", 1.91]] as const) await snapshot(first, book, "HOME", home, 2);
  await snapshot(first, "bet365", "AWAY", 3.9, 1);

  user = { id: (await prisma.user.create({ data: { email: `live-${Date.now()}@example.com` } })).id, role: "USER" };
  await caller(user).models.evaluate({ leagueId, models: ["logistic"], fromSeason: 2017 });
  const ran = await runQueuedEvaluations(pool, inProcessTrainer, artifactDir);
  expect(ran.failed).toEqual([]);
  versionId = (await prisma.modelVersion.findFirstOrThrow({ where: { userId: user.id, name: "logistic" } })).id;
  // On the test's clock the evaluation ran five minutes before "now".
  await pool.query(`UPDATE "Prediction" SET "createdAt" = $2 WHERE "modelVersionId" = $1`, [versionId, new Date(now.getTime() - 5 * 60_000)]);
});

describe("the upcoming view", () => {
  it("lists games from now on with best prices, movement, freshness, flags and the newest predictions", async () => {
    const view = await upcomingGames(pool, user.id, { now, hours: 48, league: LEAGUE });
    const ids = view.games.map((g) => g.id);
    // The game that kicked off a minute ago is no longer upcoming.
    expect(ids).toEqual(games.slice(0, 4).map((g) => g.id));
    const first = view.games[0]!;
    const x12 = first.markets.find((m) => m.market === "ONE_X_TWO")!;
    const best = Object.fromEntries(x12.selections.map((s) => [s.selection, s]));
    expect(best.HOME).toMatchObject({ bookmaker: "pinnacle", price: 1.95, books: 5 });
    expect(best.AWAY).toMatchObject({ bookmaker: "bet365", price: 3.9 });
    // The rogue draw is flagged and is not the best price; the honest best draw is Pinnacle's or William Hill's.
    expect(best.DRAW!.price).toBe(3.4);
    expect(first.flags.map((f) => [f.bookmaker, f.selection, f.kind])).toEqual([["roguebook", "DRAW", "off-consensus"]]);
    // Home shortened at every book: the median book's change (Pinnacle, 2.10 -> 1.95); away moved at bet365 only.
    expect(best.HOME!.movement).toBeCloseTo(1.95 / 2.1 - 1, 10);
    expect(best.AWAY!.movement).toBeCloseTo(3.9 / 3.5 - 1, 10);
    expect(first.updatedAt!.getTime()).toBe(now.getTime() - 60_000);
    expect(first.openedAt!.getTime()).toBe(now.getTime() - 60 * 60_000);
    expect(first.predictions.map((p) => p.model)).toEqual(["logistic"]);
    expect(first.predictions[0]!.probabilities.home! + first.predictions[0]!.probabilities.draw! + first.predictions[0]!.probabilities.away!).toBeCloseTo(1, 5);
  });

  it("keeps to the window asked for and shows nobody else's models", async () => {
    const day = await upcomingGames(pool, user.id, { now, hours: 24, league: LEAGUE });
    expect(day.games.map((g) => g.id)).toEqual(games.slice(0, 3).map((g) => g.id));
    const stranger = (await prisma.user.create({ data: { email: `live-other-${Date.now()}@example.com` } })).id;
    const theirs = await upcomingGames(pool, stranger, { now, hours: 48 });
    expect(theirs.games.every((g) => g.predictions.length === 0)).toBe(true);
  });

  it("refuses a window it does not offer", async () => {
    await expect(caller(user).upcoming.list({ hours: 12 as never })).rejects.toThrow();
    await expect(caller(null).upcoming.list({ hours: 24 })).rejects.toThrow(/UNAUTHORIZED|sign in/i);
  });
});

describe("re-scoring upcoming predictions", () => {
  const rows = () =>
    pool.query<{ gameId: number; featuresHash: string; createdAt: Date }>(
      `SELECT "gameId", "featuresHash", "createdAt" FROM "Prediction" WHERE "modelVersionId" = $1 ORDER BY "gameId", "createdAt"`,
      [versionId],
    ).then((r) => r.rows);

  it("writes nothing while the features are those the evaluation predicted from", async () => {
    const before = await rows();
    const result = await scoreUpcoming(pool, { now: new Date(now.getTime() + 1000) });
    expect(result).toMatchObject({ leagues: 1, versions: 1, scored: 4, inserted: 0 });
    expect(await rows()).toEqual(before);
  });

  it("adds a prediction when the features change, keeps the old one, and never predicts a started game", async () => {
    const before = await rows();
    // A corrected result of the upcoming first game's home side changes its form and rating features.
    const { rows: played } = await pool.query<{ id: number }>(
      `SELECT g.id FROM "Game" g JOIN "Team" h ON h.id = g."homeTeamId" WHERE h.name = $1 AND g."homeScore" IS NOT NULL ORDER BY g."startsAt" DESC LIMIT 1`,
      [games[0]!.home],
    );
    await pool.query(`UPDATE "Game" SET "homeScore" = "homeScore" + 4 WHERE id = $1`, [played[0]!.id]);
    const later = new Date(now.getTime() + 60_000);
    // Two runs at once: the unique key lets each changed prediction in once.
    const [a, b] = await Promise.all([scoreUpcoming(pool, { now: later }), scoreUpcoming(pool, { now: later })]);
    expect(a.inserted + b.inserted).toBeGreaterThan(0);
    const after = await rows();
    const added = after.filter((r) => !before.some((o) => o.gameId === r.gameId && o.featuresHash === r.featuresHash));
    expect(added.length).toBeGreaterThan(0);
    expect(added.some((r) => r.gameId === games[0]!.id)).toBe(true);
    expect(new Set(added.map((r) => `${r.gameId}|${r.featuresHash}`)).size).toBe(added.length);
    // History kept: every earlier prediction is still there.
    expect(before.every((o) => after.some((r) => r.gameId === o.gameId && r.featuresHash === o.featuresHash))).toBe(true);
    // The started game has only what the evaluation wrote before it started.
    expect(after.filter((r) => r.gameId === games[4]!.id)).toEqual(before.filter((r) => r.gameId === games[4]!.id));
    expect(added.every((r) => r.gameId !== games[4]!.id)).toBe(true);

    // Readers take the newest prediction made before the moment they ask about.
    const newest = after.filter((r) => r.gameId === games[0]!.id).at(-1)!;
    const view = await upcomingGames(pool, user.id, { now: new Date(later.getTime() + 1000), hours: 48, league: LEAGUE });
    expect(view.games[0]!.predictions[0]!.predictedAt.getTime()).toBe(newest.createdAt.getTime());
    const earlier = await upcomingGames(pool, user.id, { now: new Date(later.getTime() - 1000), hours: 48, league: LEAGUE });
    expect(earlier.games[0]!.predictions[0]!.predictedAt.getTime()).toBeLessThan(later.getTime());
    const page = await caller(user).models.forGame({ gameId: games[0]!.id });
    expect(page[0]!.predictedAt.getTime()).toBe(newest.createdAt.getTime());
    const list = await caller(user).models.predictions({ modelVersionId: versionId });
    expect(list.predictions.map((p) => p.gameId).sort()).toEqual(games.map((g) => g.id).sort());
    expect(list.predictions.find((p) => p.gameId === games[0]!.id)!.featuresHash).toBe(newest.featuresHash);
    const evaluation = await caller(user).models.evaluation({ id: (await prisma.modelVersion.findUniqueOrThrow({ where: { id: versionId } })).evaluationId! });
    expect(evaluation.versions.find((v) => v.id === versionId)!.predictions).toBe(5);

    // Nothing changed since: the next run writes nothing.
    expect((await scoreUpcoming(pool, { now: new Date(later.getTime() + 60_000) })).inserted).toBe(0);
  });
});

describe("injury reports as model features", () => {
  // After the tests above: their last run was at now + 2 minutes.
  const asOf = new Date(now.getTime() + 5 * 60_000);
  const report = async (teamId: number, player: string, collectedAt: Date) =>
    pool.query(
      `INSERT INTO "InjuryReport" ("leagueId", "teamId", player, position, status, "collectedAt", source)
       SELECT "leagueId", id, $2, 'FW', 'Out', $3, 'test-live' FROM "Team" WHERE id = $1`,
      [teamId, player, collectedAt],
    );
  const teamsOf = async (gameId: number) =>
    (await pool.query<{ homeTeamId: number; awayTeamId: number; leagueId: number }>(`SELECT "homeTeamId", "awayTeamId", "leagueId" FROM "Game" WHERE id = $1`, [gameId])).rows[0]!;

  it("say in the report that the archive seasons had no injury data, and rank no importance for them", async () => {
    const evaluationId = (await prisma.modelVersion.findUniqueOrThrow({ where: { id: versionId } })).evaluationId!;
    const { report } = await caller(user).models.evaluation({ id: evaluationId });
    expect(report!.featuresWithoutData).toEqual(["injury_report_known", "players_out_home", "players_out_away"]);
    const logistic = report!.models.find((m) => m.name === "logistic")!;
    expect(logistic.importances.length).toBeGreaterThan(5);
    expect(logistic.importances.some((f) => report!.featuresWithoutData.includes(f.feature))).toBe(false);
    // The served model carries the columns, so it can be scored with reports once they exist.
    const version = await prisma.modelVersion.findUniqueOrThrow({ where: { id: versionId } });
    expect(version.featureNames).toEqual(expect.arrayContaining(["injury_report_known", "players_out_home"]));
  });

  it("count reports collected before the as-of time and before kick-off only, and re-score the game they change", async () => {
    const { loadLeagueRecords } = await import("@/server/services/models/league-records");
    const target = games[1]!;
    const { homeTeamId, awayTeamId, leagueId } = await teamsOf(target.id);
    await report(homeTeamId, `Before ${Date.now()}`, new Date(asOf.getTime() - 60_000));
    await report(awayTeamId, `After ${Date.now()}`, new Date(asOf.getTime() + 60_000));
    const { records, gameIds } = await loadLeagueRecords(pool, leagueId, { asOf });
    const byId = new Map(records.map((r) => [gameIds.get(r.id)!, r]));
    expect(byId.get(target.id)!.injuries).toEqual({ home: { out: 1, quarterbackOut: false }, away: null });
    // The team's played games kicked off years before the report was collected: they never see it.
    const played = records.filter((r) => r.homeScore !== null && (r.home === target.home || r.away === target.home));
    expect(played.length).toBeGreaterThan(10);
    expect(played.every((r) => r.injuries === undefined)).toBe(true);

    const predictions = () =>
      pool
        .query<{ featuresHash: string; probabilities: Record<string, number> }>(
          `SELECT "featuresHash", probabilities FROM "Prediction" WHERE "modelVersionId" = $1 AND "gameId" = $2 ORDER BY "createdAt", id`,
          [versionId, target.id],
        )
        .then((r) => r.rows);
    const before = await predictions();
    const result = await scoreUpcoming(pool, { now: asOf });
    expect(result.inserted).toBeGreaterThan(0);
    const after = await predictions();
    expect(after).toHaveLength(before.length + 1);
    expect(after.at(-1)!.featuresHash).not.toBe(before.at(-1)!.featuresHash);
    // Trained on seasons without reports, the model gives the columns no weight: the same probabilities.
    for (const k of ["home", "draw", "away"]) expect(after.at(-1)!.probabilities[k]).toBeCloseTo(before.at(-1)!.probabilities[k]!, 9);
    // The away side's report was collected after this moment: nothing more to write at the same as-of time.
    expect((await scoreUpcoming(pool, { now: asOf })).inserted).toBe(0);
  });
});
