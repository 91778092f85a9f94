import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiCaller, type Who } from "../../support/api-caller";

const { prisma, pool, caller } = apiCaller();
const { evaluateCalibrationAlerts } = await import("@/server/services/alerts/calibration");
const { evaluateAlertsJob } = await import("@/inngest/jobs");
const { bulkPool } = await import("@/server/db/client");

const LEAGUE = "calibration-alert-test-league";
const HOUR = 3_600_000;
const EVALUATED = { ece: 0.03, eceNoise: 0.02, testGames: 900 };

type Probs = { home: number; draw: number; away: number };
type Outcome = "HOME" | "DRAW" | "AWAY";
const SCORE: Record<Outcome, [number, number]> = { HOME: [2, 0], DRAW: [1, 1], AWAY: [0, 1] };

describe("model calibration drift alerts", () => {
  let alice: Who;
  let bob: Who;
  let leagueId: number;
  let seasonId: number;
  let teams: [number, number];
  let day = 0;

  /** Finished games of the last days (10 h apart), each with the model's prediction made before kick-off. */
  async function graded(modelVersionId: number, outcomes: Outcome[], probs: Probs, after?: Probs) {
    const now = Date.now();
    for (let i = 0; i < outcomes.length; i++) {
      const startsAt = new Date(now - (i + 1) * 10 * HOUR);
      const [homeScore, awayScore] = SCORE[outcomes[i]!];
      const game = await prisma.game.create({
        data: {
          leagueId, seasonId, homeTeamId: teams[0], awayTeamId: teams[1], startsAt, startTimeKnown: true, primarySource: "test",
          localDate: new Date(Date.UTC(2001, 0, ++day)), status: "FINAL", homeScore, awayScore,
        },
      });
      await prisma.prediction.create({ data: { modelVersionId, gameId: game.id, probabilities: probs, featuresHash: "before", createdAt: new Date(startsAt.getTime() - 2 * HOUR) } });
      // Re-scored after kick-off (data arrived later): never what the model said while it could be bet.
      if (after) await prisma.prediction.create({ data: { modelVersionId, gameId: game.id, probabilities: after, featuresHash: "after", createdAt: new Date(startsAt.getTime() + HOUR) } });
    }
  }

  async function model(userId: string, name: string) {
    return prisma.modelVersion.create({
      data: {
        userId, leagueId, name, kind: "logistic", featureGroup: "ratings", version: 1, trainedFrom: new Date("2020-01-01"), trainedTo: new Date("2026-06-01"),
        trainGames: 1000, featureNames: ["elo"], params: {}, metrics: EVALUATED, artifactSha256: "0".repeat(64), artifactBytes: 0,
      },
    });
  }

  const outcomes = (home: number, draw: number, away: number): Outcome[] =>
    [...Array<Outcome>(home).fill("HOME"), ...Array<Outcome>(draw).fill("DRAW"), ...Array<Outcome>(away).fill("AWAY")];

  beforeAll(async () => {
    const sport = await prisma.sport.upsert({ where: { key: "soccer" }, create: { key: "soccer", name: "Soccer" }, update: {} });
    await prisma.league.deleteMany({ where: { key: LEAGUE } });
    const league = await prisma.league.create({
      data: { key: LEAGUE, name: "Calibration League", sportId: sport.id, seasons: { create: { label: "2026-27", startYear: 2026 } } },
      include: { seasons: true },
    });
    leagueId = league.id;
    seasonId = league.seasons[0]!.id;
    const [h, a] = await Promise.all(["Cal Home", "Cal Away"].map((name) => prisma.team.create({ data: { leagueId, name } })));
    teams = [h!.id, a!.id];
    alice = await prisma.user.create({ data: { email: `alice-calib-${Date.now()}@example.com` }, select: { id: true, role: true } });
    bob = await prisma.user.create({ data: { email: `bob-calib-${Date.now()}@example.com` }, select: { id: true, role: true } });
  });

  afterAll(async () => {
    await prisma.user.deleteMany({ where: { id: { in: [alice.id, bob.id] } } });
    await prisma.league.deleteMany({ where: { key: LEAGUE } });
    await bulkPool.end();
  });

  it("a badly calibrated model fires once with its figures; a calibrated one and one under 50 games do not", async () => {
    // Says 80 % home; home won a third of 60 games.
    const bad = await model(alice.id, "overconfident");
    await graded(bad.id, outcomes(20, 20, 20), { home: 0.8, draw: 0.1, away: 0.1 });
    // Says 45/25/30 and the results came 27/15/18 of 60; its post-kick-off re-scores (99 % home) must not count.
    const good = await model(alice.id, "honest");
    await graded(good.id, outcomes(27, 15, 18), { home: 0.45, draw: 0.25, away: 0.3 }, { home: 0.99, draw: 0.005, away: 0.005 });
    // As wrong as the first, on 40 games only.
    const young = await model(alice.id, "young");
    await graded(young.id, outcomes(14, 13, 13), { home: 0.8, draw: 0.1, away: 0.1 });

    const api = caller(alice);
    const window = { by: "days" as const, days: 30 };
    const badRule = await api.alerts.create({ name: "Overconfident drift", kind: "MODEL_CALIBRATION", params: { modelVersionId: bad.id, window } });
    const goodRule = await api.alerts.create({ name: "Honest drift", kind: "MODEL_CALIBRATION", params: { modelVersionId: good.id, window } });
    const youngRule = await api.alerts.create({ name: "Young drift", kind: "MODEL_CALIBRATION", params: { modelVersionId: young.id } });
    expect(youngRule.params).toEqual({ modelVersionId: young.id, window: { by: "days", days: 30 } });

    const statuses = new Map((await api.alerts.calibrationStatus()).map((s) => [s.ruleId, s]));
    expect(statuses.get(badRule.id)!.check).toMatchObject({ status: "drifted", games: 60 });
    expect(statuses.get(goodRule.id)!.check).toMatchObject({ status: "calibrated", games: 60, ece: expect.closeTo(0, 10) });
    expect(statuses.get(youngRule.id)!.check).toEqual({ status: "not-enough-games", games: 40, needed: 50 });

    await evaluateCalibrationAlerts(pool);
    const notes = await prisma.notification.findMany({ where: { userId: alice.id } });
    expect(notes).toHaveLength(1);
    expect(notes[0]!.kind).toBe("alert.model-calibration");
    expect(notes[0]!.dedupeKey).toMatch(new RegExp(`^alert:${badRule.id}:model:${bad.id}:calibration:\\d{4}-W\\d{2}$`));
    expect(notes[0]!.title).toBe("Calibration drifted: overconfident v1");
    expect(notes[0]!.body).toMatch(/Calibration error \(ECE\) 0\.311 on 60 finished games of the last 30 days/);
    expect(notes[0]!.body).toContain("evaluated 0.030 (walk-forward, 900 games)");

    // The next evaluations, by the service and by the job's scheduled pass, add nothing.
    await evaluateCalibrationAlerts(pool);
    const step = { run: <T>(_id: string, fn: () => Promise<T>) => fn() };
    await evaluateAlertsJob.run({ event: null, step });
    expect(await prisma.notification.count({ where: { userId: alice.id } })).toBe(1);
  });

  it("a rule can only watch the user's own models; a turned-off rule stays quiet", async () => {
    const theirs = await model(bob.id, "bobs");
    await expect(
      caller(alice).alerts.create({ name: "Not mine", kind: "MODEL_CALIBRATION", params: { modelVersionId: theirs.id, window: { by: "games", games: 100 } } }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await caller(alice).alerts.modelChoices()).map((m) => m.name).sort()).toEqual(["honest", "overconfident", "young"]);
    await expect(
      caller(bob).alerts.create({ name: "Too short", kind: "MODEL_CALIBRATION", params: { modelVersionId: theirs.id, window: { by: "games", games: 10 } } }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });

    await graded(theirs.id, outcomes(20, 20, 20), { home: 0.8, draw: 0.1, away: 0.1 });
    const rule = await caller(bob).alerts.create({ name: "Mine", kind: "MODEL_CALIBRATION", params: { modelVersionId: theirs.id, window: { by: "games", games: 50 } } });
    await caller(bob).alerts.setEnabled({ ruleId: rule.id, enabled: false });
    await evaluateCalibrationAlerts(pool);
    expect(await prisma.notification.count({ where: { userId: bob.id } })).toBe(0);
    await caller(bob).alerts.setEnabled({ ruleId: rule.id, enabled: true });
    await evaluateCalibrationAlerts(pool);
    const [note] = await prisma.notification.findMany({ where: { userId: bob.id } });
    expect(note!.body).toContain("on 50 finished games of the last 50 graded games");
  });
});
