import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syntheticLeagueCsv } from "../support/synthetic-league";
import { TEST_DATABASE_URL, testPool, testPrisma } from "../support/test-db";

process.env.DATABASE_URL = TEST_DATABASE_URL;
process.env.NEXTAUTH_SECRET ??= "integration-test-secret-integration-test-secret";

const prisma = testPrisma();
const pool = testPool();
const artifactDir = await mkdtemp(path.join(tmpdir(), "linesmith-models-"));
afterAll(async () => {
  await prisma.$disconnect();
  await pool.end();
  await rm(artifactDir, { recursive: true, force: true });
});

const { importFile } = await import("@/server/services/imports/import-file");
const { runQueuedEvaluations } = await import("@/server/services/models/evaluations");
const { inProcessTrainer } = await import("@/server/ml/trainer");
const { loadArtifact } = await import("@/server/ml/registry");
const { loadOnnx } = await import("@linesmith/gpu-service");
const { createCaller } = await import("@/server/api/root");
const { functions } = await import("@/inngest/functions");

const caller = (userId: string) => createCaller({ db: prisma as never, pool, session: { user: { id: userId, email: "x@example.com" }, expires: "2999-01-01" } as never });

let leagueId = 0;
beforeAll(async () => {
  await prisma.evaluation.deleteMany();
  const report = await importFile(pool, { source: "football-data", fileName: "synthetic-league.csv", bytes: Buffer.from(syntheticLeagueCsv([2015, 2016, 2017, 2018], 5)) });
  expect(report.status).toBe("SUCCEEDED");
  leagueId = (await prisma.league.findUniqueOrThrow({ where: { key: "football-data-x1" } })).id;
});

