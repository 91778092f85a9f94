import { describe, expect, it } from "vitest";
import { migrateStrategy, StrategyMigrationError, type MigrationStep } from "@/server/domain/strategies/migrations";
import { STRATEGY_LIMITS, type Condition } from "@/server/domain/strategies/schema";
import {
  closeFieldNames,
  lookAheadFields,
  parseStrategy,
  type StrategyError,
} from "@/server/domain/strategies/validate";

const base = {
  schemaVersion: 1,
  name: "bet365 against Pinnacle's opening price",
  markets: ["1x2"],
  probability: "market:pinnacle-opening",
  price: "book:bet365",
  decideAt: "opening",
  stake: { kind: "flat", units: 1 },
};
const withWhen = (when: unknown) => ({ ...base, when });
const errorsOf = (input: unknown): StrategyError[] => {
  const r = parseStrategy(input);
  if (r.ok) throw new Error("expected errors");
  return r.errors;
};

describe("parseStrategy", () => {
  it("accepts the issue's example and fills the defaults", () => {
    const r = parseStrategy(
      withWhen({
        all: [
          { field: "edge", op: "gte", value: 0.01 },
          { field: "price", op: "lte", value: 6 },
        ],
      }),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.strategy.leagues).toEqual([]);
    expect(r.strategy.pick).toBe("all");
    expect(r.strategy.bankroll).toBe(100);
    expect(parseStrategy(base)).toMatchObject({ ok: true, strategy: { when: { all: [] } } });
  });

  it("refuses a look-ahead field, naming it and the rule", () => {
    const errors = errorsOf(
      withWhen({
        all: [
          { field: "edge", op: "gte", value: 0.01 },
          { field: "closingPrice", op: "lte", value: 3 },
        ],
      }),
    );
    expect(errors).toEqual([
      {
        path: "when.all[1]",
        field: "closingPrice",
        code: "look-ahead",
        message:
          'when.all[1]: "closingPrice" is only known after the decision (look-ahead); use it in reports, not in conditions',
      },
    ]);
  });

  it.each(["closingPrice", "closingProbability", "clv", "result"])("refuses %s anywhere in the tree", (field) => {
    const value = field === "result" ? ["win"] : 0.5;
    const op = field === "result" ? "in" : "gte";
    const errors = errorsOf(
      withWhen({ any: [{ field: "edge", op: "gte", value: 0 }, { not: { all: [{ field, op, value }] } }] }),
    );
    expect(errors.map((e) => [e.code, e.path, e.field])).toEqual([["look-ahead", "when.any[1].not.all[0]", field]]);
  });

  it("names an unknown field and suggests close names", () => {
    const [error] = errorsOf(
      withWhen({ all: [{ field: "edge", op: "gte", value: 0 }, { any: [{ field: "wind", op: "gte", value: 25 }] }] }),
    );
    expect(error).toMatchObject({ code: "unknown-field", path: "when.all[1].any[0]", field: "wind" });
    expect(error!.message).toContain('"windKph"');
    expect(closeFieldNames("Edge")).toEqual(["edge"]);
    expect(closeFieldNames("closing_price")).toContain("closingPrice");
    expect(closeFieldNames("prce")).toContain("price");
    expect(closeFieldNames("zzzzzzzz")).toEqual([]);
  });

  it.each<[string, unknown, RegExp]>([
    ["enum fields take only in/notIn", { field: "selection", op: "gte", value: 1 }, /use "in" or "notIn"/],
    [
      "enum values come from the field's fixed values",
      { field: "selection", op: "in", value: ["hom"] },
      /"hom" is not a value of "selection"/,
    ],
    ["enum in takes a list", { field: "role", op: "in", value: "favourite" }, /non-empty list/],
    ["enum values are strings", { field: "league", op: "in", value: [1] }, /strings/],
    ["gte takes one number", { field: "edge", op: "gte", value: [0.1] }, /one number, not a list/],
    ["gte takes a number", { field: "edge", op: "gte", value: "0.1" }, /is a number/],
    ["between takes two numbers", { field: "price", op: "between", value: [2] }, /\[lowest, highest\]/],
    ["between takes lo <= hi", { field: "price", op: "between", value: [3, 2] }, /3 is above 2/],
    ["number in takes numbers", { field: "season", op: "in", value: ["2016"] }, /is a number/],
    ["values lie in the field's range", { field: "probability", op: "gte", value: 80 }, /between 0 and 1 \(a fraction/],
  ])("%s", (_name, comparison, message) => {
    const errors = errorsOf(withWhen({ all: [{ field: "edge", op: "gte", value: 0 }, comparison] }));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: "bad-value", path: "when.all[1]" });
    expect(errors[0]!.message).toMatch(message);
  });

  it("accepts every well-typed op", () => {
    const when: Condition = {
      all: [
        { field: "edge", op: "gt", value: 0 },
        { field: "price", op: "between", value: [1.5, 1.5] },
        { field: "season", op: "in", value: [2016, 2017] },
        { field: "season", op: "notIn", value: [2020] },
        { field: "league", op: "in", value: ["eng-premier-league"] },
        { not: { field: "selection", op: "notIn", value: ["draw"] } },
        { any: [] },
      ],
    };
    expect(parseStrategy(withWhen(when)).ok).toBe(true);
  });

  it("reports malformed conditions where they are, in plain words", () => {
    const errors = errorsOf(
      withWhen({
        all: [
          { field: "edge", op: "gte", value: 0, extra: 1 },
          { all: [], any: [] },
          { foo: [] },
          3,
          { field: "edge", op: "geq", value: 0 },
        ],
      }),
    );
    expect(errors.map((e) => [e.path, e.code])).toEqual([
      ["when.all[0]", "schema"],
      ["when.all[1]", "schema"],
      ["when.all[2]", "schema"],
      ["when.all[3]", "schema"],
      ["when.all[4]", "schema"],
    ]);
    expect(errors[0]!.message).toContain('"extra"');
    expect(errors[4]!.message).toContain('not "geq"');
  });

  it("refuses nesting deeper than the limit and too many comparisons", () => {
    let deep: Condition = { field: "edge", op: "gte", value: 0 };
    for (let i = 0; i < STRATEGY_LIMITS.conditionDepth; i++) deep = { not: deep };
    const errors = errorsOf(withWhen(deep));
    expect(errors).toHaveLength(1);
    expect(errors[0]!.code).toBe("too-deep");
    expect(errors[0]!.path).toBe("when" + ".not".repeat(STRATEGY_LIMITS.conditionDepth));
    // One level less is fine.
    expect(parseStrategy(withWhen((deep as { not: Condition }).not)).ok).toBe(true);

    // A hostile tree far deeper than any stack is refused without recursing into it.
    let hostile: unknown = { field: "edge", op: "gte", value: 0 };
    for (let i = 0; i < 100_000; i++) hostile = { not: hostile };
    expect(errorsOf(withWhen(hostile))[0]!.code).toBe("too-deep");

    const many = Array.from({ length: STRATEGY_LIMITS.conditions / 2 + 1 }, () => ({
      field: "edge",
      op: "gte",
      value: 0,
    }));
    const tooMany = errorsOf(withWhen({ all: [{ all: many }, { all: many }] }));
    expect(tooMany.map((e) => [e.code, e.path])).toEqual([
      ["too-deep", `when.all[1].all[${STRATEGY_LIMITS.conditions - many.length}]`],
    ]);
  });

  it("turns zod issues into the same shape, with paths", () => {
    const errors = errorsOf({
      ...base,
      stake: { kind: "kelly", fraction: 0.25, maxFraction: 2 },
      markets: ["soccer"],
      colour: "red",
    });
    const byPath = Object.fromEntries(errors.map((e) => [e.path, e]));
    expect(byPath["stake.maxFraction"]).toMatchObject({ code: "schema" });
    expect(byPath["stake.maxFraction"]!.message).toMatch(/^stake\.maxFraction: /);
    expect(byPath["markets[0]"]).toMatchObject({ code: "schema" });
    expect(byPath["colour"]).toMatchObject({ code: "schema", message: 'the strategy: unknown key "colour"' });
  });

  it("reports `when` errors and other errors together", () => {
    const errors = errorsOf({ ...withWhen({ field: "clv", op: "gt", value: 0 }), bankroll: -1 });
    expect(errors.map((e) => e.path).sort()).toEqual(["bankroll", "when"]);
  });

  it("says what is wrong with the version", () => {
    expect(errorsOf({ ...base, schemaVersion: undefined })[0]).toMatchObject({ path: "schemaVersion", code: "schema" });
    expect(errorsOf({ ...base, schemaVersion: 2 })[0]!.message).toMatch(/newer than this version of Linesmith/);
    expect(errorsOf(null)[0]!.message).toMatch(/JSON object/);
  });
});

