import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileColumns, compileRow, referenceEvaluate } from "@/server/domain/strategies/evaluate";
import { DECISION_FIELDS, FIELDS, type FieldRow } from "@/server/domain/strategies/fields";
import type { Comparison, Condition } from "@/server/domain/strategies/schema";
import { tableOf } from "./column-table";

// A few number fields and enum fields are enough to exercise every kernel; values come from small pools so
// rows hit the conditions' constants exactly (equality edges of gte/lte/between/in) as often as not.
const NUMBER_FIELDS = ["edge", "price", "probability", "hoursToKickoff", "season"] as const;
const ENUM_FIELDS = ["selection", "league", "role", "tier"] as const;
const NUMBER_POOL = [-0.5, 0, 0.02, 0.5, 1, 2.5, 3, 2016];
const LEAGUES = ["eng-premier-league", "esp-la-liga", "nfl"];
const enumValues = (f: (typeof ENUM_FIELDS)[number]): readonly string[] => FIELDS[f].values ?? LEAGUES;

const numberValue = fc.oneof(
  fc.constantFrom(...NUMBER_POOL),
  fc.constant(-0),
  fc.double({ min: -1, max: 3000, noNaN: true }),
);

const comparisonArb: fc.Arbitrary<Comparison> = fc.oneof(
  fc.record({
    field: fc.constantFrom(...NUMBER_FIELDS),
    op: fc.constantFrom("gt", "gte", "lt", "lte"),
    value: numberValue,
  }),
  fc.record({
    field: fc.constantFrom(...NUMBER_FIELDS),
    op: fc.constant("between"),
    value: fc.tuple(numberValue, numberValue).map(([a, b]) => [Math.min(a, b), Math.max(a, b)]),
  }),
  fc.record({
    field: fc.constantFrom(...NUMBER_FIELDS),
    op: fc.constantFrom("in", "notIn"),
    value: fc.array(numberValue, { minLength: 1, maxLength: 4 }),
  }),
  fc.constantFrom(...ENUM_FIELDS).chain((field) =>
    fc.record({
      field: fc.constant(field),
      op: fc.constantFrom("in", "notIn"),
      value: fc.subarray([...enumValues(field), "not-a-value"], { minLength: 1 }),
    }),
  ),
) as fc.Arbitrary<Comparison>;

const conditionArb: fc.Arbitrary<Condition> = fc.letrec<{ cond: Condition }>((tie) => ({
  cond: fc.oneof(
    { depthSize: "small", maxDepth: 4 },
    comparisonArb,
    fc.record({ all: fc.array(tie("cond"), { maxLength: 4 }) }),
    fc.record({ any: fc.array(tie("cond"), { maxLength: 4 }) }),
    fc.record({ not: tie("cond") }),
  ),
})).cond;

const rowArb: fc.Arbitrary<FieldRow> = fc.record(
  Object.fromEntries([
    ...NUMBER_FIELDS.map((f) => [f, fc.oneof(numberValue, fc.constant(null), fc.constant(Number.NaN))]),
    ...ENUM_FIELDS.map((f) => [f, fc.oneof(fc.constantFrom(...enumValues(f)), fc.constant(null))]),
  ]),
) as fc.Arbitrary<FieldRow>;

function columnResults(cond: Condition, rows: readonly FieldRow[], extra: Record<string, string[]> = {}): boolean[] {
  return [...compileColumns(cond)(tableOf(rows, extra))].map((b) => b === 1);
}

