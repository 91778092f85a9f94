import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  defaultComparison,
  describeComparison,
  toShown,
  toStored,
  withOp,
} from "@/components/strategies/rule-builder/comparison";
import {
  applyMove,
  canMove,
  findNode,
  idSource,
  moveNode,
  nodeForPath,
  nodePaths,
  removeNode,
  toCondition,
  toTree,
  type RuleGroup,
} from "@/components/strategies/rule-builder/tree";
import {
  MIN_EDGE,
  MIN_PROBABILITY,
  ODDS_RANGE,
  readThreshold,
  writeThreshold,
} from "@/components/strategies/quick-fields";
import { fieldOf } from "@/server/domain/strategies/fields";
import { Condition, type Comparison } from "@/server/domain/strategies/schema";

const edge: Comparison = { field: "edge", op: "gte", value: 0.03 };
const price: Comparison = { field: "price", op: "lte", value: 3 };
const home: Comparison = { field: "selection", op: "in", value: ["home"] };
const wind: Comparison = { field: "windKph", op: "gte", value: 25 };

/** Ids of a tree by the JSON path of their node, so tests can name nodes the way validation does. */
function idAt(root: RuleGroup, path: string): string {
  for (const [id, p] of nodePaths(root)) if (p === path) return id;
  throw new Error(`no node at ${path}`);
}

const comparisonArb: fc.Arbitrary<Comparison> = fc.oneof(
  fc.record({
    field: fc.constantFrom("edge", "probability", "price"),
    op: fc.constantFrom("gt", "gte", "lt", "lte" as const),
    value: fc.double({ min: 0, max: 10, noNaN: true }),
  }),
  fc.record({
    field: fc.constant("price"),
    op: fc.constant("between" as const),
    value: fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 5, max: 9 })).map(([a, b]) => [a, b]),
  }),
  fc.record({
    field: fc.constant("selection"),
    op: fc.constantFrom("in", "notIn" as const),
    value: fc.subarray(["home", "draw", "away"]),
  }),
) as fc.Arbitrary<Comparison>;

const conditionArb: fc.Arbitrary<Condition> = fc.letrec<{ cond: Condition }>((tie) => ({
  cond: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    comparisonArb,
    fc.record({ all: fc.array(tie("cond"), { maxLength: 4 }) }),
    fc.record({ any: fc.array(tie("cond"), { maxLength: 4 }) }),
    fc.record({ not: tie("cond") }),
  ),
})).cond;

describe("rule tree <-> strategy JSON", () => {
  it("gives back exactly the JSON it was built from, for any condition tree", () => {
    fc.assert(
      fc.property(conditionArb, (when) => {
        expect(toCondition(toTree(when, idSource()))).toEqual(when);
      }),
      { numRuns: 300 },
    );
  });

  it("keeps a bare comparison bare and a single negation a plain not", () => {
    expect(toCondition(toTree(edge, idSource()))).toEqual(edge);
    expect(toCondition(toTree({ not: edge }, idSource()))).toEqual({ not: edge });
    expect(toCondition(toTree({ not: { any: [edge] } }, idSource()))).toEqual({ not: { any: [edge] } });
  });

  it("puts no editor ids into the JSON and gives every node a distinct id", () => {
    const tree = toTree({ all: [edge, { any: [price, home] }] }, idSource());
    expect(JSON.stringify(toCondition(tree))).not.toMatch(/"id"|"kind"|"n\d+"/);
    const ids = [...nodePaths(tree).keys()];
    expect(new Set(ids).size).toBe(5);
  });

  it("writes a None-of box with several conditions as not(any) and an emptied one as a condition that holds", () => {
    const tree = toTree({ not: edge }, idSource());
    const withTwo: RuleGroup = { ...tree, children: [...tree.children, { kind: "rule", id: "x", comparison: price }] };
    expect(toCondition(withTwo)).toEqual({ not: { any: [edge, price] } });
    expect(toCondition({ ...tree, children: [] })).toEqual({ not: { any: [] } });
  });

  it("an empty when becomes an empty All-of box", () => {
    const tree = toTree(undefined, idSource());
    expect(tree).toMatchObject({ kind: "group", type: "all", children: [] });
    expect(toCondition(tree)).toEqual({ all: [] });
  });
});

