import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { mapOddsEvents, mapOddsScores } from "@/server/domain/collectors/odds-api";
import { parseEnv } from "@/server/env";
import { createOddsApiClient, ProviderError, type OddsApiClientOptions } from "@/server/integrations/the-odds-api";
import { startFakeOddsApi, type FakeOddsApi } from "@/server/integrations/the-odds-api/fake-server";
import { sampleEvents, sampleScores } from "@/server/integrations/the-odds-api/sample-events";

const KEY = "secret-key-0123456789abcdef";
const now = new Date();
let fake: FakeOddsApi;
let waits: number[] = [];

const client = (options: Partial<OddsApiClientOptions> = {}) =>
  createOddsApiClient({ baseUrl: fake.url, apiKey: KEY, sleep: async (ms) => void waits.push(ms), ...options });

async function providerError(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  const typed = error as ProviderError;
  expect(`${typed.message} ${String(typed.cause ?? "")}`).not.toContain(KEY);
  return typed;
}

beforeAll(async () => {
  const epl = sampleEvents(
    5,
    ["pinnacle", "bet365", "williamhill", "betfair_ex_eu", "draftkings", "fanduel"],
    now,
    "soccer_epl",
  );
  const nba = sampleEvents(3, 10, now, "basketball_nba");
  fake = await startFakeOddsApi({ apiKey: KEY, events: [...epl, ...nba], scores: sampleScores(epl, now), quota: 500 });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.setMode("ok");
  fake.setQuota(500);
  fake.requests.length = 0;
  waits = [];
});

