import { describe, expect, it } from "vitest";
import { checkSweep, expandSweep, parsePath } from "@/server/domain/backtest/sweep";
import { numericPaths, parseValues } from "@/components/strategies/sweep-paths";

const strategy = {
  schemaVersion: 1 as const,
  name: "Base",
  markets: ["1x2" as const],
  probability: "market:pinnacle-opening",
  price: "best",
  decideAt: "opening" as const,
  when: {
    all: [
      { field: "edge", op: "gte" as const, value: 0.02 },
      { field: "price", op: "between" as const, value: [1.5, 4] },
    ],
  },
  stake: { kind: "kelly" as const, fraction: 0.25, maxFraction: 0.02 },
};

describe("sweeps", () => {
  it("expands a grid in order, the first parameter varying slowest, each variant named by its values", () => {
    const variants = expandSweep(strategy, [
      { path: "when.all.0.value", values: [0.01, 0.03] },
      { path: "when.all.1.value.1", values: [3, 5, 8] },
    ]);
    expect(variants.map((v) => v.values)).toEqual([
      [0.01, 3],
      [0.01, 5],
      [0.01, 8],
      [0.03, 3],
      [0.03, 5],
      [0.03, 8],
    ]);
    expect(variants[4]!.strategy.when).toEqual({
      all: [
        { field: "edge", op: "gte", value: 0.03 },
        { field: "price", op: "between", value: [1.5, 5] },
      ],
    });
    expect(variants[4]!.strategy.name).toBe("Base [when.all.0.value=0.03, when.all.1.value.1=5]");
    // The original is untouched.
    expect(strategy.when.all[0]!.value).toBe(0.02);
  });

  it("refuses paths that are not numbers of the strategy, prototype paths, and grids that are too large", () => {
    expect(checkSweep(strategy, [{ path: "when.all.0.field", values: [1] }])[0]).toMatch(
      /not a number in this strategy/,
    );
    expect(checkSweep(strategy, [{ path: "when.all.9.value", values: [1] }])[0]).toMatch(/not a number/);
    expect(parsePath("__proto__.x")).toBeNull();
    expect(parsePath("stake.constructor")).toBeNull();
    expect(checkSweep(strategy, [{ path: "stake.fraction", values: [] }])[0]).toMatch(/at least one value/);
    const many = Array.from({ length: 101 }, (_, i) => i / 1000);
    expect(
      checkSweep(strategy, [
        { path: "stake.fraction", values: many },
        { path: "when.all.0.value", values: many },
      ]).join(),
    ).toMatch(/10,201 variants; at most 10,000/);
    expect(() => expandSweep(strategy, [{ path: "name", values: [1] }])).toThrow(/not a number/);
  });

  it("the builder lists the strategy's numbers and reads values as lists or ranges", () => {
    expect(numericPaths(strategy).map((p) => p.path)).toEqual([
      "when.all.0.value",
      "when.all.1.value.0",
      "when.all.1.value.1",
      "stake.fraction",
      "stake.maxFraction",
    ]);
    expect(parseValues("0.01, 0.02,0.05")).toEqual({ values: [0.01, 0.02, 0.05] });
    expect(parseValues("0.01..0.05 step 0.01")).toEqual({ values: [0.01, 0.02, 0.03, 0.04, 0.05] });
    expect(parseValues("a, b")).toMatchObject({ error: expect.stringMatching(/numbers/) });
    expect(parseValues("0..1000 step 0.1")).toMatchObject({ error: expect.stringMatching(/at most 1,000/) });
  });
});

describe("walk-forward optimisation", () => {
  it("chooses, at each step, the variant with the best Sharpe on the earlier seasons only, and tests it on the next", async () => {
    const { syntheticLeagueCsv } = await import("../../support/synthetic-league");
    const { SOURCE_FORMATS } = await import("@/server/domain/imports");
    const { gamesFromBatch } = await import("@/server/domain/backtest/games");
    const { prepareData } = await import("@/server/domain/backtest/dataset");
    const { runSweep } = await import("@/server/domain/backtest/run");
    const { walkForwardOptimise } = await import("@/server/domain/backtest/walk-forward");
    const { parseStrategy } = await import("@/server/domain/strategies/validate");
    const games = gamesFromBatch(
      SOURCE_FORMATS["football-data"].parse(syntheticLeagueCsv([2030, 2031, 2032, 2033], 0, 3), "s.csv"),
    );
    const variants = [-0.02, 0, 0.01, 0.02].map((v) => {
      const parsed = parseStrategy({
        ...strategy,
        price: "pinnacle",
        decideAt: "closing",
        when: { all: [{ field: "edge", op: "gte", value: v }] },
      });
      if (!parsed.ok) throw new Error("should parse");
      return { strategy: parsed.strategy, hash: String(v) };
    });
    const steps = walkForwardOptimise(games, variants, new Map(), { trainSeasons: 2 });
    expect(steps.map((s) => s.testSeason)).toEqual([2031, 2032, 2033]);
    for (const step of steps) {
      const inSample = runSweep(
        prepareData(games.filter((g) => step.trainSeasons.includes(g.season))),
        variants,
      ).variants;
      const best = inSample.reduce(
        (b, v, i) => (v.sharpe !== null && (b < 0 || v.sharpe > inSample[b]!.sharpe!) ? i : b),
        -1,
      );
      expect(step.chosen).toBe(best);
      expect(step.trainSeasons.every((s) => s < step.testSeason)).toBe(true);
      expect(step.trainSeasons.length).toBeLessThanOrEqual(2);
      const outOfSample = runSweep(prepareData(games.filter((g) => g.season === step.testSeason)), [variants[best]!])
        .variants[0]!;
      expect(step.outOfSample.profit).toBeCloseTo(outOfSample.profit, 12);
    }
  });
});
