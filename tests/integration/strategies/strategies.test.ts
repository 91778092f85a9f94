import { randomUUID } from "node:crypto";
import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPool } from "@/server/db/pool";
import { waitForLockWaiters } from "../../support/lock-waits";
import { TEST_DATABASE_URL, testPrisma } from "../../support/test-db";

process.env.DATABASE_URL = TEST_DATABASE_URL;
process.env.NEXTAUTH_SECRET ??= "integration-test-secret-integration-test-secret";

const prisma = testPrisma();
// Wide enough that the parallel calls below really run at the same time.
const pool = createPool(TEST_DATABASE_URL, 12);
afterAll(async () => {
  await prisma.$disconnect();
  await pool.end();
});

const { createCaller } = await import("@/server/api/root");
const { runQueuedBacktests } = await import("@/server/services/backtests/backtests");
const { MAX_STRATEGIES_PER_USER } = await import("@/server/services/strategies/strategies");
const { strategyHash } = await import("@/server/domain/strategies/canonical");
const { StrategyV1 } = await import("@/server/domain/strategies/schema");
const { functions } = await import("@/inngest/functions");

type Who = { id: string; role: "USER" | "ADMIN" };
const caller = (user: Who) => createCaller({ db: prisma, pool, session: { user, expires: "2999-01-01" } });

const valueHunter = (overrides: Record<string, unknown> = {}) => ({
  schemaVersion: 1,
  name: "Value hunter",
  markets: ["1x2"],
  probability: "market:pinnacle-opening",
  price: "best",
  decideAt: "opening",
  when: { all: [{ field: "edge", op: "gte", value: 0.03 }] },
  stake: { kind: "kelly", fraction: 0.25, maxFraction: 0.02 },
  ...overrides,
});