describe("The Odds API client against the fake", () => {
  it("sends the real query string and reads the odds, the quota headers and every market", async () => {
    const result = await client().odds("soccer_epl", { regions: ["uk", "eu"] });
    const [request] = fake.requests;
    expect(request).toMatchObject({
      path: "/v4/sports/soccer_epl/odds",
      query: { apiKey: KEY, regions: "uk,eu", markets: "h2h,spreads,totals", oddsFormat: "decimal", dateFormat: "iso" },
    });
    expect(result.rejected).toEqual([]);
    expect(result.attempts).toBe(1);
    expect(result.data).toHaveLength(5);
    // uk and eu books only; the exchange sends its lay side too.
    expect(new Set(result.data[0]!.bookmakers.map((b) => b.key))).toEqual(
      new Set(["pinnacle", "bet365", "williamhill", "betfair_ex_eu"]),
    );
    expect(result.data[0]!.bookmakers.find((b) => b.key === "betfair_ex_eu")!.markets.map((m) => m.key)).toContain(
      "h2h_lay",
    );
    // Odds cost markets x regions: 3 x 2.
    expect(result.quota).toEqual({ remaining: 494, used: 6, last: 6 });

    const mapped = mapOddsEvents(result.data, { receivedAt: now });
    expect(mapped.rejected).toEqual([]);
    // 5 events x 4 books x (3 + 2 + 2) prices; the lay side is not a price one can take.
    expect(mapped.rows).toHaveLength(5 * 4 * 7);
    expect(new Set(mapped.rows.map((r) => r.market))).toEqual(new Set(["ONE_X_TWO", "SPREAD", "TOTAL"]));
  });

  it("reads sports, events and scores", async () => {
    const api = client();
    const sports = await api.sports();
    expect(sports.data.map((s) => s.key)).toContain("soccer_spain_la_liga");
    const events = await api.events("basketball_nba");
    expect(events.data).toHaveLength(3);
    expect(events.data[0]).not.toHaveProperty("bookmakers");
    const scores = await api.scores("soccer_epl", { daysFrom: 3 });
    expect(fake.requests.at(-1)).toMatchObject({
      path: "/v4/sports/soccer_epl/scores",
      query: { daysFrom: "3", dateFormat: "iso" },
    });
    expect(scores.quota).toMatchObject({ last: 2 });
    const mapped = mapOddsScores(scores.data, { receivedAt: now });
    expect(mapped.rows.map((r) => r.state)).toEqual(["final", "in-progress", "scheduled", "scheduled", "scheduled"]);
    // Without daysFrom, finished games are left out (as the real API does).
    expect((await api.scores("soccer_epl")).data).toHaveLength(4);
    await expect(api.scores("soccer_epl", { daysFrom: 7 })).rejects.toMatchObject({ kind: "bad-request" });
  });

  it("reports a refused key as unauthorized, without the key in the message", async () => {
    const error = await providerError(
      createOddsApiClient({ baseUrl: fake.url, apiKey: "wrong-key" }).odds("soccer_epl", { regions: "uk" }),
    );
    expect(error).toMatchObject({ kind: "unauthorized", status: 401, provider: "the-odds-api" });
    expect(error.message).toMatch(/API key is not valid.*ODDS_API_KEY/);
    fake.setMode("unauthorized");
    expect(await providerError(client().sports())).toMatchObject({ kind: "unauthorized" });
  });

  it("reports a 422 with the provider's message and does not retry it", async () => {
    fake.setMode("unprocessable");
    const error = await providerError(client().odds("soccer_epl", { regions: "uk" }));
    expect(error).toMatchObject({ kind: "bad-request", status: 422 });
    expect(error.message).toMatch(/Invalid markets parameter/);
    expect(error.message).toContain("apiKey=REDACTED");
    expect(fake.requests).toHaveLength(1);
    fake.setMode("ok");
    const region = await providerError(client().odds("soccer_epl", { regions: "mars" }));
    expect(region.message).toMatch(/Invalid regions parameter: mars/);
  });

  it("waits as long as Retry-After says on a 429, then succeeds", async () => {
    fake.setMode("rate-limited");
    const result = await client().odds("soccer_epl", { regions: "uk" });
    expect(result.data).toHaveLength(5);
    expect(result.attempts).toBe(2);
    expect(waits).toEqual([1000]);
  });

  it("gives up on a rate limit after three tries, with Retry-After on the error", async () => {
    fake.setMode("rate-limited", { times: 5 });
    const error = await providerError(client().odds("soccer_epl", { regions: "uk" }));
    expect(error).toMatchObject({ kind: "rate-limited", status: 429, retryAfterSeconds: 1 });
    expect(fake.requests).toHaveLength(3);
  });

  it("retries a 500 with exponential backoff", async () => {
    fake.setMode("server-error");
    const result = await client({ backoffMs: 200 }).odds("soccer_epl", { regions: "uk" });
    expect(result.data).toHaveLength(5);
    expect(waits).toEqual([200]);
    fake.setMode("server-error", { times: 3 });
    const error = await providerError(client({ backoffMs: 200 }).odds("soccer_epl", { regions: "uk" }));
    expect(error).toMatchObject({ kind: "unavailable", status: 500 });
    expect(waits).toEqual([200, 200, 400]);
  });

  it("says the quota is exhausted when the fake runs out, and does not retry", async () => {
    fake.setQuota(4);
    const api = client();
    const first = await api.odds("soccer_epl", { regions: "uk" });
    expect(first.quota).toEqual({ remaining: 1, used: expect.any(Number), last: 3 });
    const error = await providerError(api.odds("soccer_epl", { regions: "uk" }));
    expect(error).toMatchObject({ kind: "quota-exhausted", status: 429 });
    expect(error.message).toMatch(/Usage quota has been reached/);
    expect(fake.requests).toHaveLength(2);
    expect(waits).toEqual([]);
  });

  it("rejects malformed events row by row while the good ones pass", async () => {
    fake.setMode("malformed");
    const result = await client().odds("soccer_epl", { regions: "uk,eu,us" });
    expect(result.data.map((e) => e.id)).toHaveLength(6);
    expect(result.rejected.map((r) => r.event)).toEqual([
      "malformed-missing-home",
      "malformed-wrong-types",
      "malformed-string-price",
    ]);
    expect(result.rejected[0]!.message).toMatch(/home_team/);
    expect(result.rejected[1]!.message).toMatch(/commence_time|bookmakers/);
    const mapped = mapOddsEvents(result.data, { receivedAt: now });
    expect(mapped.rejected).toEqual([
      { event: "malformed-prices", message: expect.stringMatching(/price 0 is outside/) },
      { event: "malformed-prices", message: expect.stringMatching(/price 1000000000 is outside/) },
    ]);
    expect(mapped.rows.filter((r) => r.event.externalId === "malformed-prices").map((r) => r.selection)).toEqual([
      "DRAW",
    ]);

    const scores = await client().scores("soccer_epl", { daysFrom: 1 });
    expect(scores.rejected.map((r) => r.event)).toEqual(["malformed-no-completed"]);
    expect(mapOddsScores(scores.data).rejected.map((r) => r.event)).toEqual(["malformed-score-text"]);
  });

  it("reports an unreachable host as unavailable after its retries, without the key", async () => {
    const closed = await startFakeOddsApi();
    const url = closed.url;
    await closed.close();
    const error = await providerError(
      createOddsApiClient({ baseUrl: url, apiKey: KEY, sleep: async () => {} }).sports(),
    );
    expect(error.kind).toBe("unavailable");
    expect(error.message).toMatch(/failed after 3 attempts/);
  });

  it("refuses a sport key that is not one, before any request", async () => {
    await expect(client().odds("../admin", { regions: "uk" })).rejects.toMatchObject({ kind: "bad-request" });
    expect(fake.requests).toHaveLength(0);
  });
});

