import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reservationFor } from "@/server/domain/analyst/budget";
import { buildPrompt } from "@/server/domain/analyst/prompt";
import { createLlmClient, type LlmClient } from "@/server/integrations/llm/client";
import { startFakeLlmServer, type FakeLlmServer } from "@/server/integrations/llm/fake-server";
import { apiCaller } from "../../support/api-caller";
import { createAnalystFixture, NOW, type AnalystFixture } from "./fixture";

const { prisma, pool } = apiCaller();
const { gatherFacts } = await import("@/server/services/analyst/gather-facts");
const { analystProvider, ANALYST_MAX_OUTPUT_TOKENS } = await import("@/server/services/analyst/provider");

const KEY = "sk-analyst-test-key-must-never-be-logged";
let fake: FakeLlmServer;
let fx: AnalystFixture;
let alice = "";
let bob = "";

const clientFor = (provider: "openai" | "anthropic", server: FakeLlmServer = fake): LlmClient =>
  createLlmClient(
    { provider, baseUrl: server.url, apiKey: KEY, model: `${provider}-test`, timeoutMs: 5_000 },
    { sleep: async () => undefined },
  );

function provider(
  userId: string,
  opts: { budget?: number; server?: FakeLlmServer; api?: "openai" | "anthropic" } = {},
) {
  const lines: string[] = [];
  const p = analystProvider(pool, userId, {
    llm: { client: clientFor(opts.api ?? "openai", opts.server) },
    monthlyTokenBudget: opts.budget ?? 200_000,
    log: (line) => void lines.push(line),
  });
  return { p, lines };
}

beforeAll(async () => {
  alice = (await prisma.user.create({ data: { email: `analyst-alice-${Date.now()}@example.com` } })).id;
  bob = (await prisma.user.create({ data: { email: `analyst-bob-${Date.now()}@example.com` } })).id;
  fx = await createAnalystFixture(pool, { owner: alice, other: bob });
  fake = await startFakeLlmServer({ apiKey: KEY });
});
afterAll(() => fake?.close());

describe("gatherFacts", () => {
  it("holds only what was known at `now`", async () => {
    const { facts, skipped } = await gatherFacts(pool, [fx.upcoming], NOW, alice);
    expect(skipped).toEqual([]);
    const f = facts[0]!;
    expect(f).toMatchObject({
      home: "Alpha FC",
      away: "Beta FC",
      sport: "soccer",
      league: "Analyst Test League",
      selections: ["home", "draw", "away"],
      referenceBook: "Pinnacle",
    });
    // Prices: the latest before NOW, not the 13:00 move nor the archive closing line.
    expect(f.odds.find((o) => o.selection === "home")).toMatchObject({
      opening: { price: 2.1, bookmaker: "Pinnacle" },
      now: { price: 1.95, bookmaker: "Pinnacle" },
      best: { price: 2.0, bookmaker: expect.stringMatching(/^bet365$/i) }, // another suite may have stored the book first, under its key as name
    });
    expect(f.odds.reduce((s, o) => s + o.fairNow!, 0)).toBeCloseTo(1, 3);
    // Models: the owner's version predicted before NOW only.
    expect(f.models).toEqual([
      {
        model: "elo",
        version: 1,
        probabilities: { home: 0.52, draw: 0.25, away: 0.23 },
        predictedAt: "2031-03-07T00:00:00.000Z",
      },
    ]);
    // Form: finished games whose result was known; not the game 3 hours before NOW, not the later one.
    expect(f.form.home).toEqual([
      { date: "2031-03-01", opponent: "Gamma FC", venue: "home", score: "2-0", result: "W" },
      { date: "2030-10-01", opponent: "Beta FC", venue: "away", score: "1-0", result: "W" },
    ]);
    expect(f.form.away.map((g) => g.date)).toEqual(["2031-03-02", "2030-10-01"]);
    expect(f.restDays).toEqual({ home: 7, away: 0 });
    expect(f.headToHead).toEqual([{ date: "2030-10-01", home: "Beta FC", away: "Alpha FC", score: "0-1" }]);
    // Injuries: latest report per player collected by NOW, players back to Active left out.
    expect(f.injuries).toEqual({
      home: [],
      away: [{ player: "R. James", position: "D", status: "Out", reportedAt: null }],
    });
    // The forecast for this game was made after NOW.
    expect(f.weather).toBeNull();
    const prompt = buildPrompt(f);
    for (const later of ["1.51", "1.41", "K. Late", "0.91", "9-9", "someone-elses", "5-0"])
      expect(prompt.user).not.toContain(later);
  });

  it("gives a forecast made before `now`, and refuses games that are not upcoming", async () => {
    const { facts } = await gatherFacts(pool, [fx.nextDay], NOW, alice);
    expect(facts[0]!.weather).toEqual({
      temperatureC: 7.5,
      windKph: 22,
      gustKph: null,
      precipitationMm: null,
      forecastAt: "2031-03-08T06:00:00.000Z",
    });
    const after = await gatherFacts(pool, [fx.upcoming, 2_000_000_000], new Date("2031-03-08T16:00:00Z"), alice);
    expect(after.facts).toEqual([]);
    expect(after.skipped).toEqual([
      { gameId: fx.upcoming, reason: expect.stringMatching(/not upcoming/) },
      { gameId: 2_000_000_000, reason: "no such game" },
    ]);
  });

  it("builds the same prompt from the same data", async () => {
    const a = await gatherFacts(pool, [fx.upcoming, fx.nextDay], NOW, alice);
    const b = await gatherFacts(pool, [fx.nextDay, fx.upcoming], NOW, alice);
    const byId = (x: typeof a) => new Map(x.facts.map((f) => [f.gameId, buildPrompt(f)]));
    expect(byId(b)).toEqual(byId(a));
  });
});

