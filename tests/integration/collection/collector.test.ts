import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { CollectedEvent, CollectedPrice, CollectedScore } from "@/server/domain/collectors/types";
import { TeamResolver } from "@/server/services/imports/resolve-teams";
import type { CollectPass, Provider, ProviderName } from "@/server/services/collection/providers";
import { TEST_DATABASE_URL, testPool } from "../../support/test-db";

process.env.DATABASE_URL = TEST_DATABASE_URL;
process.env.NEXTAUTH_SECRET ??= "integration-test-secret-integration-test-secret";

const { runCollector } = await import("@/server/services/collection/run");
const { resolveEvent } = await import("@/server/services/collection/resolve-event");
const { runCollectionJob } = await import("@/server/services/collection/jobs");
const { collectionHealth } = await import("@/server/services/collection/health");
const { setEventPublisher } = await import("@/server/jobs/events");

const pool = testPool();
afterAll(() => pool.end());

const LEAGUE = "collector-test-league";
const T0 = new Date("2030-03-01T12:00:00Z");
const KICKOFF = new Date("2030-03-03T15:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

function event(
  externalId: string,
  home = "Collector Alpha",
  away = "Collector Beta",
  startsAt = KICKOFF,
): CollectedEvent {
  return { provider: "replay", externalId, sport: "soccer", league: LEAGUE, startsAt, home, away };
}

/** Two books x 1X2 on one event: six prices. */
function prices(ev: CollectedEvent, updatedAt: Date, shift = 0): CollectedPrice[] {
  return ["book-a", "book-b"].flatMap((key) =>
    (["HOME", "DRAW", "AWAY"] as const).map((selection, i) => ({
      event: ev,
      bookmaker: { key: `collector-${key}`, name: `Collector ${key}`, isSharp: false, isAggregate: false },
      market: "ONE_X_TWO" as const,
      period: "FULL_GAME" as const,
      selection,
      line: null,
      price: [2.1, 3.4, 3.6][i]! + shift,
      providerUpdatedAt: updatedAt,
    })),
  );
}

function stub(
  name: ProviderName,
  pass: CollectPass | (() => Promise<CollectPass>),
  notConfigured: string | null = null,
): Provider {
  return { name, notConfigured: () => notConfigured, collect: typeof pass === "function" ? pass : async () => pass };
}

/** Every provider, none configured. */
function unconfigured(): Record<ProviderName, Provider> {
  return Object.fromEntries(
    (["the-odds-api", "espn", "open-meteo", "espn-injuries", "replay"] as const).map((n) => [
      n,
      stub(n, { requests: 0 }, `set the ${n} key`),
    ]),
  ) as Record<ProviderName, Provider>;
}

async function snapshotCount(gameId: number): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "OddsSnapshot" WHERE "gameId" = $1`,
    [gameId],
  );
  return rows[0]!.n;
}

async function gameIdOf(externalId: string): Promise<number> {
  const { rows } = await pool.query<{ id: number }>(`SELECT id FROM "Game" WHERE "externalIds"->>'replay' = $1`, [
    externalId,
  ]);
  return rows[0]!.id;
}

async function gameOf(externalId: string): Promise<number> {
  const r = await resolveEvent(pool, event(externalId));
  if (!("gameId" in r)) throw new Error(r.rejected);
  return r.gameId;
}

beforeAll(async () => {
  const sport = await pool.query<{ id: number }>(
    `INSERT INTO "Sport" (key, name) VALUES ('soccer', 'Soccer') ON CONFLICT (key) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
  );
  const league = await pool.query<{ id: number }>(
    `INSERT INTO "League" ("sportId", key, name, country) VALUES ($1, $2, 'Collector League', 'England')
     ON CONFLICT (key) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
    [sport.rows[0]!.id, LEAGUE],
  );
  // Teams come from an archive import's resolver, as in production.
  const resolver = await TeamResolver.load(
    pool,
    {
      key: LEAGUE,
      name: "Collector League",
      country: "England",
      sport: { key: "soccer", name: "Soccer" },
      naming: "spelling",
      competitorKind: "TEAM",
    },
    league.rows[0]!.id,
  );
  for (const name of ["Collector Alpha", "Collector Beta", "Collector Gamma"]) await resolver.resolve(name, 2029);
});

beforeEach(async () => {
  await pool.query(`DELETE FROM "ProviderState"`);
  setEventPublisher(async () => {});
});

describe("storing live prices", () => {
  it("creates the game once, and a batch stored twice inserts nothing the second time", async () => {
    const ev = event("evt-twice");
    const pass = {
      requests: 1,
      prices: { rows: prices(ev, at(0)), rejected: [] },
      quota: { remaining: 480, used: 20 },
    };
    const first = await runCollector(pool, stub("replay", pass), { now: at(1) });
    expect(first).toMatchObject({
      provider: "replay",
      requests: 1,
      events: 1,
      snapshots: 6,
      inserted: 6,
      unchanged: 0,
      rejected: 0,
      quotaRemaining: 480,
      errors: [],
      status: "completed",
    });
    const second = await runCollector(pool, stub("replay", pass), { now: at(2) });
    expect(second).toMatchObject({ snapshots: 6, inserted: 0, unchanged: 6 });

    const gameId = await gameOf("evt-twice");
    expect(await snapshotCount(gameId)).toBe(6);
    const game = await pool.query(
      `SELECT status, "primarySource", "externalIds", "startsAt" FROM "Game" WHERE id = $1`,
      [gameId],
    );
    expect(game.rows[0]).toMatchObject({
      status: "SCHEDULED",
      primarySource: "replay",
      externalIds: { replay: "evt-twice" },
      startsAt: KICKOFF,
    });
    const snap = await pool.query(
      `SELECT phase, source, "capturedAt", "receivedAt" FROM "OddsSnapshot" WHERE "gameId" = $1 LIMIT 1`,
      [gameId],
    );
    expect(snap.rows[0]).toMatchObject({ phase: "SNAPSHOT", source: "replay", capturedAt: at(0), receivedAt: at(1) });
    const runs = await pool.query(
      `SELECT ok, result FROM "JobRun" WHERE job = 'collect:replay' ORDER BY id DESC LIMIT 1`,
    );
    expect(runs.rows[0]).toMatchObject({ ok: true, result: { inserted: 0, unchanged: 6 } });
    const state = await pool.query(
      `SELECT "lastSuccessAt", "quotaRemaining", "quotaUsed", "consecutiveFailures" FROM "ProviderState" WHERE provider = 'replay'`,
    );
    expect(state.rows[0]).toMatchObject({
      lastSuccessAt: at(2),
      quotaRemaining: 480,
      quotaUsed: 20,
      consecutiveFailures: 0,
    });
  });

  it("one moved price gives exactly one new snapshot; an older or unchanged price gives none", async () => {
    const ev = event("evt-moved", "Collector Beta", "Collector Gamma");
    await runCollector(pool, stub("replay", { requests: 1, prices: { rows: prices(ev, at(0)), rejected: [] } }), {
      now: at(1),
    });
    const moved = prices(ev, at(10));
    moved[0] = { ...moved[0]!, price: 2.05 };
    const result = await runCollector(pool, stub("replay", { requests: 1, prices: { rows: moved, rejected: [] } }), {
      now: at(11),
    });
    expect(result).toMatchObject({ inserted: 1, unchanged: 5 });
    // A stale delivery (older provider time) with another price does not rewrite history.
    const stale = prices(ev, at(5));
    stale[0] = { ...stale[0]!, price: 2.5 };
    expect(
      await runCollector(pool, stub("replay", { requests: 1, prices: { rows: stale, rejected: [] } }), { now: at(12) }),
    ).toMatchObject({ inserted: 0 });
    const gameId = (
      await pool.query<{ id: number }>(`SELECT id FROM "Game" WHERE "externalIds"->>'replay' = 'evt-moved'`)
    ).rows[0]!.id;
    expect(await snapshotCount(gameId)).toBe(7);
    // The newest snapshot of each book's home price is what the next poll compares with.
    const latest = await pool.query(
      `SELECT * FROM (SELECT DISTINCT ON ("bookmakerId") price::float8 AS price, "capturedAt" FROM "OddsSnapshot"
                        WHERE "gameId" = $1 AND selection = 'HOME' AND phase = 'SNAPSHOT'
                        ORDER BY "bookmakerId", "capturedAt" DESC) newest ORDER BY price`,
      [gameId],
    );
    expect(latest.rows).toEqual([
      { price: 2.05, capturedAt: at(10) },
      { price: 2.1, capturedAt: at(0) },
    ]);
  });

  it("a price that moves away and back is stored each time it moves", async () => {
    const ev = event("evt-back", "Collector Gamma", "Collector Beta");
    const pass = (minute: number, home: number) => {
      const rows = prices(ev, at(minute));
      rows[0] = { ...rows[0]!, price: home };
      return stub("replay", { requests: 1, prices: { rows, rejected: [] } });
    };
    const inserted = [];
    for (const [minute, home] of [
      [0, 2.1],
      [1, 2.2],
      [2, 2.2],
      [3, 2.1],
    ] as const)
      inserted.push((await runCollector(pool, pass(minute, home), { now: at(minute) })).inserted);
    expect(inserted).toEqual([6, 1, 0, 1]);
  });

  it("two passes with the same prices under different provider times, at once, store the prices once", async () => {
    const ev = event("evt-race", "Collector Alpha", "Collector Gamma", new Date(KICKOFF.getTime() + 20 * 86_400_000));
    // Without the per-game lock both would find no stored price and insert theirs (their times differ).
    const passes = [40, 41, 42, 43].map((minute) =>
      stub("replay", { requests: 1, prices: { rows: prices(ev, at(minute)), rejected: [] } }),
    );
    const runs = await Promise.all(passes.map((p) => runCollector(pool, p, { now: at(44) })));
    expect(runs.reduce((s, r) => s + r.inserted, 0)).toBe(6);
    expect(await snapshotCount(await gameIdOf("evt-race"))).toBe(6);
  });

  it("two collectors storing the same batch at once write each snapshot once", async () => {
    const events = Array.from({ length: 3 }, (_, i) =>
      event(
        `evt-parallel-${i}`,
        ["Collector Alpha", "Collector Gamma", "Collector Beta"][i],
        ["Collector Gamma", "Collector Alpha", "Collector Alpha"][i],
        new Date(KICKOFF.getTime() + (i + 3) * 86_400_000),
      ),
    );
    const pass: CollectPass = {
      requests: 1,
      prices: { rows: events.flatMap((ev) => prices(ev, at(20))), rejected: [] },
    };
    const runs = await Promise.all([0, 1, 2, 3].map(() => runCollector(pool, stub("replay", pass), { now: at(21) })));
    expect(runs.every((r) => r.status === "completed")).toBe(true);
    expect(runs.reduce((s, r) => s + r.inserted, 0)).toBe(18);
    expect(runs.reduce((s, r) => s + r.unchanged, 0)).toBe(3 * 18);
    const { rows } = await pool.query<{ n: number; games: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT s."gameId")::int AS games FROM "OddsSnapshot" s JOIN "Game" g ON g.id = s."gameId"
       WHERE g."externalIds"->>'replay' LIKE 'evt-parallel-%'`,
    );
    expect(rows[0]).toEqual({ n: 18, games: 3 });
  });
  it("a pass big enough to be stored in several statements at once still writes each snapshot once, whole games at a time", async () => {
    const events = Array.from({ length: 3 }, (_, i) =>
      event(
        `evt-big-${i}`,
        ["Collector Alpha", "Collector Gamma", "Collector Beta"][i],
        ["Collector Beta", "Collector Beta", "Collector Gamma"][i],
        new Date(KICKOFF.getTime() + (i + 10) * 86_400_000),
      ),
    );
    // 3 games x 600 books x 3 selections = 5,400 prices: over the size that is split across connections.
    const rows = events.flatMap((ev) =>
      Array.from({ length: 600 }, (_, b) =>
        prices(ev, at(30))
          .slice(0, 3)
          .map((p) => ({
            ...p,
            bookmaker: { key: `big-book-${b}`, name: `Big book ${b}`, isSharp: false, isAggregate: false },
          })),
      ).flat(),
    );
    const pass: CollectPass = { requests: 1, prices: { rows, rejected: [] } };
    const runs = await Promise.all([0, 1, 2].map(() => runCollector(pool, stub("replay", pass), { now: at(31) })));
    expect(runs.reduce((s, r) => s + r.inserted, 0)).toBe(5_400);
    const { rows: stored } = await pool.query<{ games: number; n: number; keys: number }>(
      `SELECT count(DISTINCT s."gameId")::int AS games, count(*)::int AS n,
              count(DISTINCT (s."gameId", s."bookmakerId", s.selection))::int AS keys
         FROM "OddsSnapshot" s JOIN "Game" g ON g.id = s."gameId" WHERE g."externalIds"->>'replay' LIKE 'evt-big-%'`,
    );
    expect(stored[0]).toEqual({ games: 3, n: 5_400, keys: 5_400 });
  });
});

