import { beforeAll, describe, expect, it } from "vitest";
import { NFL } from "@/server/domain/imports/catalogue";
import { injuriesKnownAt } from "@/server/domain/injuries/known";
import type { CollectedEvent } from "@/server/domain/collectors/types";
import { TeamResolver } from "@/server/services/imports/resolve-teams";
import { apiCaller } from "../../support/api-caller";

const { prisma, pool, caller } = apiCaller();
const { storeInjuries, storeWeather } = await import("@/server/services/collection/store");
const { resolveEvent } = await import("@/server/services/collection/resolve-event");

const KICKOFF = new Date("2031-10-12T17:00:00Z");
const nflEvent = (externalId: string, home: string, away: string): CollectedEvent => ({
  provider: "espn",
  externalId,
  sport: "american-football",
  league: "nfl",
  startsAt: KICKOFF,
  home,
  away,
});

beforeAll(async () => {
  const sport = await pool.query<{ id: number }>(
    `INSERT INTO "Sport" (key, name) VALUES ('american-football', 'American football') ON CONFLICT (key) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
  );
  const league = await pool.query<{ id: number }>(
    `INSERT INTO "League" ("sportId", key, name, country) VALUES ($1, 'nfl', 'NFL', 'USA') ON CONFLICT (key) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
    [sport.rows[0]!.id],
  );
  const resolver = await TeamResolver.load(pool, NFL, league.rows[0]!.id);
  for (const name of ["Kansas City Chiefs", "Detroit Lions"]) await resolver.resolve(name, 2030);
});

describe("NFL names go through the franchise registry", () => {
  it("resolves a provider's spelling of a known franchise without creating a team", async () => {
    const teams = await prisma.team.count();
    const r = await resolveEvent(pool, nflEvent("401-kc-det", "Kansas City Chiefs", "Detroit Lions"));
    expect(r).toHaveProperty("gameId");
    // The registry's aliases: the same game, whatever the spelling.
    expect(
      await resolveEvent(pool, { ...nflEvent("401-kc-det-2", "KC Chiefs", "Detroit Lions"), provider: "the-odds-api" }),
    ).toEqual(r);
    // A name no franchise goes by (a real franchise may exist already: other test files import NFL seasons).
    expect(await resolveEvent(pool, nflEvent("401-kc-lon", "Kansas City Chiefs", "London Monarchs"))).toEqual({
      rejected: 'unknown team "London Monarchs", queued for review',
    });
    expect(await prisma.team.count()).toBe(teams);
  });
});

describe("weather and injuries", () => {
  it("stores the newest kick-off forecast on the game, never an older one", async () => {
    const event = nflEvent("401-kc-det", "Kansas City Chiefs", "Detroit Lions");
    const forecast = (hoursBefore: number, temperatureC: number) => ({
      event,
      forecastAt: new Date(KICKOFF.getTime() - hoursBefore * 3_600_000),
      temperatureC,
      windKph: 18,
      gustKph: 30,
      precipitationMm: 0.4,
    });
    expect(await storeWeather(pool, { rows: [forecast(24, 12)], rejected: [] })).toMatchObject({ inserted: 1 });
    expect(await storeWeather(pool, { rows: [forecast(24, 12)], rejected: [] })).toMatchObject({
      inserted: 0,
      unchanged: 1,
    });
    expect(await storeWeather(pool, { rows: [forecast(48, 3)], rejected: [] })).toMatchObject({ inserted: 0 });
    const game = await prisma.game.findFirstOrThrow({
      where: { externalIds: { path: ["espn"], equals: "401-kc-det" } },
    });
    expect(game).toMatchObject({
      temperatureC: 12,
      windKph: 18,
      gustKph: 30,
      precipitationMm: 0.4,
      weatherForecastAt: new Date(KICKOFF.getTime() - 24 * 3_600_000),
    });
  });

  it("stores an injury report once per change, and queues unknown teams", async () => {
    const report = (status: string, reportedAt: string) => ({
      league: "nfl",
      team: "Kansas City Chiefs",
      player: "Pat Example",
      position: "QB",
      status,
      type: "Ankle",
      reportedAt: new Date(reportedAt),
    });
    const unknown = { ...report("out", "2031-10-08T00:00:00Z"), team: "Nowhere Narwhals" };
    const first = await storeInjuries(
      pool,
      "espn-injuries",
      { rows: [report("questionable", "2031-10-08T00:00:00Z"), unknown], rejected: [] },
      new Date("2031-10-08T10:00:00Z"),
    );
    expect(first).toMatchObject({ read: 2, inserted: 1, unchanged: 0 });
    expect(first.rejected[0]!.message).toBe('unknown team "Nowhere Narwhals", queued for review');
    const again = await storeInjuries(
      pool,
      "espn-injuries",
      { rows: [report("questionable", "2031-10-08T00:00:00Z")], rejected: [] },
      new Date("2031-10-08T11:00:00Z"),
    );
    expect(again).toMatchObject({ inserted: 0, unchanged: 1 });
    const changed = await storeInjuries(
      pool,
      "espn-injuries",
      { rows: [report("out", "2031-10-10T00:00:00Z")], rejected: [] },
      new Date("2031-10-10T11:00:00Z"),
    );
    expect(changed).toMatchObject({ inserted: 1 });
    const rows = await prisma.injuryReport.findMany({
      where: { player: "Pat Example" },
      orderBy: { collectedAt: "asc" },
    });
    expect(rows.map((r) => [r.status, r.collectedAt.toISOString()])).toEqual([
      ["questionable", "2031-10-08T10:00:00.000Z"],
      ["out", "2031-10-10T11:00:00.000Z"],
    ]);
  });
});