describe("lookAheadFields", () => {
  it("lists each look-ahead field once, in rule order, from raw JSON or a parsed strategy", () => {
    const when = {
      all: [
        { field: "result", op: "in", value: ["win"] },
        { any: [{ field: "clv", op: "gt", value: 0 }, { not: { field: "result", op: "in", value: ["loss"] } }] },
      ],
    };
    expect(lookAheadFields(withWhen(when))).toEqual(["result", "clv"]);
    expect(lookAheadFields(withWhen({ field: "edge", op: "gte", value: 0 }))).toEqual([]);
    expect(lookAheadFields("not a strategy")).toEqual([]);
    const parsed = parseStrategy(withWhen({ field: "edge", op: "gte", value: 0 }));
    expect(parsed.ok && lookAheadFields(parsed.strategy)).toEqual([]);
  });
});

describe("migrateStrategy", () => {
  // A fake earlier version: version 0 called the stake "staking" and had no schemaVersion 1 field names.
  const steps: Record<number, MigrationStep> = {
    0: ({ staking, ...rest }) => ({ ...rest, stake: staking, schemaVersion: 1 }),
  };

  it("applies the steps from the input's version up to the current one without touching the input", () => {
    const v0 = { ...base, schemaVersion: 0, stake: undefined, staking: { kind: "flat", units: 2 } };
    const migrated = migrateStrategy(v0, steps) as Record<string, unknown>;
    expect(migrated.schemaVersion).toBe(1);
    expect(migrated.stake).toEqual({ kind: "flat", units: 2 });
    expect(migrated).not.toHaveProperty("staking");
    expect(v0.schemaVersion).toBe(0);
    expect(v0).toHaveProperty("staking");
  });

  it("leaves a current strategy as it is", () => {
    expect(migrateStrategy(base)).toBe(base);
  });

  it("refuses a missing, malformed or newer version and a gap in the steps", () => {
    expect(() => migrateStrategy({ name: "x" })).toThrow(/"schemaVersion" is missing/);
    expect(() => migrateStrategy({ schemaVersion: "1" })).toThrow(StrategyMigrationError);
    expect(() => migrateStrategy({ schemaVersion: 7 })).toThrow(/schemaVersion 7 is newer/);
    expect(() => migrateStrategy({ schemaVersion: 0 })).toThrow(/no migration from version 0 to 1/);
    expect(() => migrateStrategy({ schemaVersion: 0 }, { 0: (s) => ({ ...s }) })).toThrow(
      /must produce schemaVersion 1/,
    );
  });
});
