import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syntheticLeagueCsv } from "../../support/synthetic-league";
import { TEST_DATABASE_URL, testPool, testPrisma } from "../../support/test-db";

process.env.DATABASE_URL = TEST_DATABASE_URL;
process.env.NEXTAUTH_SECRET ??= "integration-test-secret-integration-test-secret";

const prisma = testPrisma();
const pool = testPool();
const { importFile } = await import("@/server/services/imports/import-file");
const { createCaller } = await import("@/server/api/root");
const { runQueuedBacktests } = await import("@/server/services/backtests/backtests");
const { SOURCE_FORMATS } = await import("@/server/domain/imports");
const { gamesFromBatch } = await import("@/server/domain/backtest/games");
const { prepareData } = await import("@/server/domain/backtest/dataset");
const { runSweep } = await import("@/server/domain/backtest/run");
const { parseStrategy } = await import("@/server/domain/strategies/validate");
const { allBetsOf } = await import("@/server/services/backtests/execute");
const { parseStrategyOrRefuse } = await import("@/server/services/strategies/strategies");
type Report = import("@/server/domain/backtest/report").BacktestReport;

afterAll(async () => {
  await prisma.$disconnect();
  await pool.end();
});

/**
 * A backtest run by the app (games and prices read back from PostgreSQL, the job runner, the stored report)
 * must give the same figures as the engine straight over the file the data came from: one engine, two ways in.
 */
const SEASONS = [2040, 2041, 2042];
// A division of its own, so that other files' evaluations of the synthetic league X1 see only their games.
const csv = syntheticLeagueCsv(SEASONS, 0, 11).replaceAll("\nX1,", "\nX7,");
const batch = SOURCE_FORMATS["football-data"].parse(csv, "synthetic-2040.csv");
const league = batch.games[0]!.league.key;
const strategy = {
  schemaVersion: 1,
  name: "Close against the opening",
  markets: ["1x2"],
  leagues: [league],
  probability: "market:pinnacle-opening",
  price: "pinnacle",
  decideAt: "closing",
  when: { all: [{ field: "edge", op: "gte", value: 0 }] },
  stake: { kind: "kelly", fraction: 0.25, maxFraction: 0.02 },
};

