import { describe, expect, it } from "vitest";
import { ANALYST_CONFIDENCE_GATE, parseAnalystAnswer, passesConfidenceGate } from "@/server/domain/analyst/answer";
import { estimateTokens, usageMonth } from "@/server/domain/analyst/budget";
import { buildPrompt, factsOfPrompt, PROMPT_VERSION } from "@/server/domain/analyst/prompt";
import { weeklyTopUp, weekStartUtc } from "@/server/domain/analyst/weekly-bankroll";
import { fakeAnalystAnswer } from "@/server/integrations/llm/fake-analyst";
import { sampleFacts } from "./facts-fixture";

const THREE = ["home", "draw", "away"] as const;
const answer = (value: unknown) => JSON.stringify(value);
const good = { probabilities: { home: 0.5, draw: 0.27, away: 0.23 }, confidence: 0.7, reasons: ["a", "b", "c"] };

describe("parseAnalystAnswer", () => {
  it("accepts a well-formed answer and drops anything that would size a bet", () => {
    const parsed = parseAnalystAnswer(answer({ ...good, stake: 5000, kelly: 0.5 }), THREE);
    expect(parsed).toEqual({ ok: true, answer: { probabilities: { home: 0.5, draw: 0.27, away: 0.23 }, confidence: 0.7, reasons: ["a", "b", "c"] } });
  });

  it("accepts one Markdown code fence around the JSON, and rescales a sum within ±0.01 to exactly 1", () => {
    const parsed = parseAnalystAnswer("```json\n" + answer({ ...good, probabilities: { home: 0.5, draw: 0.27, away: 0.238 } }) + "\n```", THREE);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const sum = Object.values(parsed.answer.probabilities).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(1, 12);
    expect(parsed.answer.probabilities.home).toBeCloseTo(0.5 / 1.008, 12);
  });

  it.each([
    ["not JSON", "The home side looks strong.", /not JSON/],
    ["a JSON array", "[1,2,3]", /not a JSON object/],
    ["probabilities missing", answer({ confidence: 0.7, reasons: ["a", "b", "c"] }), /^probabilities: missing/],
    ["confidence missing", answer({ probabilities: good.probabilities, reasons: ["a", "b", "c"] }), /^confidence: missing/],
    ["two reasons", answer({ ...good, reasons: ["a", "b"] }), /exactly three/],
    ["an empty reason", answer({ ...good, reasons: ["a", " ", "c"] }), /must not be empty/],
    ["a probability above 1", answer({ ...good, probabilities: { home: 1.2, draw: -0.1, away: -0.1 } }), /at most 1/],
    ["a probability as text", answer({ ...good, probabilities: { home: "0.5", draw: 0.27, away: 0.23 } }), /probabilities.home/],
    ["confidence above 1", answer({ ...good, confidence: 65 }), /^confidence: must be at most 1/],
    ["a sum of 1.2", answer({ ...good, probabilities: { home: 0.6, draw: 0.3, away: 0.3 } }), /sum to 1\.2000, not 1/],
    ["a sum of 0.98", answer({ ...good, probabilities: { home: 0.5, draw: 0.25, away: 0.23 } }), /sum to 0\.9800/],
    ["the draw missing", answer({ ...good, probabilities: { home: 0.6, away: 0.4 } }), /missing draw/],
    ["another selection", answer({ ...good, probabilities: { home: 0.5, draw: 0.27, away: 0.13, over: 0.1 } }), /unexpected over/],
  ])("refuses %s", (_name, text, error) => {
    const parsed = parseAnalystAnswer(text, THREE);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(error);
  });

  it("asks a two-way game for home and away only", () => {
    expect(parseAnalystAnswer(answer(good), ["home", "away"])).toEqual({ ok: false, error: expect.stringMatching(/unexpected draw/) });
    expect(parseAnalystAnswer(answer({ ...good, probabilities: { home: 0.55, away: 0.45 } }), ["home", "away"]).ok).toBe(true);
  });

  it("gates bets at a confidence of 65%", () => {
    expect(ANALYST_CONFIDENCE_GATE).toBe(0.65);
    expect(passesConfidenceGate(0.65)).toBe(true);
    expect(passesConfidenceGate(0.649)).toBe(false);
  });
});