describe("team names", () => {
  it("an unknown team rejects the event and queues the name; the count grows on repeat; no team is created", async () => {
    const teamsBefore = (await pool.query(`SELECT count(*)::int AS n FROM "Team"`)).rows[0].n;
    const ev = event("evt-unknown", "Collector Alpha", "Nowhere United");
    const pass = { requests: 1, prices: { rows: prices(ev, at(0)), rejected: [] } };
    const first = await runCollector(pool, stub("replay", pass), { now: at(1) });
    expect(first).toMatchObject({
      inserted: 0,
      rejected: 1,
      errors: [{ event: "evt-unknown", message: 'unknown team "Nowhere United", queued for review' }],
      status: "completed",
    });
    await runCollector(pool, stub("replay", pass), { now: at(2) });
    const review = await pool.query(
      `SELECT provider, name, seen, "resolvedTeamId" FROM "TeamNameReview" WHERE name = 'Nowhere United'`,
    );
    expect(review.rows).toEqual([{ provider: "replay", name: "Nowhere United", seen: 2, resolvedTeamId: null }]);
    expect((await pool.query(`SELECT count(*)::int AS n FROM "Team"`)).rows[0].n).toBe(teamsBefore);
    expect(
      (await pool.query(`SELECT count(*)::int AS n FROM "Game" WHERE "externalIds"->>'replay' = 'evt-unknown'`)).rows[0]
        .n,
    ).toBe(0);

    const health = await collectionHealth(pool, unconfigured(), { runs: 50 });
    expect(health.providers.find((p) => p.provider === "replay")).toMatchObject({
      notConfigured: "set the replay key",
      lastSuccessAt: at(2),
    });
    expect(health.runs).toContainEqual(
      expect.objectContaining({ provider: "replay", ok: true, counts: expect.objectContaining({ rejected: 1 }) }),
    );
    expect(health.reviewQueue).toContainEqual(
      expect.objectContaining({ name: "Nowhere United", league: LEAGUE, seen: 2 }),
    );
  });

  it("matches an existing game by teams and date (a day either way) and records the provider's id on it", async () => {
    const gameId = await gameOf("evt-match");
    const other = { ...event("other-id-1"), provider: "espn", startsAt: new Date(KICKOFF.getTime() + 20 * 3_600_000) };
    expect(await resolveEvent(pool, other)).toEqual({ gameId });
    const ids = (await pool.query(`SELECT "externalIds" FROM "Game" WHERE id = $1`, [gameId])).rows[0].externalIds;
    expect(ids).toMatchObject({ espn: "other-id-1" });
  });
});