describe("the analyst provider", () => {
  it.each(["openai", "anthropic"] as const)(
    "turns a valid %s answer into probabilities, and stores the call",
    async (api) => {
      const { p, lines } = provider(alice, { api });
      const requests = fake.requests.length;
      // Listed twice, asked once.
      const result = await p.probabilities([{ gameId: fx.upcoming }, { gameId: fx.upcoming }], {
        now: NOW,
        userId: alice,
      });
      expect(fake.requests.length).toBe(requests + 1);
      expect(lines).toEqual([]);
      const r = result.get(fx.upcoming)!;
      expect(Object.keys(r.probabilities)).toEqual(["home", "draw", "away"]);
      expect(r.confidence).toBeGreaterThanOrEqual(0);
      expect(r.modelVersion).toBe(`benny:${api}:${api}-test:analyst-v1`);
      expect(r.analyst.prompt).toContain("Alpha FC (home) vs Beta FC (away)");
      const call = await prisma.llmCall.findFirstOrThrow({
        where: { userId: alice, gameId: fx.upcoming },
        orderBy: { id: "desc" },
      });
      expect(call).toMatchObject({
        ok: true,
        error: null,
        provider: api,
        promptVersion: "analyst-v1",
        prompt: r.analyst.prompt,
        answer: r.analyst.answer,
      });
      expect(call.tokens).toBeGreaterThan(100);
    },
  );

  it("rejects and logs malformed answers, stores them, and never returns probabilities for them", async () => {
    const before = await prisma.llmCall.count({ where: { userId: alice } });
    const { p, lines } = provider(alice);
    const answers = [
      "Alpha FC should win this comfortably.",
      JSON.stringify({ probabilities: { home: 0.6, draw: 0.3, away: 0.3 }, confidence: 0.8, reasons: ["a", "b", "c"] }),
      JSON.stringify({ probabilities: { home: 0.6, draw: 0.2, away: 0.2 }, reasons: ["a", "b", "c"] }),
      JSON.stringify({ probabilities: { home: 0.6, away: 0.4 }, confidence: 0.8, reasons: ["a", "b", "c"] }),
    ];
    for (const text of answers) {
      fake.enqueue({ kind: "text", text });
      const result = await p.probabilities([{ gameId: fx.upcoming }], { now: NOW, userId: alice });
      expect(result.size).toBe(0);
    }
    expect(lines).toEqual([
      expect.stringMatching(new RegExp(`game ${fx.upcoming}: answer rejected: answer is not JSON`)),
      expect.stringMatching(/answer rejected: probabilities sum to 1\.2000/),
      expect.stringMatching(/answer rejected: confidence: missing/),
      expect.stringMatching(/answer rejected: probabilities must be for home, draw, away; missing draw/),
    ]);
    const calls = await prisma.llmCall.findMany({ where: { userId: alice }, orderBy: { id: "asc" }, skip: before });
    expect(calls.map((c) => [c.ok, c.answer])).toEqual(answers.map((a) => [false, a]));
    expect(calls.every((c) => c.error !== null)).toBe(true);
  });

  it("records a failed call without tokens, logs it without the key, and goes on with the next game", async () => {
    const usage = async () => (await prisma.llmUsage.findMany({ where: { userId: bob } }))[0];
    const { p, lines } = provider(bob);
    fake.enqueue(...[1, 2, 3].map(() => ({ kind: "status" as const, status: 500, message: `upstream saw ${KEY}` })));
    const result = await p.probabilities([{ gameId: fx.upcoming }, { gameId: fx.nextDay }], { now: NOW, userId: bob });
    expect([...result.keys()]).toEqual([fx.nextDay]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`game ${fx.upcoming}: the LLM call failed: .*500 after 3 attempts`));
    expect(lines.join("\n")).not.toContain(KEY);
    const failed = await prisma.llmCall.findFirstOrThrow({ where: { userId: bob, gameId: fx.upcoming } });
    expect(failed).toMatchObject({ ok: false, answer: null, tokens: 0 });
    expect(failed.error).not.toContain(KEY);
    const ok = await prisma.llmCall.findFirstOrThrow({ where: { userId: bob, gameId: fx.nextDay } });
    // The failed call's reservation was given back: usage is the successful call's tokens.
    expect(await usage()).toMatchObject({ tokens: BigInt(ok.tokens), requests: 2 });
  });

  it("is off with a reason when no LLM is configured, and makes no call", async () => {
    const lines: string[] = [];
    const requests = fake.requests.length;
    const off = analystProvider(pool, alice, {
      llm: { off: "The AI analyst is off: set LLM_PROVIDER" },
      monthlyTokenBudget: 1_000,
      log: (l) => void lines.push(l),
    });
    expect((await off.probabilities([{ gameId: fx.upcoming }], { now: NOW, userId: alice })).size).toBe(0);
    expect(lines).toEqual(["[analyst] skipped 1 game(s): The AI analyst is off: set LLM_PROVIDER"]);
    expect(fake.requests.length).toBe(requests);
  });
});