describe("the three evaluators agree", () => {
  it("reference == row == column on random conditions and rows", () => {
    fc.assert(
      fc.property(conditionArb, fc.array(rowArb, { maxLength: 40 }), (cond, rows) => {
        const reference = rows.map((r) => referenceEvaluate(cond, r));
        const row = compileRow(cond);
        expect(rows.map((r) => row(r))).toEqual(reference);
        expect(columnResults(cond, rows)).toEqual(reference);
      }),
      { numRuns: 400 },
    );
  });

  it("one compiled column evaluator stays right across tables of different sizes and dictionaries", () => {
    fc.assert(
      fc.property(
        conditionArb,
        fc.array(fc.array(rowArb, { maxLength: 30 }), { minLength: 2, maxLength: 4 }),
        fc.shuffledSubarray(["home", "away", "draw", "over", "under", "epl"]),
        (cond, tables, extraSelections) => {
          const evaluate = compileColumns(cond);
          for (const [i, rows] of tables.entries()) {
            // Alternate dictionaries so the cached lookup tables must notice a new one.
            const extra: Record<string, string[]> = i % 2 === 0 ? { selection: extraSelections, league: ["zzz"] } : {};
            const mask = evaluate(tableOf(rows, extra));
            expect([...mask].map((b) => b === 1)).toEqual(rows.map((r) => referenceEvaluate(cond, r)));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("semantics, by hand", () => {
  const rows: FieldRow[] = [
    { edge: 0.02, price: 3, selection: "home", league: "nfl", marketProbability: 0.4 },
    { edge: 0.01, price: 2, selection: "away", league: "esp-la-liga", marketProbability: null },
    { edge: null, price: 6, selection: null, league: null, marketProbability: 0.2 },
  ];
  const cases: [string, Condition, boolean[]][] = [
    ["empty all is true", { all: [] }, [true, true, true]],
    ["empty any is false", { any: [] }, [false, false, false]],
    ["gte includes the boundary", { field: "edge", op: "gte", value: 0.02 }, [true, false, false]],
    ["gt excludes it", { field: "edge", op: "gt", value: 0.02 }, [false, false, false]],
    ["lt on a missing value is false", { field: "edge", op: "lt", value: 1 }, [true, true, false]],
    [
      "not of a comparison on a missing value is true",
      { not: { field: "marketProbability", op: "gte", value: 0 } },
      [false, true, false],
    ],
    ["between is inclusive at both ends", { field: "price", op: "between", value: [2, 3] }, [true, true, false]],
    ["number in compares exactly", { field: "price", op: "in", value: [2, 6.000000001] }, [false, true, false]],
    ["number notIn is false on a missing value", { field: "edge", op: "notIn", value: [0.02] }, [false, true, false]],
    ["enum in", { field: "selection", op: "in", value: ["home", "draw"] }, [true, false, false]],
    [
      "enum notIn is false on a missing value",
      { field: "selection", op: "notIn", value: ["home"] },
      [false, true, false],
    ],
    ["league notIn on data keys", { field: "league", op: "notIn", value: ["nfl"] }, [false, true, false]],
    [
      "any of two",
      {
        any: [
          { field: "price", op: "gte", value: 6 },
          { field: "selection", op: "in", value: ["away"] },
        ],
      },
      [false, true, true],
    ],
    [
      "not of all",
      {
        not: {
          all: [
            { field: "edge", op: "gte", value: 0 },
            { field: "price", op: "lte", value: 2 },
          ],
        },
      },
      [true, false, true],
    ],
  ];
  it.each(cases)("%s", (_name, cond, expected) => {
    expect(rows.map((r) => referenceEvaluate(cond, r))).toEqual(expected);
    const row = compileRow(cond);
    expect(rows.map((r) => row(r))).toEqual(expected);
    expect(columnResults(cond, rows)).toEqual(expected);
  });

  it("writes into a given mask, only its first table.length entries", () => {
    const out = new Uint8Array(5).fill(7);
    const mask = compileColumns({ field: "price", op: "lte", value: 3 })(tableOf(rows), out);
    expect(mask).toBe(out);
    expect([...out]).toEqual([1, 1, 0, 7, 7]);
  });

  it("refuses an op an enum field does not take and an unknown field instead of guessing", () => {
    const bad = { field: "selection", op: "gt", value: 1 } as Comparison;
    expect(() => compileRow(bad)).toThrow(/enum field/);
    expect(() => compileColumns(bad)).toThrow(/enum field/);
    expect(() => referenceEvaluate({ field: "nope", op: "gt", value: 1 }, {})).toThrow(/unknown field/);
  });

  it("every decision field can be evaluated", () => {
    // Guards the registry: a new field type would need new kernels in all three evaluators.
    for (const field of DECISION_FIELDS) {
      const def = FIELDS[field];
      const cond: Condition =
        def.type === "number"
          ? { field, op: "gte", value: def.min }
          : { field, op: "in", value: [def.values?.[0] ?? "x"] };
      expect(() => compileColumns(cond)(tableOf([{}]))).not.toThrow();
    }
  });
});
