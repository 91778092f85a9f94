import type { Comparison, ComparisonOp, Condition } from "@/server/domain/strategies/schema";

/**
 * The quick form's thresholds live in the same `when` the rule builder edits: minimum probability is the
 * top-level comparison `probability gte`, minimum edge `edge gte` and the odds range `price between`, all
 * directly inside `when.all`. Reading and writing them here touches only that one comparison, so switching
 * between the form and the builder never loses a condition the builder added.
 */
export interface QuickThreshold {
  field: string;
  op: ComparisonOp;
}

export const MIN_PROBABILITY: QuickThreshold = { field: "probability", op: "gte" };
export const MIN_EDGE: QuickThreshold = { field: "edge", op: "gte" };
export const ODDS_RANGE: QuickThreshold = { field: "price", op: "between" };

const isComparison = (c: Condition): c is Comparison => "field" in c;
const matches = (c: Condition, t: QuickThreshold): c is Comparison =>
  isComparison(c) && c.field === t.field && c.op === t.op;

/** The value of the first top-level comparison for `t`, or undefined when the form's field is empty. */
export function readThreshold(when: Condition | undefined, t: QuickThreshold): Comparison["value"] | undefined {
  if (!when) return undefined;
  if (matches(when, t)) return when.value;
  if ("all" in when) return when.all.find((c): c is Comparison => matches(c, t))?.value;
  return undefined;
}

/**
 * `when` with the threshold set to `value` (or removed for undefined). An existing comparison is edited in
 * place; a new one goes at the end of `when.all`. A `when` that is not an "all" (an "any" the builder made, a
 * "not", a bare comparison) is kept whole as the first member of a new "all".
 */
export function writeThreshold(
  when: Condition | undefined,
  t: QuickThreshold,
  value: Comparison["value"] | undefined,
): Condition {
  const base: Condition = when ?? { all: [] };
  const comparison: Comparison = { field: t.field, op: t.op, value: value as Comparison["value"] };
  if (matches(base, t)) return value === undefined ? { all: [] } : comparison;
  if ("all" in base) {
    const i = base.all.findIndex((c) => matches(c, t));
    if (i < 0) return value === undefined ? base : { all: [...base.all, comparison] };
    const all = [...base.all];
    if (value === undefined) all.splice(i, 1);
    else all[i] = { ...(all[i] as Comparison), value };
    return { all };
  }
  return value === undefined ? base : { all: [base, comparison] };
}
