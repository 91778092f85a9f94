import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mapInjuries, mapScoreboard } from "@/server/domain/collectors/espn";
import { createEspnClient, espnDate, ProviderError } from "@/server/integrations/espn/client";
import {
  sampleInjuryTeam,
  sampleScoreboardEvent,
  startFakeEspn,
  type FakeEspn,
} from "@/server/integrations/espn/fake-server";

const KC = { id: "12", displayName: "Kansas City Chiefs", abbreviation: "KC" };
const BAL = { id: "33", displayName: "Baltimore Ravens", abbreviation: "BAL" };
const ARS = { id: "359", displayName: "Arsenal", abbreviation: "ARS" };
const CHE = { id: "363", displayName: "Chelsea", abbreviation: "CHE" };

let fake: FakeEspn;
const sleeps: number[] = [];
const client = () => createEspnClient({ baseUrl: fake.url, sleep: async (ms) => void sleeps.push(ms) });

beforeAll(async () => {
  fake = await startFakeEspn({
    scoreboards: {
      nfl: {
        "20260910": [
          sampleScoreboardEvent({
            id: "401",
            date: "2026-09-11T00:20Z",
            home: KC,
            away: BAL,
            state: "post",
            homeScore: 27,
            awayScore: 20,
          }),
        ],
      },
    },
    injuries: {
      nfl: [sampleInjuryTeam(KC, [{ name: "Patrick Mahomes", position: "QB", status: "Questionable", type: "Ankle" }])],
    },
  });
});
afterAll(() => fake.close());

describe("ESPN client against the fake", () => {
  it("reads a scoreboard on the real path and maps it", async () => {
    fake.setMode("ok");
    const result = await client().scoreboard("nfl", new Date("2026-09-11T00:20:00Z"));
    expect(fake.requests.at(-1)).toBe("/apis/site/v2/sports/football/nfl/scoreboard?dates=20260910");
    expect(result.rejected).toEqual([]);
    expect(result.requests).toBe(1);
    const mapped = mapScoreboard(result.data, "nfl", new Date());
    expect(mapped.rows).toMatchObject([
      { state: "final", homeScore: 27, awayScore: 20, event: { home: "Kansas City Chiefs" } },
    ]);
  });

  it("serves soccer leagues set later, and an empty day as no events", async () => {
    fake.setScoreboard("eng-premier-league", "20261003", [
      sampleScoreboardEvent({ id: "7", date: "2026-10-03T14:00Z", home: ARS, away: CHE }),
    ]);
    const result = await client().scoreboard("eng-premier-league", "20261003");
    expect(fake.requests.at(-1)).toBe("/apis/site/v2/sports/soccer/eng.1/scoreboard?dates=20261003");
    expect(result.data.events.map((e) => e.id)).toEqual(["7"]);
    expect((await client().scoreboard("eng-championship", "20261003")).data.events).toEqual([]);
  });

  it("retries a 500 and then succeeds", async () => {
    fake.setMode("flaky");
    sleeps.length = 0;
    const result = await client().scoreboard("nfl", "20260910");
    expect(result.requests).toBe(2);
    expect(sleeps).toEqual([250]);
    expect(result.data.events).toHaveLength(1);
  });

  it("gives up with 'unavailable' after three 500s", async () => {
    fake.setMode("server-error");
    sleeps.length = 0;
    const error = await client()
      .scoreboard("nfl", "20260910")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: "unavailable", status: 500 });
    expect(sleeps).toEqual([250, 500]);
    fake.setMode("ok");
  });

  it("rejects malformed events one by one and keeps the good one", async () => {
    fake.setMode("malformed");
    const result = await client().scoreboard("nfl", "20260910");
    fake.setMode("ok");
    expect(result.data.events.map((e) => e.id)).toEqual(["401"]);
    expect(result.rejected.map((r) => r.event)).toEqual(["bad-1", "bad-2", "12345"]);
    expect(result.rejected[0]!.message).toMatch(/competitions/);
  });

  it("reads the league injury report, rejecting broken rows and teams", async () => {
    const ok = await client().injuries("nfl");
    expect(fake.requests.at(-1)).toBe("/apis/site/v2/sports/football/nfl/injuries");
    expect(mapInjuries(ok.data, "nfl", new Date()).rows).toMatchObject([
      { player: "Patrick Mahomes", status: "questionable", type: "Ankle" },
    ]);
    fake.setMode("malformed");
    const bad = await client().injuries("nfl");
    fake.setMode("ok");
    expect(bad.data.injuries.map((t) => t.injuries.length)).toEqual([1]);
    expect(bad.rejected.map((r) => r.event)).toEqual(["team:12/x1", "team:99"]);
  });

  it("refuses leagues ESPN is not collected for, bad dates, and 4xx as bad-request", async () => {
    await expect(client().scoreboard("atp", "20260910")).rejects.toMatchObject({ kind: "bad-request" });
    await expect(client().injuries("eng-premier-league")).rejects.toMatchObject({ kind: "bad-request" });
    await expect(client().scoreboard("nfl", "2026-09-10")).rejects.toMatchObject({ kind: "bad-request" });
    const notFound = createEspnClient({ baseUrl: `${fake.url}/nowhere?apiKey=secret`, sleep: async () => {} });
    const error = (await notFound.scoreboard("nfl", "20260910").catch((e: unknown) => e)) as ProviderError;
    expect(error.kind).toBe("bad-request");
    expect(error.status).toBe(404);
    expect(error.message).not.toContain("secret");
  });

  it("reports an unreachable host as unavailable", async () => {
    const dead = createEspnClient({ baseUrl: "http://127.0.0.1:1", sleep: async () => {}, attempts: 2 });
    await expect(dead.scoreboard("nfl", "20260910")).rejects.toMatchObject({ kind: "unavailable" });
  });

  it("formats ESPN dates as the US Eastern day", () => {
    expect(espnDate(new Date("2026-09-11T00:20:00Z"))).toBe("20260910");
    expect(espnDate(new Date("2026-10-03T14:00:00Z"))).toBe("20261003");
  });
});

describe("configuration", () => {
  it("defaults the base URLs to the real hosts and validates overrides", async () => {
    const { parseEnv } = await import("@/server/env");
    const valid = { DATABASE_URL: "postgresql://u@127.0.0.1:5432/db", NEXTAUTH_SECRET: "x".repeat(32) };
    expect(parseEnv(valid)).toMatchObject({
      ESPN_BASE_URL: "https://site.api.espn.com",
      OPEN_METEO_BASE_URL: "https://api.open-meteo.com",
    });
    expect(parseEnv({ ...valid, ESPN_BASE_URL: "http://127.0.0.1:9999" }).ESPN_BASE_URL).toBe("http://127.0.0.1:9999");
    expect(() => parseEnv({ ...valid, OPEN_METEO_BASE_URL: "not a url" })).toThrow(/OPEN_METEO_BASE_URL/);
  });
});