describe("scores", () => {
  it("a final score makes the game FINAL once and publishes results.stored once", async () => {
    const published: unknown[] = [];
    setEventPublisher(async (e) => void published.push(e));
    const ev = event("evt-final", "Collector Gamma", "Collector Beta", new Date("2030-02-10T15:00:00Z"));
    const score: CollectedScore = { event: ev, homeScore: 2, awayScore: 1, state: "final", providerUpdatedAt: at(0) };
    const pass = { requests: 1, scores: { rows: [score], rejected: [] } };
    expect(await runCollector(pool, stub("espn", pass), { now: at(1) })).toMatchObject({ inserted: 1, unchanged: 0 });
    expect(await runCollector(pool, stub("espn", pass), { now: at(2) })).toMatchObject({ inserted: 0, unchanged: 1 });
    const game = await pool.query(
      `SELECT id, status, "homeScore", "awayScore" FROM "Game" WHERE "externalIds"->>'replay' = 'evt-final'`,
    );
    expect(game.rows[0]).toMatchObject({ status: "FINAL", homeScore: 2, awayScore: 1 });
    expect(published).toEqual([{ name: "linesmith/results.stored", data: { gameIds: [game.rows[0].id] } }]);
  });
});

describe("provider state", () => {
  it("five failures in a row open the circuit; the next run is skipped with a message, not an error", async () => {
    const failing = stub("the-odds-api", () =>
      Promise.reject(new Error("GET https://api.example/v4/sports?apiKey=secret123&regions=uk: 500")),
    );
    for (let i = 0; i < 5; i++) {
      const r = await runCollector(pool, failing, { now: at(i) });
      expect(r.status).toBe("failed");
      expect(r.message).not.toContain("secret123");
    }
    const state = await pool.query(
      `SELECT "consecutiveFailures", "circuitOpenUntil", "lastError" FROM "ProviderState" WHERE provider = 'the-odds-api'`,
    );
    expect(state.rows[0]).toMatchObject({ consecutiveFailures: 5, circuitOpenUntil: at(4 + 5) });
    expect(state.rows[0].lastError).toContain("apiKey=REDACTED");
    const skipped = await runCollector(pool, failing, { now: at(6) });
    expect(skipped).toMatchObject({ status: "skipped", requests: 0 });
    expect(skipped.message).toMatch(/^circuit open after 5 consecutive failures/);
    // After the pause a success closes the circuit.
    const ok = await runCollector(pool, stub("the-odds-api", { requests: 1 }), { now: at(10) });
    expect(ok.status).toBe("completed");
    const after = await pool.query(
      `SELECT "consecutiveFailures", "circuitOpenUntil" FROM "ProviderState" WHERE provider = 'the-odds-api'`,
    );
    expect(after.rows[0]).toEqual({ consecutiveFailures: 0, circuitOpenUntil: null });
  });

  it("a provider that is not configured is skipped with its reason in ProviderState", async () => {
    let called = false;
    const provider = stub("the-odds-api", async () => ((called = true), { requests: 1 }), "set ODDS_API_KEY");
    const r = await runCollector(pool, provider, { now: at(0) });
    expect(r).toMatchObject({ status: "skipped", message: "set ODDS_API_KEY", inserted: 0 });
    expect(called).toBe(false);
    const state = await pool.query(
      `SELECT "skippedReason", "lastSkippedAt" FROM "ProviderState" WHERE provider = 'the-odds-api'`,
    );
    expect(state.rows[0]).toEqual({ skippedReason: "set ODDS_API_KEY", lastSkippedAt: at(0) });
  });

  it("the collection jobs are no-ops without configured providers", async () => {
    const runsBefore = (await pool.query(`SELECT count(*)::int AS n FROM "JobRun"`)).rows[0].n;
    const result = await runCollectionJob(pool, "odds", unconfigured(), { now: at(0) });
    expect(result).toEqual({
      ran: [],
      skipped: [
        { provider: "the-odds-api", reason: "set the the-odds-api key" },
        { provider: "replay", reason: "set the replay key" },
      ],
    });
    expect((await pool.query(`SELECT count(*)::int AS n FROM "JobRun"`)).rows[0].n).toBe(runsBefore);
    expect((await pool.query(`SELECT count(*)::int AS n FROM "ProviderState"`)).rows[0].n).toBe(0);
  });

  it("runs scores every minute while a game is on and every 5 minutes otherwise; other kinds by their interval", async () => {
    const { collectionDue } = await import("@/server/services/collection/jobs");
    const { parseSchedule } = await import("@/server/domain/collectors/schedule");
    const now = new Date("2031-03-01T12:00:00Z");
    await pool.query(
      `INSERT INTO "ProviderState" (provider, "lastSuccessAt", "updatedAt") VALUES ('espn', $1, $1), ('espn-injuries', $1, $1)
       ON CONFLICT (provider) DO UPDATE SET "lastSuccessAt" = $1`,
      [new Date(now.getTime() - 2 * 60_000)],
    );
    // Nothing is being played at `now` (no game kicked off in the 4 hours before it): 2 minutes is too soon.
    const playing = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "Game" WHERE status = 'SCHEDULED' AND "startsAt" <= $1 AND "startsAt" > $1 - interval '4 hours'`,
      [now],
    );
    expect(playing.rows[0]!.n).toBe(0);
    expect(await collectionDue(pool, "scores", "espn", now)).toBe(false);
    expect(await collectionDue(pool, "injuries", "espn-injuries", now)).toBe(false);
    const custom = parseSchedule("scores=60,injuries=90");
    if ("error" in custom) throw new Error(custom.error);
    expect(await collectionDue(pool, "scores", "espn", now, custom.schedule)).toBe(true);
    expect(await collectionDue(pool, "injuries", "espn-injuries", now, custom.schedule)).toBe(true);
    // A game that kicked off an hour before `now` is on: scores every minute.
    const before = await pool.query<{ id: number; status: string; startsAt: Date }>(
      `SELECT id, status::text, "startsAt" FROM "Game" ORDER BY id LIMIT 1`,
    );
    const original = before.rows[0]!;
    await pool.query(`UPDATE "Game" SET status = 'SCHEDULED', "startsAt" = $2 WHERE id = $1`, [
      original.id,
      new Date(now.getTime() - 3_600_000),
    ]);
    try {
      expect(await collectionDue(pool, "scores", "espn", now)).toBe(true);
    } finally {
      await pool.query(`UPDATE "Game" SET status = $2::"GameStatus", "startsAt" = $3 WHERE id = $1`, [
        original.id,
        original.status,
        original.startsAt,
      ]);
    }
  });

  it("the scheduled jobs do nothing at all, not even record a run, when no provider of their kind is configured", async () => {
    const { JOBS } = await import("@/inngest/jobs");
    const { startLocalRunner } = await import("@/inngest/local-runner");
    const collectors = JOBS.filter((j) => j.id.startsWith("collect-"));
    expect(collectors.map((j) => [j.id, j.cron])).toEqual([
      ["collect-odds", "* * * * *"],
      ["collect-scores", "* * * * *"],
      ["collect-weather", "* * * * *"],
      ["collect-injuries", "* * * * *"],
    ]);
    expect(collectors.map((j) => j.idle?.())).toEqual([
      "no odds provider is configured",
      "no scores provider is configured",
      "no weather provider is configured",
      "no injuries provider is configured",
    ]);
    const runsBefore = (await pool.query(`SELECT count(*)::int AS n FROM "JobRun"`)).rows[0].n;
    const runner = startLocalRunner(pool, { schedules: false, log: () => {} });
    try {
      await runner.trigger("collect-odds");
      await runner.idle();
    } finally {
      runner.stop();
    }
    expect((await pool.query(`SELECT count(*)::int AS n FROM "JobRun"`)).rows[0].n).toBe(runsBefore);
  });
});