describe("a backtest through the app", () => {
  let user: { id: string; role: "USER" | "ADMIN" };
  beforeAll(async () => {
    await importFile(pool, { source: "football-data", fileName: "synthetic-2040.csv", bytes: Buffer.from(csv) });
    user = await prisma.user.create({
      data: { email: `backtester-${randomUUID()}@example.com` },
      select: { id: true, role: true },
    });
  });

  it("stores a report whose figures equal the engine's over the source file, with a sweep and walk-forward steps", async () => {
    const api = createCaller({ db: prisma, pool, session: { user, expires: "2999-01-01" } });
    const saved = await api.strategies.save({ strategy });
    const { backtestId } = await api.strategies.requestBacktest({
      strategyId: saved.id,
      idempotencyKey: randomUUID(),
      fromSeason: SEASONS[0],
      toSeason: SEASONS.at(-1),
      sweep: {
        parameters: [{ path: "when.all.0.value", values: [-0.02, 0, 0.01, 0.02] }],
        walkForward: { trainSeasons: 1 },
      },
    });
    expect((await runQueuedBacktests(pool)).ran).toContain(backtestId);
    const run = await api.strategies.backtest({ id: backtestId });
    expect(run.status).toBe("SUCCEEDED");
    const report = run.report as Report;

    const parsed = parseStrategy(strategy);
    if (!parsed.ok) throw new Error("strategy should parse");
    const direct = runSweep(prepareData(gamesFromBatch(batch)), [{ strategy: parsed.strategy, hash: saved.hash }])
      .variants[0]!;
    expect(direct.bets).toBeGreaterThan(10);
    expect(report.strategyHash).toBe(saved.hash);
    expect(report.figures.bets).toBe(direct.bets);
    expect(report.figures.staked).toBeCloseTo(direct.staked, 9);
    expect(report.figures.profit).toBeCloseTo(direct.profit, 9);
    expect(report.figures.finalBankroll).toBeCloseTo(direct.finalBankroll, 9);
    expect(report.figures.maxDrawdown).toBeCloseTo(direct.maxDrawdown, 12);
    expect(report.figures.meanClv).toBeCloseTo(direct.meanClv!, 12);
    expect(report.data.games).toBe(batch.games.length);
    expect(run.dataFrom?.toISOString().slice(0, 10)).toBe(report.data.from);

    // Every bet is listed with its game and the equity curve ends at the final bankroll.
    expect(report.bets).toHaveLength(direct.bets);
    expect(report.bets.reduce((s, b) => s + b.profit, 0)).toBeCloseTo(direct.profit, 9);
    expect(report.equity.at(-1)!.bankroll).toBeCloseTo(direct.finalBankroll, 9);
    expect(report.monteCarlo?.runs).toBe(10_000);
    expect(report.assumptions.length).toBeGreaterThan(2);

    // The sweep: four variants, the second being the strategy itself; deflated Sharpe and PBO over all four.
    expect(report.sweep!.variants.map((v) => v.values[0])).toEqual([-0.02, 0, 0.01, 0.02]);
    expect(report.sweep!.variants[1]!.profit).toBeCloseTo(direct.profit, 9);
    expect(report.sweep!.variants[0]!.bets).toBeGreaterThanOrEqual(report.sweep!.variants[3]!.bets);
    expect(report.sweep!.pbo).not.toBeNull();
    expect(report.sweep!.verdict).toMatch(/4 variants tried|deflated Sharpe/);
    // Walk-forward: each later season tested with parameters chosen on the season before it only.
    expect(report.walkForward!.map((s) => [s.testSeason, s.trainSeasons])).toEqual([
      [2041, [2040]],
      [2042, [2041]],
    ]);
  });

  it("exports every bet as CSV, the same bets recomputed as stored", async () => {
    const api = createCaller({ db: prisma, pool, session: { user, expires: "2999-01-01" } });
    const saved = await api.strategies.save({ strategy: { ...strategy, name: "Exported" } });
    const { backtestId } = await api.strategies.requestBacktest({ strategyId: saved.id, idempotencyKey: randomUUID() });
    await runQueuedBacktests(pool);
    const run = await api.strategies.backtest({ id: backtestId });
    const report = run.report as Report;
    const { csv, fileName } = await api.strategies.backtestBetsCsv({ id: backtestId });
    expect(fileName).toBe(`linesmith-backtest-${backtestId}-bets.csv`);
    const lines = csv.trim().split("\n");
    expect(lines).toHaveLength(report.bets.length + 1);
    expect(lines[0]).toMatch(/^date,kickoff,league,game,market,selection/);
    const recomputed = await allBetsOf(pool, user.id, parseStrategyOrRefuse(strategy), run.request);
    expect(recomputed).toEqual(report.bets);
  });

  it("previews the last completed season in well under a second, and answers an invalid strategy with the rule at fault", async () => {
    const api = createCaller({ db: prisma, pool, session: { user, expires: "2999-01-01" } });
    const bad = await api.strategies.preview({
      strategy: { ...strategy, when: { all: [{ field: "result", op: "in", value: ["win"] }] } },
    });
    expect(bad).toMatchObject({ ok: false, errors: [{ code: "look-ahead", path: "when.all[0]" }] });
    const preview = await api.strategies.preview({ strategy });
    if (!preview.ok) throw new Error("preview should run");
    expect(preview.season).toBe(SEASONS.at(-1));
    const parsed = parseStrategyOrRefuse(strategy);
    const lastSeason = gamesFromBatch(batch).filter((g) => g.season === SEASONS.at(-1));
    const direct = runSweep(prepareData(lastSeason), [{ strategy: parsed, hash: preview.hash }]).variants[0]!;
    expect(preview.games).toBe(lastSeason.length);
    expect(preview.bets).toBe(direct.bets);
    expect(preview.profit).toBeCloseTo(direct.profit, 9);
    expect(preview.equity.at(-1)!.bankroll).toBeCloseTo(direct.finalBankroll, 9);
    expect(preview.milliseconds).toBeLessThan(1000);
  });

  it("another user cannot read the run", async () => {
    const api = createCaller({ db: prisma, pool, session: { user, expires: "2999-01-01" } });
    const saved = await api.strategies.save({ strategy: { ...strategy, name: "Mine" } });
    const { backtestId } = await api.strategies.requestBacktest({ strategyId: saved.id, idempotencyKey: randomUUID() });
    const eve = await prisma.user.create({
      data: { email: `eve-${randomUUID()}@example.com` },
      select: { id: true, role: true },
    });
    const other = createCaller({ db: prisma, pool, session: { user: eve, expires: "2999-01-01" } });
    await expect(other.strategies.backtest({ id: backtestId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(other.strategies.backtestBetsCsv({ id: backtestId })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