describe("moving nodes", () => {
  const start = () => toTree({ all: [edge, { any: [price, home] }, wind] }, idSource());

  it("drags a condition into a group at a position", () => {
    const tree = start();
    const moved = moveNode(tree, idAt(tree, "when.all[0]"), idAt(tree, "when.all[1]"), 1);
    expect(toCondition(moved!)).toEqual({ all: [{ any: [price, edge, home] }, wind] });
  });

  it("reorders within a group with indexes counted before the move", () => {
    const tree = start();
    // Before the item at index 3 (the end) of the same group: the first condition goes last.
    expect(toCondition(moveNode(tree, idAt(tree, "when.all[0]"), tree.id, 3)!)).toEqual({
      all: [{ any: [price, home] }, wind, edge],
    });
    expect(toCondition(moveNode(tree, idAt(tree, "when.all[2]"), tree.id, 0)!)).toEqual({
      all: [wind, edge, { any: [price, home] }],
    });
  });

  it("refuses to move a group into itself or into its own descendant", () => {
    const tree = toTree({ all: [{ any: [price, { all: [home] }] }] }, idSource());
    const group = idAt(tree, "when.all[0]");
    expect(moveNode(tree, group, group, 0)).toBeNull();
    expect(moveNode(tree, group, idAt(tree, "when.all[0].any[1]"), 0)).toBeNull();
    // A condition is not a group to drop into, and the root cannot move.
    expect(moveNode(tree, idAt(tree, "when.all[0].any[0]"), idAt(tree, "when.all[0].any[1].all[0]"), 0)).toBeNull();
    expect(moveNode(tree, tree.id, group, 0)).toBeNull();
  });

  it("moves up, down, into the group above or below and out of a group", () => {
    const tree = start();
    const first = idAt(tree, "when.all[0]");
    const last = idAt(tree, "when.all[2]");
    expect(canMove(tree, first, "up")).toBe(false);
    expect(toCondition(applyMove(tree, first, "down")!)).toEqual({ all: [{ any: [price, home] }, edge, wind] });
    expect(toCondition(applyMove(tree, first, "into-next")!)).toEqual({ all: [{ any: [edge, price, home] }, wind] });
    expect(toCondition(applyMove(tree, last, "into-previous")!)).toEqual({ all: [edge, { any: [price, home, wind] }] });
    expect(canMove(tree, first, "into-previous")).toBe(false);
    expect(canMove(tree, first, "out")).toBe(false);
    const inner = idAt(tree, "when.all[1].any[0]");
    // Out of a group: right after the group it was in.
    expect(toCondition(applyMove(tree, inner, "out")!)).toEqual({ all: [edge, { any: [home] }, price, wind] });
    expect(canMove(tree, idAt(tree, "when.all[1].any[1]"), "down")).toBe(false);
  });

  it("removes a node with everything inside it, never the root", () => {
    const tree = start();
    expect(toCondition(removeNode(tree, idAt(tree, "when.all[1]")))).toEqual({ all: [edge, wind] });
    expect(removeNode(tree, tree.id)).toBe(tree);
  });

  it("keeps ids stable across moves, so focus and React keys follow the item", () => {
    const tree = start();
    const id = idAt(tree, "when.all[0]");
    const moved = applyMove(tree, id, "into-next")!;
    expect(findNode(moved, id)).toMatchObject({ kind: "rule", comparison: edge });
  });
});