describe("the monthly token budget", () => {
  it("lets exactly as many parallel calls through as the budget holds, and skips the rest without calling", async () => {
    const carol = (await prisma.user.create({ data: { email: `analyst-carol-${Date.now()}@example.com` } })).id;
    const facts = (await gatherFacts(pool, [fx.upcoming], NOW, carol)).facts[0]!;
    const prompt = buildPrompt(facts);
    const perCall = reservationFor(prompt.system + prompt.user, ANALYST_MAX_OUTPUT_TOKENS);
    // Whole tokens: half a call more than three, rounded down (the budget is a count of tokens).
    const budget = 3 * perCall + Math.floor(perCall / 2);
    // Slow answers: every reservation happens before any call settles its tokens.
    const slow = await startFakeLlmServer({ apiKey: KEY, defaultDelayMs: 400 });
    try {
      const { p, lines } = provider(carol, { budget, server: slow });
      const results = await Promise.all(
        Array.from({ length: 8 }, () => p.probabilities([{ gameId: fx.upcoming }], { now: NOW, userId: carol })),
      );
      expect(slow.requests).toHaveLength(3);
      expect(results.filter((r) => r.size === 1)).toHaveLength(3);
      expect(lines).toHaveLength(5);
      expect(lines.every((l) => /game \d+ skipped: the monthly token budget \(\d+\) has no room/.test(l))).toBe(true);
      const usage = await prisma.llmUsage.findFirstOrThrow({ where: { userId: carol } });
      expect(usage.requests).toBe(3);
      const calls = await prisma.llmCall.findMany({ where: { userId: carol } });
      expect(calls).toHaveLength(3);
      expect(Number(usage.tokens)).toBe(calls.reduce((s, c) => s + c.tokens, 0));
      expect(Number(usage.tokens)).toBeLessThanOrEqual(budget);
    } finally {
      await slow.close();
    }
  });
});