describe("Odds API settings", () => {
  const base = { DATABASE_URL: "postgresql://u@127.0.0.1:5432/db", NEXTAUTH_SECRET: "x".repeat(32) };
  it("defaults to the real host, the four sports and uk,eu,us, and splits lists", () => {
    const env = parseEnv(base);
    expect(env.ODDS_API_KEY).toBeUndefined();
    expect(env.ODDS_API_BASE_URL).toBe("https://api.the-odds-api.com");
    expect(env.ODDS_API_SPORTS).toEqual([
      "americanfootball_nfl",
      "basketball_nba",
      "soccer_epl",
      "soccer_spain_la_liga",
    ]);
    expect(env.ODDS_API_REGIONS).toEqual(["uk", "eu", "us"]);
    expect(parseEnv({ ...base, ODDS_API_REGIONS: "us, au" }).ODDS_API_REGIONS).toEqual(["us", "au"]);
    expect(() => parseEnv({ ...base, ODDS_API_SPORTS: "Soccer EPL" })).toThrow(
      /ODDS_API_SPORTS must be comma-separated/,
    );
  });
});

describe("sample events", () => {
  it("are realistic: real team names, 40+ books, prices and lines inside the validation ranges", () => {
    for (const sport of [
      "americanfootball_nfl",
      "basketball_nba",
      "soccer_epl",
      "soccer_spain_la_liga",
      "soccer_efl_champ",
    ]) {
      const events = sampleEvents(20, 40, now, sport);
      expect(new Set(events.map((e) => e.id)).size).toBe(20);
      expect(events.every((e) => e.home_team !== e.away_team && e.bookmakers.length === 40)).toBe(true);
      const mapped = mapOddsEvents(events, {
        receivedAt: now,
        sportMap: {
          [sport]: {
            sport: sport.startsWith("soccer")
              ? "soccer"
              : sport === "basketball_nba"
                ? "basketball"
                : "american-football",
            league: sport,
          },
        },
      });
      expect(mapped.rejected).toEqual([]);
    }
    expect(sampleEvents(3, undefined, now, "americanfootball_nfl")).toEqual(
      sampleEvents(3, undefined, now, "americanfootball_nfl"),
    );
  });
});