describe("validation paths point at the rule at fault", () => {
  it("maps a JSON path, as a string or as parts, to the deepest node it lies in", () => {
    const tree = toTree({ all: [edge, { any: [price, { not: home }] }] }, idSource());
    const paths = nodePaths(tree);
    expect(paths.get(idAt(tree, "when.all[1].any[1].not"))).toBe("when.all[1].any[1].not");
    expect(nodeForPath(paths, "when.all[1].any[0].value")).toBe(idAt(tree, "when.all[1].any[0]"));
    expect(nodeForPath(paths, ["when", "all", 1, "any", 1, "not", "field"])).toBe(idAt(tree, "when.all[1].any[1].not"));
    // "when.all[1]" must not claim "when.all[10]".
    expect(nodeForPath(paths, "when.all[10]")).toBe(tree.id);
    expect(nodeForPath(paths, "stake.fraction")).toBeNull();
  });

  it("points a bare comparison's error at the comparison, not its box", () => {
    const tree = toTree(edge, idSource());
    expect(nodeForPath(nodePaths(tree), "when.value")).toBe(tree.children[0]!.id);
  });
});

describe("the quick form's thresholds share the builder's JSON", () => {
  const built: Condition = { all: [{ any: [price, home] }, { field: "edge", op: "gte", value: 0.02 }] };

  it("edits the one top-level comparison and leaves the builder's conditions alone", () => {
    expect(readThreshold(built, MIN_EDGE)).toBe(0.02);
    expect(writeThreshold(built, MIN_EDGE, 0.05)).toEqual({
      all: [{ any: [price, home] }, { field: "edge", op: "gte", value: 0.05 }],
    });
    expect(writeThreshold(built, MIN_EDGE, undefined)).toEqual({ all: [{ any: [price, home] }] });
    expect(writeThreshold(built, MIN_PROBABILITY, 0.6)).toEqual({
      all: [...(built as { all: Condition[] }).all, { field: "probability", op: "gte", value: 0.6 }],
    });
  });

  it("wraps a when that is not an all instead of replacing it", () => {
    const any: Condition = { any: [price, home] };
    const next = writeThreshold(any, ODDS_RANGE, [1.5, 3]);
    expect(next).toEqual({ all: [any, { field: "price", op: "between", value: [1.5, 3] }] });
    expect(writeThreshold(any, MIN_EDGE, undefined)).toBe(any);
    expect(readThreshold(any, MIN_EDGE)).toBeUndefined();
  });

  it("every strategy the form writes is valid for the schema", () => {
    const next = writeThreshold(writeThreshold(built, MIN_PROBABILITY, 0.55), ODDS_RANGE, [1.8, 4]);
    expect(Condition.safeParse(next).success).toBe(true);
  });
});

describe("condition rows", () => {
  it("edits percentages as percent and stores fractions without float noise", () => {
    const f = fieldOf("edge");
    expect(toShown(f, 0.07)).toBe(7);
    expect(toStored(f, 7)).toBe(0.07);
    expect(toStored(fieldOf("price"), 2.5)).toBe(2.5);
  });

  it("names a condition in words for its drag handle", () => {
    expect(describeComparison(edge)).toBe("Edge at least 3%");
    expect(describeComparison({ field: "price", op: "between", value: [1.5, 3] })).toBe("Price between 1.50 and 3.00");
    expect(describeComparison({ field: "selection", op: "notIn", value: ["draw"] })).toBe(
      "Selection is not one of draw",
    );
    expect(describeComparison({ field: "windKph", op: "gte", value: 25 })).toBe("Wind at least 25 km/h");
  });

  it("keeps the value when the operator changes and starts enum fields empty", () => {
    expect(withOp(edge, "between")).toEqual({ field: "edge", op: "between", value: [0.03, 0.03] });
    expect(withOp({ field: "price", op: "between", value: [1.5, 3] }, "lte")).toEqual({
      field: "price",
      op: "lte",
      value: 1.5,
    });
    expect(withOp(edge, "in")).toEqual({ field: "edge", op: "in", value: [0.03] });
    expect(defaultComparison("selection")).toEqual({ field: "selection", op: "in", value: [] });
  });
});
