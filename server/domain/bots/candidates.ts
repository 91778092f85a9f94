import { DECISION_FIELDS, FIELDS, type FieldRow } from "../strategies/fields";
import type { View } from "../backtest/dataset";

/**
 * One row of a view as the row evaluator reads it (null where a field has no value): what a bot records
 * about a candidate and what the minimum qualifying price is computed on.
 */
export function rowOf(view: View, row: number): Record<string, number | string | null> {
  const out: Record<string, number | string | null> = {};
  for (const field of DECISION_FIELDS) {
    const def = FIELDS[field];
    if (def.type === "number") {
      const v = view.numbers(field)[row]!;
      out[field] = Number.isNaN(v) ? null : v;
    } else {
      const code = view.codes(field)[row]!;
      out[field] = code < 0 ? null : (view.dictionary(field)[code] ?? null);
    }
  }
  return out satisfies FieldRow;
}
