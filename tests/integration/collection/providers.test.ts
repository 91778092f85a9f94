import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syntheticLeagueCsv } from "../../support/synthetic-league";
import { TEST_DATABASE_URL, testPool } from "../../support/test-db";

process.env.DATABASE_URL = TEST_DATABASE_URL;
process.env.NEXTAUTH_SECRET ??= "integration-test-secret-integration-test-secret";

const pool = testPool();
const { importFile } = await import("@/server/services/imports/import-file");
const { parseEnv } = await import("@/server/env");
const { providers } = await import("@/server/services/collection/providers");
const { runCollector } = await import("@/server/services/collection/run");
const { startFakeOddsApi } = await import("@/server/integrations/the-odds-api/fake-server");
const { sampleEvents } = await import("@/server/integrations/the-odds-api/sample-events");
const { resolveReviewedName } = await import("@/server/services/collection/review");

/**
 * The Odds API provider as the jobs and the command line run it: the real client against the fake server
 * (the API's shapes, quota headers and errors), the real mapping, stored through the collection services.
 */
const CLUBS = ["Ashcombe", "Brackwell", "Coldharbour", "Dunmere", "Eastleigh Vale", "Fennick"];
let fake: Awaited<ReturnType<typeof startFakeOddsApi>>;
const now = new Date();

beforeAll(async () => {
  // The league and its clubs come from an archive first: live names resolve against them, never create them.
  const csv = syntheticLeagueCsv([2019], 0, 4).replaceAll("\nX1,", "\nE0,");
  await importFile(pool, { source: "football-data", fileName: "synthetic-epl.csv", bytes: Buffer.from(csv) });
  // Sample events carry Premier League names; these play the synthetic clubs (outcomes renamed with them).
  type Event = ReturnType<typeof sampleEvents>[number];
  const rename = (e: Event, id: string, home: string, away: string): Event => {
    const name = (n: string) => (n === e.home_team ? home : n === e.away_team ? away : n);
    return {
      ...e,
      id,
      home_team: home,
      away_team: away,
      bookmakers: e.bookmakers.map((b) => ({
        ...b,
        markets: b.markets.map((m) => ({ ...m, outcomes: m.outcomes.map((o) => ({ ...o, name: name(o.name) })) })),
      })),
    };
  };
  const events = sampleEvents(4, 6, now, "soccer_epl").map((e, i) =>
    i < 3
      ? rename(e, e.id, CLUBS[i * 2]!, CLUBS[i * 2 + 1]!)
      : rename(e, "unknown-club-event", "Nowhere Wanderers", CLUBS[0]!),
  );
  // The last event names a club no alias knows: it waits for an admin, and the others are stored.
  fake = await startFakeOddsApi({ events });
});

afterAll(async () => {
  await fake.close();
  await pool.end();
});

const env = () =>
  parseEnv({
    ...process.env,
    ODDS_API_KEY: "test-key",
    ODDS_API_BASE_URL: fake.url,
    ODDS_API_SPORTS: "soccer_epl",
    ODDS_API_REGIONS: "uk,eu",
  });

describe("The Odds API provider", () => {
  it("stores a poll once: the second identical poll inserts nothing, and quota is read from the headers", async () => {
    const provider = providers(env())["the-odds-api"];
    const first = await runCollector(pool, provider, { now, kind: "odds" });
    expect(first.status).toBe("completed");
    expect(first.inserted).toBeGreaterThan(20);
    // The unknown club's prices were read but not stored.
    expect(first.snapshots).toBeGreaterThan(first.inserted);
    expect(first.errors.map((e) => e.event)).toContain("unknown-club-event");
    expect(first.quotaRemaining).not.toBeNull();
    const second = await runCollector(pool, provider, { now: new Date(now.getTime() + 60_000), kind: "odds" });
    expect(second.inserted).toBe(0);
    expect(second.unchanged).toBe(first.inserted);
    const { rows } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "TeamNameReview" WHERE name = 'Nowhere Wanderers'`,
    );
    expect(rows[0]!.n).toBe(1);
  });

  it("an admin resolves the queued name to a team; the next poll stores that event, and other leagues' teams are refused", async () => {
    const { rows: review } = await pool.query<{ id: number; leagueId: number }>(
      `SELECT id, "leagueId" FROM "TeamNameReview" WHERE name = 'Nowhere Wanderers'`,
    );
    const { rows: teams } = await pool.query<{ id: number; leagueId: number }>(
      `SELECT id, "leagueId" FROM "Team" WHERE name = 'Glassford'`,
    );
    const sameLeague = teams.find((t) => t.leagueId === review[0]!.leagueId)!;
    const { rows: other } = await pool.query<{ id: number }>(`SELECT id FROM "Team" WHERE "leagueId" <> $1 LIMIT 1`, [
      review[0]!.leagueId,
    ]);
    if (other[0])
      await expect(resolveReviewedName(pool, { reviewId: review[0]!.id, teamId: other[0].id })).rejects.toMatchObject({
        code: "BAD_REQUEST",
      });
    await resolveReviewedName(pool, { reviewId: review[0]!.id, teamId: sameLeague.id });
    const next = await runCollector(pool, providers(env())["the-odds-api"], {
      now: new Date(now.getTime() + 90_000),
      kind: "odds",
    });
    expect(next.errors.filter((e) => e.event === "unknown-club-event")).toEqual([]);
    expect(next.inserted).toBeGreaterThan(0);
    // Resolving again is harmless; the queue no longer lists the name.
    await resolveReviewedName(pool, { reviewId: review[0]!.id, teamId: sameLeague.id });
    const { rows: queued } = await pool.query(
      `SELECT 1 FROM "TeamNameReview" WHERE name = 'Nowhere Wanderers' AND "resolvedTeamId" IS NULL`,
    );
    expect(queued).toHaveLength(0);
  });

  it("a refused key fails the pass without the key in any message, and is recorded for the health page", async () => {
    const provider = providers(
      parseEnv({
        ...process.env,
        ODDS_API_KEY: "wrong-secret-key",
        ODDS_API_BASE_URL: fake.url,
        ODDS_API_SPORTS: "soccer_epl",
      }),
    )["the-odds-api"];
    const result = await runCollector(pool, provider, { now: new Date(now.getTime() + 120_000), kind: "odds" });
    expect(result.status).toBe("failed");
    expect(JSON.stringify(result)).not.toContain("wrong-secret-key");
    const { rows } = await pool.query<{ lastError: string }>(
      `SELECT "lastError" FROM "ProviderState" WHERE provider = 'the-odds-api'`,
    );
    expect(rows[0]!.lastError).not.toContain("wrong-secret-key");
  });

  it("keyless providers are skipped with their reason until LIVE_SOURCES lists them", async () => {
    const registry = providers(parseEnv({ ...process.env }));
    expect(registry.espn.notConfigured()).toMatch(/LIVE_SOURCES/);
    expect(providers(parseEnv({ ...process.env, LIVE_SOURCES: "espn" })).espn.notConfigured()).toBeNull();
    expect(registry.replay.notConfigured()).toMatch(/REPLAY_BASE_URL/);
  });
});
