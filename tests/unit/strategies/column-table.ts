import type { ColumnTable, FieldRow } from "@/server/domain/strategies/fields";
import { fieldOf } from "@/server/domain/strategies/fields";

/**
 * A ColumnTable built from rows, the way a backtest lays candidates out: NaN for a number without a value,
 * -1 for an enum without one. `dictionaryOrder` lets a test put dictionary entries in any order (and add
 * entries no row uses) so the column evaluator cannot depend on a particular coding.
 */
export function tableOf(
  rows: readonly FieldRow[],
  dictionaryExtra: Readonly<Record<string, readonly string[]>> = {},
): ColumnTable {
  const numbers = new Map<string, Float64Array>();
  const codes = new Map<string, Int32Array>();
  const dictionaries = new Map<string, string[]>();
  return {
    length: rows.length,
    numbers(field) {
      let col = numbers.get(field);
      if (!col) {
        col = Float64Array.from(rows, (r) => {
          const v = r[field];
          return typeof v === "number" ? v : NaN;
        });
        numbers.set(field, col);
      }
      return col;
    },
    dictionary(field) {
      let dict = dictionaries.get(field);
      if (!dict) {
        dict = [...(dictionaryExtra[field] ?? [])];
        for (const r of rows) {
          const v = r[field];
          if (typeof v === "string" && !dict.includes(v)) dict.push(v);
        }
        dictionaries.set(field, dict);
      }
      return dict;
    },
    codes(field) {
      if (fieldOf(field)?.type !== "enum") throw new Error(`codes() of the number field ${field}`);
      let col = codes.get(field);
      if (!col) {
        const dict = this.dictionary(field);
        col = Int32Array.from(rows, (r) => {
          const v = r[field];
          return typeof v === "string" ? dict.indexOf(v) : -1;
        });
        codes.set(field, col);
      }
      return col;
    },
  };
}