describe("strategies: saving, versions and ownership", () => {
  let alice: Who;
  let bob: Who;

  beforeAll(async () => {
    const stamp = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
    alice = await prisma.user.create({
      data: { email: `alice-${stamp}@example.com` },
      select: { id: true, role: true },
    });
    bob = await prisma.user.create({ data: { email: `bob-${stamp}@example.com` }, select: { id: true, role: true } });
  });

  it("creates a strategy, and an unchanged save makes no new version", async () => {
    const a = caller(alice);
    const created = await a.strategies.save({ strategy: valueHunter() });
    expect(created.version).toBe(1);
    expect(created.hash).toMatch(/^[0-9a-f]{64}$/);

    const again = await a.strategies.save({ id: created.id, version: created.version, strategy: valueHunter() });
    expect(again).toEqual(created);
    // Defaults filled in by the schema are part of the content: writing them out is the same strategy.
    const explicit = await a.strategies.save({
      id: created.id,
      version: created.version,
      strategy: valueHunter({ leagues: [], pick: "all", bankroll: 100 }),
    });
    expect(explicit).toEqual(created);
    expect(await prisma.strategyVersion.count({ where: { strategyId: created.id } })).toBe(1);

    const changed = await a.strategies.save({
      id: created.id,
      version: created.version,
      strategy: valueHunter({ bankroll: 500 }),
    });
    expect(changed.version).toBe(2);
    expect(changed.hash).not.toBe(created.hash);
    // Going back to the first content reuses its version row.
    const back = await a.strategies.save({ id: created.id, version: changed.version, strategy: valueHunter() });
    expect(back).toMatchObject({ version: 3, hash: created.hash });
    const got = await a.strategies.get({ id: created.id });
    expect(got.versions.map((v) => v.hash).sort()).toEqual([created.hash, changed.hash].sort());
    expect(got.hash).toBe(created.hash);
    expect(got.definition).toMatchObject({ name: "Value hunter", bankroll: 100, pick: "all" });
    expect((await a.strategies.list()).map((s) => s.id)).toContain(created.id);
  });

  it("refuses a save from a stale version with CONFLICT and a message", async () => {
    const a = caller(alice);
    const s = await a.strategies.save({ strategy: valueHunter({ name: "Stale" }) });
    await a.strategies.save({ id: s.id, version: s.version, strategy: valueHunter({ name: "Stale", bankroll: 200 }) });
    await expect(
      a.strategies.save({ id: s.id, version: s.version, strategy: valueHunter({ name: "Stale", bankroll: 300 }) }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/changed elsewhere.*version 1.*now at 2/),
    });
    await expect(a.strategies.archive({ id: s.id, version: s.version })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("answers bad strategies with BAD_REQUEST naming the rule at fault", async () => {
    const a = caller(alice);
    await expect(
      a.strategies.save({ strategy: valueHunter({ when: { all: [{ field: "edge", op: "about", value: 1 }] } }) }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("when"),
    });
    await expect(a.strategies.save({ strategy: "not a strategy" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(a.strategies.save({ id: 1, strategy: valueHunter() })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: /version/,
    });
  });

  it("keeps another user's strategy and backtests out of reach: NOT_FOUND, never a leak", async () => {
    const s = await caller(alice).strategies.save({ strategy: valueHunter({ name: "Private" }) });
    const { backtestId } = await caller(alice).strategies.requestBacktest({
      strategyId: s.id,
      idempotencyKey: randomUUID(),
    });
    const b = caller(bob);
    await expect(b.strategies.get({ id: s.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      b.strategies.save({ id: s.id, version: s.version, strategy: valueHunter({ name: "Mine now" }) }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(b.strategies.archive({ id: s.id, version: s.version })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      b.strategies.requestBacktest({ strategyId: s.id, idempotencyKey: randomUUID() }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(b.strategies.backtests({ strategyId: s.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(b.strategies.backtest({ id: backtestId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await b.strategies.list()).map((x) => x.id)).not.toContain(s.id);
    // Nothing of Alice's changed.
    const mine = await caller(alice).strategies.get({ id: s.id });
    expect(mine).toMatchObject({ name: "Private", version: s.version, archivedAt: null });
  });

  it("archives with the version check and leaves archived strategies out of the list", async () => {
    const a = caller(alice);
    const s = await a.strategies.save({ strategy: valueHunter({ name: "Old idea" }) });
    const archived = await a.strategies.archive({ id: s.id, version: s.version });
    expect(archived.version).toBe(s.version + 1);
    expect((await a.strategies.list()).map((x) => x.id)).not.toContain(s.id);
    expect((await a.strategies.list({ archived: true })).map((x) => x.id)).toContain(s.id);
    await expect(
      a.strategies.save({ id: s.id, version: archived.version, strategy: valueHunter({ name: "Old idea 2" }) }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(
      a.strategies.requestBacktest({ strategyId: s.id, idempotencyKey: randomUUID() }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("two parallel saves of the same new content make one version", async () => {
    const a = caller(alice);
    const s = await a.strategies.save({ strategy: valueHunter({ name: "Race" }) });
    const next = valueHunter({ name: "Race", bankroll: 1000 });
    const results = await Promise.all(
      [0, 1].map(() => a.strategies.save({ id: s.id, version: s.version, strategy: next })),
    );
    expect(results[0]).toEqual(results[1]);
    expect(results[0]!.version).toBe(2);
    expect(await prisma.strategyVersion.count({ where: { strategyId: s.id } })).toBe(2);
  });

  it("two saves of the same content queued behind the strategy's lock make one version", async () => {
    // The interleaving that made the race above fail now and then, made certain: both saves read the strategy
    // while another transaction holds its row, so the second reads it again only after the first has committed.
    const a = caller(alice);
    const s = await a.strategies.save({ strategy: valueHunter({ name: "Queued" }) });
    const next = valueHunter({ name: "Queued", bankroll: 2000 });
    const holder = await pool.connect();
    try {
      await holder.query("BEGIN");
      await holder.query(`SELECT 1 FROM "Strategy" WHERE id = $1 FOR UPDATE`, [s.id]);
      const saves = [0, 1].map(() =>
        a.strategies.save({ id: s.id, version: s.version, strategy: next }).then(
          (saved) => ({ saved }),
          (error: unknown) => ({ error }),
        ),
      );
      await waitForLockWaiters(pool, 2, `"Strategy"`);
      await holder.query("COMMIT");
      const results = await Promise.all(saves);
      expect(results).toEqual([
        { saved: { id: s.id, version: 2, hash: expect.any(String) } },
        { saved: { id: s.id, version: 2, hash: expect.any(String) } },
      ]);
    } finally {
      holder.release();
    }
    expect(await prisma.strategyVersion.count({ where: { strategyId: s.id } })).toBe(2);
  });

  it("ten parallel backtest requests with one idempotency key are one run", async () => {
    const a = caller(alice);
    const s = await a.strategies.save({ strategy: valueHunter({ name: "Double click" }) });
    const idempotencyKey = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        a.strategies.requestBacktest({ strategyId: s.id, idempotencyKey, fromSeason: 2018, toSeason: 2020 }),
      ),
    );
    expect(new Set(results.map((r) => r.backtestId)).size).toBe(1);
    expect(await prisma.backtest.count({ where: { requestKey: `${alice.id}:${idempotencyKey}` } })).toBe(1);

    const run = await a.strategies.backtest({ id: results[0]!.backtestId });
    expect(run).toMatchObject({
      strategyId: s.id,
      strategyHash: s.hash,
      status: "QUEUED",
      request: { fromSeason: 2018, toSeason: 2020, leagues: [], sweep: null },
    });
    // The same key for another strategy is refused, not answered with this run.
    const other = await a.strategies.save({ strategy: valueHunter({ name: "Other" }) });
    await expect(a.strategies.requestBacktest({ strategyId: other.id, idempotencyKey })).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("validates backtest requests: seasons in order, sweeps over numbers the strategy has", async () => {
    const a = caller(alice);
    const s = await a.strategies.save({ strategy: valueHunter({ name: "Sweepable" }) });
    const base = { strategyId: s.id, idempotencyKey: randomUUID() };
    await expect(a.strategies.requestBacktest({ ...base, fromSeason: 2020, toSeason: 2018 })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(a.strategies.requestBacktest({ ...base, idempotencyKey: "not-a-uuid" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: /UUID/,
    });
    await expect(
      a.strategies.requestBacktest({ ...base, sweep: { parameters: [{ path: "stake.units", values: [1, 2] }] } }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: /stake\.units/ });
    const tooMany = Array.from({ length: 40 }, (_, i) => i / 100);
    await expect(
      a.strategies.requestBacktest({
        ...base,
        sweep: {
          parameters: [
            { path: "stake.fraction", values: tooMany },
            { path: "when.all.0.value", values: tooMany },
          ],
        },
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: /at most 1000 variants/ });
    const ok = await a.strategies.requestBacktest({
      ...base,
      sweep: {
        parameters: [
          { path: "stake.fraction", values: [0.1, 0.25] },
          { path: "when.all.0.value", values: [0.01, 0.03] },
        ],
      },
    });
    expect((await a.strategies.backtest({ id: ok.backtestId })).request.sweep?.parameters).toHaveLength(2);
  });

  it("the runner claims queued backtests and stores the engine's failure on the run", async () => {
    const a = caller(alice);
    const s = await a.strategies.save({ strategy: valueHunter({ name: "Runner", leagues: ["no-such-league"] }) });
    const { backtestId } = await a.strategies.requestBacktest({ strategyId: s.id, idempotencyKey: randomUUID() });
    const result = await runQueuedBacktests(pool);
    expect(result.failed).toContain(backtestId);
    const run = await a.strategies.backtest({ id: backtestId });
    expect(run).toMatchObject({ status: "FAILED", error: expect.stringMatching(/No played games/), report: null });
    expect(run.startedAt).toBeInstanceOf(Date);
    expect(run.finishedAt).toBeInstanceOf(Date);
    expect((await a.strategies.get({ id: s.id })).backtests.map((b) => b.id)).toEqual([backtestId]);
  });
  it("identifies a strategy by the language's hash, the one the CLI and bots compute", async () => {
    const s = await caller(alice).strategies.save({ strategy: valueHunter({ name: "  Hashed  " }) });
    expect(s.hash).toBe(await strategyHash(StrategyV1.parse(valueHunter({ name: "Hashed" }))));
  });

  it("refuses a condition on a field known only after the decision, naming it", async () => {
    const lookAhead = valueHunter({ name: "Peeks", when: { all: [{ field: "closingPrice", op: "gte", value: 2 }] } });
    await expect(caller(alice).strategies.save({ strategy: lookAhead })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/when\.all\[0\].*"closingPrice".*look-ahead/),
    });
  });

  it(`caps a user at ${MAX_STRATEGIES_PER_USER} strategies with a message that says what to do`, async () => {
    const carol = await prisma.user.create({
      data: { email: `carol-${Date.now()}@example.com` },
      select: { id: true, role: true },
    });
    await pool.query(
      `INSERT INTO "Strategy" ("userId", name) SELECT $1, 'filler ' || n FROM generate_series(1, $2) AS n`,
      [carol.id, MAX_STRATEGIES_PER_USER - 1],
    );
    const last = await caller(carol).strategies.save({ strategy: valueHunter({ name: "The last one" }) });
    await expect(
      caller(carol).strategies.save({ strategy: valueHunter({ name: "One too many" }) }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/archive one/),
    });
    // Archived strategies do not count.
    await caller(carol).strategies.archive({ id: last.id, version: last.version });
    await expect(
      caller(carol).strategies.save({ strategy: valueHunter({ name: "Room again" }) }),
    ).resolves.toMatchObject({ version: 1 });
  });

  it("is served as an Inngest function triggered by the backtest event", async () => {
    const fn = functions.find((f) => f.id().endsWith("run-backtests"))!;
    expect(fn).toBeDefined();
    const engine = new InngestTestEngine({ function: fn });
    const { result } = await engine.execute({
      events: [{ name: "linesmith/backtest.requested", data: { backtestId: 1 } }],
    });
    expect(result).toEqual({ ran: [], failed: [] });
  });
  it("answers ids out of the database's range with a 400, not a 500", async () => {
    const a = caller(alice);
    const tooBig = 2 ** 31;
    const attempts = [
      () => a.strategies.get({ id: tooBig }),
      () => a.strategies.archive({ id: tooBig, version: 1 }),
      () => a.strategies.save({ id: tooBig, version: 1, strategy: valueHunter() }),
      () => a.strategies.backtest({ id: tooBig }),
      () => a.strategies.backtests({ strategyId: tooBig }),
      () => a.strategies.requestBacktest({ strategyId: tooBig, idempotencyKey: randomUUID() }),
    ];
    for (const attempt of attempts)
      await expect(attempt()).rejects.toMatchObject({
        code: "BAD_REQUEST",
        message: expect.stringMatching(/is not a valid id/),
      });
  });

  it("rate-limits backtest requests per user", async () => {
    const dave = await prisma.user.create({
      data: { email: `dave-${Date.now()}@example.com` },
      select: { id: true, role: true },
    });
    const d = caller(dave);
    const s = await d.strategies.save({ strategy: valueHunter({ name: "Busy" }) });
    for (let i = 0; i < 60; i++) await d.strategies.requestBacktest({ strategyId: s.id, idempotencyKey: randomUUID() });
    await expect(
      d.strategies.requestBacktest({ strategyId: s.id, idempotencyKey: randomUUID() }),
    ).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
    expect(await prisma.backtest.count({ where: { userId: dave.id } })).toBe(60);
    // Another user's allowance is their own.
    const other = await caller(alice).strategies.save({ strategy: valueHunter({ name: "Not busy" }) });
    await expect(
      caller(alice).strategies.requestBacktest({ strategyId: other.id, idempotencyKey: randomUUID() }),
    ).resolves.toHaveProperty("backtestId");
    // Left queued, these 61 runs over every league would be taken by the next file's backtest runner.
    await prisma.backtest.deleteMany({ where: { userId: { in: [dave.id, alice.id] }, status: "QUEUED" } });
  });
});