describe("players who recover", () => {
  // Far from other suites' dates: clearing is league-wide, and this must not change what they read.
  const lion = (player: string) => ({
    league: "nfl",
    team: "Detroit Lions",
    player,
    position: "WR",
    status: "out",
    type: null,
    reportedAt: new Date("2040-01-01T00:00:00Z"),
  });
  const outAt = async (at: string) => {
    const rows = await prisma.injuryReport.findMany({ where: { team: { name: "Detroit Lions" } } });
    const teamId = rows[0]!.teamId;
    return injuriesKnownAt(rows, new Date(at)).get(teamId)?.out;
  };

  it("are cleared when a league's complete report no longer lists them, and kept when the report was incomplete", async () => {
    await storeInjuries(pool, "espn-injuries", { rows: [lion("Ann Out"), lion("Bo Out")], rejected: [] }, new Date("2040-01-01T10:00:00Z"), ["nfl"]);
    expect(await outAt("2040-01-01T12:00:00Z")).toBe(2);
    // Bo recovered: the next report lists only Ann. ESPN drops a recovered player without a word.
    await storeInjuries(pool, "espn-injuries", { rows: [lion("Ann Out")], rejected: [] }, new Date("2040-01-02T10:00:00Z"), ["nfl"]);
    expect(await outAt("2040-01-02T12:00:00Z")).toBe(1);
    // What was known before stays as it was.
    expect(await outAt("2040-01-01T12:00:00Z")).toBe(2);
    // A report read only in part (a refused row, or a league not read) clears nobody: Ann may be the refused row.
    await storeInjuries(pool, "espn-injuries", { rows: [], rejected: [{ event: "team:8", message: "injury row without player" }] }, new Date("2040-01-03T10:00:00Z"), []);
    expect(await outAt("2040-01-03T12:00:00Z")).toBe(1);
    // Out again later: counted again.
    await storeInjuries(pool, "espn-injuries", { rows: [lion("Ann Out"), { ...lion("Bo Out"), reportedAt: new Date("2040-01-04T00:00:00Z") }], rejected: [] }, new Date("2040-01-04T10:00:00Z"), ["nfl"]);
    expect(await outAt("2040-01-04T12:00:00Z")).toBe(2);
  });
});

describe("the collection router", () => {
  it("is for administrators only", async () => {
    const user = await prisma.user.create({ data: { email: `health-user-${Date.now()}@example.com` } });
    const admin = await prisma.user.create({
      data: { email: `health-admin-${Date.now()}@example.com`, role: "ADMIN" },
    });
    await expect(caller(null).collection.health({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(caller({ id: user.id, role: "USER" }).collection.health({})).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const health = await caller({ id: admin.id, role: "ADMIN" }).collection.health({});
    expect(health.providers.map((p) => p.provider)).toEqual([
      "the-odds-api",
      "espn",
      "open-meteo",
      "espn-injuries",
      "replay",
    ]);
    expect(health.reviewQueue).toContainEqual(
      expect.objectContaining({ name: "London Monarchs", league: "nfl", provider: "espn" }),
    );
  });
});

describe("bookmakers first seen in a feed", () => {
  it("are stored with the catalogue's sharp and aggregate flags, not as soft books", async () => {
    const { storePrices } = await import("@/server/services/collection/store");
    const key = `sharp-feed-book-${Date.now()}`;
    const event = nflEvent("401-kc-det", "Kansas City Chiefs", "Detroit Lions");
    const price = (selection: "HOME" | "AWAY", value: number) => ({
      event,
      bookmaker: { key, name: "Sharp feed book", isSharp: true, isAggregate: false },
      market: "MONEYLINE" as const,
      period: "FULL_GAME" as const,
      selection,
      line: null,
      price: value,
      providerUpdatedAt: new Date("2031-10-10T12:00:00Z"),
    });
    await storePrices(pool, "the-odds-api", { rows: [price("HOME", 1.8), price("AWAY", 2.1)], rejected: [] }, new Date("2031-10-10T12:00:05Z"));
    expect(await prisma.bookmaker.findUnique({ where: { key }, select: { name: true, isSharp: true, isAggregate: true } })).toEqual({
      name: "Sharp feed book",
      isSharp: true,
      isAggregate: false,
    });
  });
});
