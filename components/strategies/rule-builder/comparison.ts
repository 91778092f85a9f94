import {
  DECISION_FIELDS,
  FIELDS,
  fieldOf,
  type FieldDefinition,
  type FieldName,
  type NumberField,
} from "@/server/domain/strategies/fields";
import type { Comparison, ComparisonOp } from "@/server/domain/strategies/schema";

/** Words for the operators, as the builder's select and the drag handles' names say them. */
export const OP_LABELS: Record<ComparisonOp, string> = {
  gte: "at least",
  lte: "at most",
  gt: "above",
  lt: "below",
  between: "between",
  in: "is one of",
  notIn: "is not one of",
};

export const NUMBER_OPS: readonly ComparisonOp[] = ["gte", "lte", "gt", "lt", "between", "in", "notIn"];
export const ENUM_OPS: readonly ComparisonOp[] = ["in", "notIn"];

export function opsFor(field: FieldDefinition | null): readonly ComparisonOp[] {
  return field?.type === "enum" ? ENUM_OPS : NUMBER_OPS;
}

/** Decision fields in the select's groups: the bet's numbers, what it is on, and the game's context. */
export const FIELD_GROUPS: { label: string; fields: FieldName[] }[] = (() => {
  const groups: Record<string, FieldName[]> = {
    "Price and probability": [],
    "What the bet is on": [],
    "Game context": [],
  };
  for (const name of DECISION_FIELDS) {
    const f = FIELDS[name];
    const group =
      f.type === "number" && (f.format === "percent" || f.format === "odds")
        ? "Price and probability"
        : f.type === "enum"
          ? "What the bet is on"
          : "Game context";
    groups[group]!.push(name);
  }
  return Object.entries(groups).map(([label, fields]) => ({ label, fields }));
})();

/** Percent fields are stored as fractions and edited as percentages; this rounds away 0.07 * 100 = 7.000000000000001. */
const clean = (x: number) => Number(x.toPrecision(12));

export function toShown(field: FieldDefinition | null, stored: number): number {
  return field?.type === "number" && field.format === "percent" ? clean(stored * 100) : stored;
}

export function toStored(field: FieldDefinition | null, shown: number): number {
  return field?.type === "number" && field.format === "percent" ? clean(shown / 100) : shown;
}

/** One value as a person reads it: "3%", "2.50", "home". */
export function showValue(field: FieldDefinition | null, value: number | string): string {
  if (typeof value === "string") return value;
  if (field?.type === "number" && field.format === "percent") return `${toShown(field, value)}%`;
  if (field?.type === "number" && field.format === "odds") return value.toFixed(2);
  const unit = field?.unit ? ` ${field.unit}` : "";
  return `${value}${unit}`;
}

/** "Edge at least 3%", "Selection is one of home, away": the condition's accessible name and its summary. */
export function describeComparison(c: Comparison): string {
  const field = fieldOf(c.field);
  const label = field?.label ?? c.field;
  const values = Array.isArray(c.value) ? c.value : [c.value];
  if (c.op === "between") {
    const [lo, hi] = values;
    return `${label} between ${lo === undefined ? "?" : showValue(field, lo)} and ${hi === undefined ? "?" : showValue(field, hi)}`;
  }
  if (c.op === "in" || c.op === "notIn") {
    return `${label} ${OP_LABELS[c.op]} ${values.length ? values.map((v) => showValue(field, v)).join(", ") : "(nothing chosen)"}`;
  }
  return `${label} ${OP_LABELS[c.op]} ${values[0] === undefined ? "?" : showValue(field, values[0])}`;
}

/** A reasonable first value for a number field: 3% edge, 50% probability, price 2.0, else its minimum. */
function startValue(name: string, field: NumberField): number {
  if (name === "edge") return 0.03;
  if (field.format === "percent") return 0.5;
  if (field.format === "odds") return 2;
  if (name === "season") return 2020;
  return field.min;
}

/** The condition a new row starts with, or the one a field change turns the row into. */
export function defaultComparison(name: string): Comparison {
  const field = fieldOf(name);
  if (!field || field.type === "enum") return { field: name, op: "in", value: [] };
  return { field: name, op: "gte", value: startValue(name, field) };
}

/** Keeps what it can of the value when the operator changes: 3% "at least" becomes "between 3% and 3%". */
export function withOp(c: Comparison, op: ComparisonOp): Comparison {
  const field = fieldOf(c.field);
  const values = (Array.isArray(c.value) ? c.value : [c.value]).filter((v) => v !== undefined);
  if (op === "in" || op === "notIn")
    return { ...c, op, value: Array.isArray(c.value) && c.op !== "between" ? c.value : values.slice(0, 1) };
  const first = typeof values[0] === "number" ? values[0] : field?.type === "number" ? startValue(c.field, field) : 0;
  if (op === "between") {
    const second = c.op === "between" && typeof values[1] === "number" ? values[1] : first;
    return { ...c, op, value: [first, second] };
  }
  return { ...c, op, value: first };
}