describe("buildPrompt", () => {
  it("is deterministic: the same facts give the same bytes, whatever the key order", () => {
    const facts = sampleFacts();
    const reordered = Object.fromEntries(Object.entries(facts).reverse()) as typeof facts;
    expect(buildPrompt(reordered)).toEqual(buildPrompt(facts));
    expect(buildPrompt(sampleFacts({ restDays: { home: 3, away: 6 } })).user).not.toBe(buildPrompt(facts).user);
    expect(PROMPT_VERSION).toMatch(/^analyst-v\d+$/);
  });

  it("states the facts in words and carries them back exactly", () => {
    const { system, user } = buildPrompt(sampleFacts());
    expect(system).toMatch(/Do not recommend stakes/);
    expect(user).toContain("Arsenal (home) vs Chelsea (away), Premier League (soccer), kick-off 2031-03-08T15:00:00.000Z");
    expect(user).toContain("- home: opening 2.10 (Pinnacle), now 1.95 (Pinnacle), best 2.00 (Bet365), fair now 49.4%");
    expect(user).toContain("- R. James (D): Out");
    expect(user).toContain("- elo v1: home 52.0%, draw 25.0%, away 23.0%");
    expect(factsOfPrompt(user)).toEqual(sampleFacts());
  });
});

describe("the fake analyst", () => {
  it("answers what the parser accepts, derived from the market and the models", () => {
    const text = fakeAnalystAnswer(buildPrompt(sampleFacts()).user);
    const parsed = parseAnalystAnswer(text, THREE);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    // The home price shortened and the model likes home: the answer sits above the market's 49.4%.
    expect(parsed.answer.probabilities.home).toBeGreaterThan(0.4938);
    expect(parsed.answer.reasons[0]).toMatch(/Pinnacle/);
    expect(fakeAnalystAnswer(buildPrompt(sampleFacts()).user)).toBe(text);
  });
});

describe("Benny's weekly bankroll", () => {
  it("finds Monday 00:00 UTC of any moment's week", () => {
    expect(weekStartUtc(new Date("2026-12-02T09:30:00Z")).toISOString()).toBe("2026-11-30T00:00:00.000Z");
    expect(weekStartUtc(new Date("2026-12-06T23:59:59Z")).toISOString()).toBe("2026-11-30T00:00:00.000Z");
    expect(weekStartUtc(new Date("2026-11-30T00:00:00Z")).toISOString()).toBe("2026-11-30T00:00:00.000Z");
    expect(weekStartUtc(new Date("2026-11-29T23:59:59Z")).toISOString()).toBe("2026-11-23T00:00:00.000Z");
  });

  it("tops the balance up to $100, never withdraws, and names the week in its key", () => {
    const monday = new Date("2026-11-30T00:00:00Z");
    expect(weeklyTopUp(2_550n, monday)).toEqual({ weekStart: monday, depositCents: 7_450n, idempotencyKey: "benny-week:2026-11-30" });
    expect(weeklyTopUp(0n, monday).depositCents).toBe(10_000n);
    expect(weeklyTopUp(-300n, monday).depositCents).toBe(10_300n);
    expect(weeklyTopUp(10_000n, monday).depositCents).toBe(0n);
    expect(weeklyTopUp(15_000n, monday).depositCents).toBe(0n);
    expect(() => weeklyTopUp(0n, new Date("2026-12-01T00:00:00Z"))).toThrow(/not a Monday/);
  });
});

describe("budget arithmetic", () => {
  it("counts by UTC month and over-estimates tokens", () => {
    expect(usageMonth(new Date("2026-12-31T23:30:00-02:00"))).toBe("2027-01");
    expect(estimateTokens("x".repeat(300))).toBe(100);
  });
});