describe("model lab", () => {
  it("runs a queued evaluation end to end: walk-forward report, registry, ONNX artefacts, predictions", async () => {
    const owner = await prisma.user.create({ data: { email: `lab-${Date.now()}@example.com` } });
    const stranger = await prisma.user.create({ data: { email: `other-${Date.now()}@example.com` } });
    const options = await caller(owner.id).models.options();
    const lab = options.find((l) => l.id === leagueId)!;
    expect(lab.market).toBe("ONE_X_TWO");
    expect(lab.firstSeason).toBe(2015);

    await expect(caller(owner.id).models.evaluate({ leagueId, models: ["elo"], fromSeason: 2016 })).rejects.toThrow(/between 2017 and 2018/);
    await expect(caller(owner.id).models.evaluate({ leagueId, models: ["forest"], fromSeason: 2017 })).rejects.toThrow(/do not apply/);
    const { id } = await caller(owner.id).models.evaluate({ leagueId, models: ["logistic", "gbdt+market"], fromSeason: 2017 });
    await expect(caller(owner.id).models.evaluate({ leagueId, models: ["elo"], fromSeason: 2017 })).rejects.toThrow(/already have an evaluation/);

    const result = await runQueuedEvaluations(pool, inProcessTrainer, artifactDir);
    expect(result).toEqual({ ran: [id], failed: [] });

    const e = await caller(owner.id).models.evaluation({ id });
    expect(e.status).toBe("SUCCEEDED");
    expect(e.progress).toBe(1);
    const report = e.report!;
    expect(report.reportVersion).toBe(2);
    expect(report.testSeasons).toEqual([2017, 2018]);
    // 90 fixtures a season, minus the 5 unplayed at the end of 2018.
    expect(report.testGames).toBe(175);
    expect(report.models.map((m) => m.name)).toEqual(["logistic", "gbdt+market"]);
    for (const m of report.models) {
      expect(m.rps).toBeGreaterThan(0);
      expect(m.perSeason.map((s) => s.season)).toEqual([2017, 2018]);
      expect(m.reliability.reduce((s, b) => s + b.count, 0)).toBe(175 * 3);
      expect(m.importances.length).toBeGreaterThan(0);
    }
    expect(report.market.source).toBe("pinnacle");

    // Only models calibrated within what these games can show are registered and predict.
    const served = report.models.filter((m) => m.calibration.passed).map((m) => m.name).sort();
    expect(served).toContain("logistic");
    expect(e.versions.map((v) => [v.name, v.version, v.predictions])).toEqual(served.map((name) => [name, 1, 5]));
    for (const m of report.models) expect(m.calibration.passed).toBe(m.ece <= m.calibration.limit);
    const stored = await prisma.modelVersion.findFirstOrThrow({ where: { evaluationId: id, name: "logistic" } });
    expect(stored.artifact).toBeNull();
    expect(await readdir(artifactDir)).toContain(`${stored.artifactSha256}.onnx`);
    const session = await loadOnnx(await loadArtifact(stored));
    expect(session.features).toBe(stored.featureNames.length);
    await session.release();

    const predictions = await caller(owner.id).models.predictions({ modelVersionId: stored.id });
    expect(predictions.predictions).toHaveLength(5);
    for (const p of predictions.predictions) {
      expect(p.probabilities.home! + p.probabilities.draw! + p.probabilities.away!).toBeCloseTo(1, 5);
      expect(p.featuresHash).toMatch(/^[0-9a-f]{64}$/);
    }

    // The game page shows the caller's served models for an unplayed game, and nothing to anyone else.
    const forGame = await caller(owner.id).models.forGame({ gameId: predictions.predictions[0]!.gameId });
    expect(forGame.map((p) => p.model).sort()).toEqual(served);
    expect(await caller(stranger.id).models.forGame({ gameId: predictions.predictions[0]!.gameId })).toEqual([]);

    // Someone else's evaluation and predictions do not exist for a stranger.
    await expect(caller(stranger.id).models.evaluation({ id })).rejects.toThrow(/No such evaluation/);
    await expect(caller(stranger.id).models.predictions({ modelVersionId: stored.id })).rejects.toThrow(/No such model version/);
    expect(await caller(stranger.id).models.evaluations()).toEqual([]);
  });

  it("trains on a rolling window when asked", async () => {
    const owner = await prisma.user.create({ data: { email: `window-${Date.now()}@example.com` } });
    const { id } = await caller(owner.id).models.evaluate({ leagueId, models: ["elo"], fromSeason: 2017, trainSeasons: 2 });
    await runQueuedEvaluations(pool, inProcessTrainer);
    const { report } = await caller(owner.id).models.evaluation({ id });
    expect(report!.windows).toEqual([
      { testSeason: 2017, trainSeasons: [2015, 2016] },
      { testSeason: 2018, trainSeasons: [2016, 2017] },
    ]);
  });

  it("records a failure with its reason instead of losing the request", async () => {
    const owner = await prisma.user.create({ data: { email: `fail-${Date.now()}@example.com` } });
    const e = await prisma.evaluation.create({ data: { userId: owner.id, leagueId, models: ["logistic"], fromSeason: 2030 } });
    const result = await runQueuedEvaluations(pool, inProcessTrainer);
    expect(result.failed).toEqual([e.id]);
    const after = await prisma.evaluation.findUniqueOrThrow({ where: { id: e.id } });
    expect(after.status).toBe("FAILED");
    expect(after.error).toMatch(/no test season/);
  });

  it("shows a stored report of an older version as one to run again, not an error", async () => {
    const owner = await prisma.user.create({ data: { email: `old-${Date.now()}@example.com` } });
    // The shape of the first release's reports: no version, no window list, no ECE noise figure.
    const old = { sport: "soccer", classes: 3, testSeasons: [2017], games: 10, testGames: 5, models: [{ name: "logistic", logLoss: 1, ece: 0.1 }] };
    const e = await prisma.evaluation.create({ data: { userId: owner.id, leagueId, models: ["logistic"], fromSeason: 2017, status: "SUCCEEDED", report: old } });
    const read = await caller(owner.id).models.evaluation({ id: e.id });
    expect(read.report).toBeNull();
    expect(read.reportNotice).toMatch(/older version of Linesmith.*run the evaluation again/);
  });

  it("answers ids out of the database's range with a 400 naming the field, not a 500", async () => {
    const owner = await prisma.user.create({ data: { email: `range-${Date.now()}@example.com` } });
    const tooBig = 2 ** 31;
    const models = caller(owner.id).models;
    const attempts = [
      () => models.evaluation({ id: tooBig }),
      () => models.predictions({ modelVersionId: tooBig }),
      () => models.forGame({ gameId: tooBig }),
      () => models.evaluate({ leagueId: tooBig, models: ["elo"], fromSeason: 2017 }),
    ];
    for (const attempt of attempts) await expect(attempt()).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/is not a valid id/) });
  });

  it("is served as an Inngest function triggered by the evaluation event", async () => {
    const fn = functions.find((f) => f.id() === "linesmith-evaluate-models" || f.id().endsWith("evaluate-models"))!;
    expect(fn).toBeDefined();
    const engine = new InngestTestEngine({ function: fn });
    const { result } = await engine.execute({ events: [{ name: "linesmith/evaluation.requested", data: { evaluationId: 1 } }] });
    expect(result).toEqual({ ran: [], failed: [] });
  });
});
