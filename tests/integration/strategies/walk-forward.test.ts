import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordsFromBatch } from "@/server/domain/features/records";
import { SOURCE_FORMATS } from "@/server/domain/imports";
import { syntheticLeagueCsv } from "../../support/synthetic-league";
import { TEST_DATABASE_URL, testPool, testPrisma } from "../../support/test-db";

process.env.DATABASE_URL = TEST_DATABASE_URL;
process.env.NEXTAUTH_SECRET ??= "integration-test-secret-integration-test-secret";

const prisma = testPrisma();
const pool = testPool();
afterAll(async () => {
  await prisma.$disconnect();
  await pool.end();
});

const { importFile } = await import("@/server/services/imports/import-file");
const { runQueuedEvaluations } = await import("@/server/services/models/evaluations");
const { loadWalkForwardProbabilities, storeWalkForwardPredictions } =
  await import("@/server/services/models/walk-forward-predictions");
const { walkForwardProbabilities } = await import("@/server/ml/walk-forward");
const { inProcessTrainer } = await import("@/server/ml/trainer");
const { createCaller } = await import("@/server/api/root");

const caller = (userId: string) =>
  createCaller({ db: prisma, pool, session: { user: { id: userId, role: "USER" }, expires: "2999-01-01" } });
const csv = (seasons: number[], unplayed = 0) => syntheticLeagueCsv(seasons, unplayed);
const records = (seasons: number[], unplayed = 0) =>
  recordsFromBatch(SOURCE_FORMATS["football-data"].parse(csv(seasons, unplayed), "synthetic.csv"));

describe("walk-forward probabilities from files", () => {
  it("predicts each season from earlier seasons only: later seasons change nothing", async () => {
    const all = await walkForwardProbabilities(records([2015, 2016, 2017, 2018], 5), inProcessTrainer, ["elo"]);
    const seasonOf = new Map(records([2015, 2016, 2017, 2018], 5).map((r) => [r.id, r]));
    const predicted = [...all.keys()].map((id) => seasonOf.get(id)!);
    // Two seasons of warm-up are never predicted; unplayed games are not measured.
    expect(new Set(predicted.map((r) => r.season))).toEqual(new Set([2017, 2018]));
    expect(predicted.every((r) => r.homeScore !== null)).toBe(true);
    expect(all.size).toBe(175);
    for (const p of all.values()) {
      expect(Object.keys(p)).toEqual(["elo"]);
      expect(p.elo!.home + p.elo!.draw! + p.elo!.away).toBeCloseTo(1, 5);
    }

    const without2018 = await walkForwardProbabilities(records([2015, 2016, 2017]), inProcessTrainer, ["elo"]);
    expect(without2018.size).toBe(90);
    for (const [id, p] of without2018) expect(all.get(id)).toEqual(p);
  });
});

describe("walk-forward predictions stored per evaluation", () => {
  let leagueId = 0;
  let owner = "";
  let stranger = "";
  let evaluationId = 0;

  beforeAll(async () => {
    const report = await importFile(pool, {
      source: "football-data",
      fileName: "synthetic-league.csv",
      bytes: Buffer.from(csv([2015, 2016, 2017, 2018], 5)),
    });
    expect(report.status).toBe("SUCCEEDED");
    leagueId = (await prisma.league.findUniqueOrThrow({ where: { key: "football-data-x1" } })).id;
    owner = (await prisma.user.create({ data: { email: `wf-${Date.now()}@example.com` } })).id;
    stranger = (await prisma.user.create({ data: { email: `wf-other-${Date.now()}@example.com` } })).id;
    evaluationId = (await caller(owner).models.evaluate({ leagueId, models: ["elo"], fromSeason: 2017 })).id;
    expect(await runQueuedEvaluations(pool, inProcessTrainer)).toEqual({ ran: [evaluationId], failed: [] });
  });

  it("keeps every test game's out-of-sample prediction once, with its test season", async () => {
    const e = await caller(owner).models.evaluation({ id: evaluationId });
    expect(e.report!.testGames).toBe(175);
    const { rows } = await pool.query<{ n: number; games: number; wrongSeason: number; notOne: number }>(
      `SELECT COUNT(*)::int AS n, COUNT(DISTINCT w."gameId")::int AS games,
              COUNT(*) FILTER (WHERE s."startYear" <> w."testSeason")::int AS "wrongSeason",
              COUNT(*) FILTER (WHERE abs(w.home + w.draw + w.away - 1) > 1e-5)::int AS "notOne"
         FROM "WalkForwardPrediction" w JOIN "Game" g ON g.id = w."gameId" JOIN "Season" s ON s.id = g."seasonId"
        WHERE w."evaluationId" = $1 AND w.model = 'elo'`,
      [evaluationId],
    );
    expect(rows[0]).toEqual({ n: 175, games: 175, wrongSeason: 0, notOne: 0 });

    // Writing the same predictions again (a retried run) adds nothing.
    const stored = await pool.query<{ gameId: number; testSeason: number; home: number; draw: number; away: number }>(
      `SELECT "gameId", "testSeason", home, draw, away FROM "WalkForwardPrediction" WHERE "evaluationId" = $1`,
      [evaluationId],
    );
    const again = stored.rows.map((r) => ({
      recordId: String(r.gameId),
      model: "elo",
      testSeason: r.testSeason,
      probabilities: [r.home, r.draw, r.away],
    }));
    const ids = new Map(stored.rows.map((r) => [String(r.gameId), r.gameId]));
    expect(await storeWalkForwardPredictions(pool, evaluationId, again, ids, 3)).toBe(0);
    expect(await prisma.walkForwardPrediction.count({ where: { evaluationId } })).toBe(175);
  });

  it("reads the owner's latest succeeded evaluation per league, nobody else's", async () => {
    const mine = await loadWalkForwardProbabilities(pool, { userId: owner, leagueIds: [leagueId], model: "elo" });
    expect(mine.size).toBe(175);
    expect(await loadWalkForwardProbabilities(pool, { userId: owner, leagueIds: [], model: "elo" })).toEqual(mine);
    expect(
      (await loadWalkForwardProbabilities(pool, { userId: stranger, leagueIds: [leagueId], model: "elo" })).size,
    ).toBe(0);
    expect(
      (await loadWalkForwardProbabilities(pool, { userId: owner, leagueIds: [leagueId], model: "gbdt" })).size,
    ).toBe(0);

    // A later evaluation of the same model replaces the earlier one's rows, whole.
    const later = await prisma.evaluation.create({
      data: {
        userId: owner,
        leagueId,
        models: ["elo"],
        fromSeason: 2018,
        status: "SUCCEEDED",
        finishedAt: new Date(Date.now() + 60_000),
      },
    });
    const [gameId] = mine.keys();
    await prisma.walkForwardPrediction.create({
      data: {
        evaluationId: later.id,
        model: "elo",
        gameId: gameId!,
        testSeason: 2018,
        home: 0.5,
        draw: 0.3,
        away: 0.2,
      },
    });
    const latest = await loadWalkForwardProbabilities(pool, { userId: owner, leagueIds: [leagueId], model: "elo" });
    expect([...latest]).toEqual([[gameId, { home: 0.5, draw: 0.3, away: 0.2 }]]);
    // A failed evaluation's rows are never read.
    await prisma.evaluation.update({ where: { id: later.id }, data: { status: "FAILED" } });
    expect(
      (await loadWalkForwardProbabilities(pool, { userId: owner, leagueIds: [leagueId], model: "elo" })).size,
    ).toBe(175);
  });
});
