import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiCaller, type Who } from "../../support/api-caller";
import { syntheticLeagueCsv } from "../../support/synthetic-league";

const { prisma, pool, caller } = apiCaller();
const { importFile } = await import("@/server/services/imports/import-file");
const { runQueuedBacktests } = await import("@/server/services/backtests/backtests");
const { allBetsOf } = await import("@/server/services/backtests/execute");
const { parseStrategyOrRefuse } = await import("@/server/services/strategies/strategies");
const { clearSystemSettingsCache } = await import("@/server/services/system-settings/settings");
const { DEFAULT_SYSTEM_SETTINGS } = await import("@/server/domain/settings/system");
const { SOURCE_FORMATS } = await import("@/server/domain/imports");
type Report = import("@/server/domain/backtest/report").BacktestReport;

// A division of its own, so the backtests below read only these games.
const SEASON = 2044;
const csv = syntheticLeagueCsv([SEASON], 0, 7).replaceAll("\nX1,", "\nX9,");
const league = SOURCE_FORMATS["football-data"].parse(csv, "synthetic-2044.csv").games[0]!.league.key;
// Bets only on tier A signals: how many there are depends on the tier A threshold alone.
const tierA = {
  schemaVersion: 1,
  name: "Tier A only",
  markets: ["1x2"],
  leagues: [league],
  probability: "market:pinnacle-opening",
  price: "pinnacle",
  decideAt: "closing",
  when: { all: [{ field: "tier", op: "in", value: ["A"] }] },
  stake: { kind: "flat", units: 1 },
};
const LOW_TIERS = { a: 0.52, b: 0.51, c: 0.505 };

let admin: Who;
let user: Who;
const resetSettings = async () => {
  await prisma.systemSetting.deleteMany({ where: { key: { in: ["tiers", "kelly"] } } });
  clearSystemSettingsCache();
};

beforeAll(async () => {
  await resetSettings();
  await importFile(pool, { source: "football-data", fileName: "synthetic-2044.csv", bytes: Buffer.from(csv) });
  admin = await prisma.user.create({ data: { email: `settings-admin-${randomUUID()}@example.com`, role: "ADMIN" }, select: { id: true, role: true } });
  user = await prisma.user.create({ data: { email: `settings-user-${randomUUID()}@example.com` }, select: { id: true, role: true } });
});
afterAll(resetSettings);

async function backtestTierA(who: Who) {
  // The runner takes every queued backtest; runs other files left queued (over whole real seasons) are not ours to wait for.
  await prisma.backtest.deleteMany({ where: { status: "QUEUED", userId: { not: who.id } } });
  const api = caller(who);
  const saved = await api.strategies.save({ strategy: tierA });
  const { backtestId } = await api.strategies.requestBacktest({ strategyId: saved.id, idempotencyKey: randomUUID(), fromSeason: SEASON, toSeason: SEASON });
  expect((await runQueuedBacktests(pool)).ran).toContain(backtestId);
  const run = await api.strategies.backtest({ id: backtestId });
  expect(run.status).toBe("SUCCEEDED");
  return { id: backtestId, report: run.report as Report, request: run.request };
}

describe("system settings", () => {
  it("everyone signed in reads them (the defaults until changed); only administrators change them", async () => {
    expect(await caller(user).systemSettings.get()).toEqual(DEFAULT_SYSTEM_SETTINGS);
    expect(DEFAULT_SYSTEM_SETTINGS).toEqual({ tiers: { a: 0.65, b: 0.6, c: 0.55 }, kelly: { fraction: 0.25, maxFraction: 0.05 } });
    await expect(caller(user).systemSettings.update({ ...DEFAULT_SYSTEM_SETTINGS, kelly: { fraction: 0.5, maxFraction: 0.05 } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(caller(null).systemSettings.get()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect(await prisma.systemSetting.count({ where: { key: { in: ["tiers", "kelly"] } } })).toBe(0);
  });

  it.each([
    [{ a: 0.6, b: 0.62, c: 0.55 }, /fall from A to B to C/],
    [{ a: 0.65, b: 0.6, c: 0.5 }, /tier C must be above 50%/],
    [{ a: 1, b: 0.6, c: 0.55 }, /tier A must be below 100%/],
    [{ a: 0.65, b: 0.65, c: 0.55 }, /fall from A to B to C/],
  ])("refuses tier thresholds %j with a readable BAD_REQUEST", async (tiers, message) => {
    await expect(caller(admin).systemSettings.update({ tiers, kelly: DEFAULT_SYSTEM_SETTINGS.kelly })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(message) });
  });

  it.each([
    [{ fraction: 0, maxFraction: 0.05 }, /Kelly fraction must be above 0/],
    [{ fraction: 1.5, maxFraction: 0.05 }, /at most 1/],
    [{ fraction: 0.25, maxFraction: 1.2 }, /at most 100%/],
  ])("refuses Kelly defaults %j", async (kelly, message) => {
    await expect(caller(admin).systemSettings.update({ tiers: DEFAULT_SYSTEM_SETTINGS.tiers, kelly })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(message) });
  });

  it("a lower tier A threshold makes more tier A signals in a backtest; each run keeps the thresholds it used", async () => {
    const before = await backtestTierA(user);
    expect(before.request).toMatchObject({ tiers: DEFAULT_SYSTEM_SETTINGS.tiers });

    await caller(admin).systemSettings.update({ tiers: LOW_TIERS, kelly: { fraction: 0.5, maxFraction: 0.1 } });
    expect(await caller(user).systemSettings.get()).toEqual({ tiers: LOW_TIERS, kelly: { fraction: 0.5, maxFraction: 0.1 } });
    const after = await backtestTierA(user);
    expect(after.request).toMatchObject({ tiers: LOW_TIERS });

    expect(after.report.bets.length).toBeGreaterThan(before.report.bets.length);
    expect(after.report.bets.every((b) => b.tier === "A")).toBe(true);
    // Every bet of the low-threshold run has a probability in [0.52, 0.65): tier D before the change.
    expect(after.report.bets.some((b) => b.probability < 0.65)).toBe(true);

    // The first run, recomputed after the change, still grades tiers with its own thresholds.
    const { rows } = await pool.query(`SELECT v.definition FROM "Backtest" b JOIN "StrategyVersion" v ON v.id = b."strategyVersionId" WHERE b.id = $1`, [before.id]);
    const recomputed = await allBetsOf(pool, user.id, parseStrategyOrRefuse(rows[0].definition), before.request as never);
    expect(recomputed.length).toBe(before.report.bets.length);
  });

  it("audits each change with the values before and after", async () => {
    const entries = await prisma.auditLog.findMany({ where: { actorId: admin.id, action: "settings.update" } });
    expect(entries).toHaveLength(1);
    expect(entries[0]!.details).toEqual({
      before: DEFAULT_SYSTEM_SETTINGS,
      after: { tiers: LOW_TIERS, kelly: { fraction: 0.5, maxFraction: 0.1 } },
    });
    expect(await prisma.systemSetting.findUnique({ where: { key: "tiers" } })).toMatchObject({ value: LOW_TIERS, updatedBy: admin.id });
  });
});
