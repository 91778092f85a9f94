import { fieldOf, type ColumnTable, type FieldDefinition, type FieldRow } from "./fields";
import type { Comparison, Condition } from "./schema";

/**
 * One semantics, three implementations that must agree (a property test checks it):
 * - `referenceEvaluate`: the plain recursive interpreter, written to be obviously right;
 * - `compileRow`: closures built once per condition, for one candidate at a time (bots, the live preview);
 * - `compileColumns`: closures over typed-array columns for backtests and sweeps, where speed matters.
 * No `eval`/`new Function`: the app runs under a strict CSP.
 *
 * Semantics: `{all: []}` is true, `{any: []}` false, `not` inverts. A comparison on a field without a value
 * (null in a row, NaN in a number column, -1 in a code column) is false, so `not` of it is true, and "in" and
 * "notIn" are both false there. "between" is inclusive. Numbers compare exactly (no tolerance), also in "in".
 * Enum fields take only "in"/"notIn". The evaluators expect a validated condition (`parseStrategy`); an
 * unknown field or an op its type does not take throws rather than silently evaluating to something.
 */

function definitionOf(c: Comparison): FieldDefinition {
  const def = fieldOf(c.field);
  if (!def) throw new Error(`unknown field "${c.field}": validate the strategy first`);
  if (def.type === "enum" && c.op !== "in" && c.op !== "notIn")
    throw new Error(`"${c.op}" does not apply to the enum field "${c.field}"`);
  return def;
}

const listOf = (value: Comparison["value"]): readonly (number | string)[] => (Array.isArray(value) ? value : [value]);
const numbersOf = (value: Comparison["value"]): number[] =>
  listOf(value).filter((v): v is number => typeof v === "number");
const stringsOf = (value: Comparison["value"]): string[] =>
  listOf(value).filter((v): v is string => typeof v === "string");
const bounds = (value: Comparison["value"]): [number, number] => {
  const [lo, hi] = numbersOf(value);
  if (lo === undefined || hi === undefined) throw new Error('"between" takes [lo, hi]');
  return [lo, hi];
};
const scalar = (value: Comparison["value"]): number => {
  if (typeof value !== "number") throw new Error("this comparison takes one number");
  return value;
};

// ---------------------------------------------------------------------------------------------------------
// Reference interpreter

function referenceComparison(c: Comparison, row: FieldRow): boolean {
  const def = definitionOf(c);
  const v = row[c.field];
  if (def.type === "enum") {
    if (typeof v !== "string") return false;
    const has = stringsOf(c.value).includes(v);
    return c.op === "in" ? has : !has;
  }
  if (typeof v !== "number" || Number.isNaN(v)) return false;
  switch (c.op) {
    case "gt":
      return v > scalar(c.value);
    case "gte":
      return v >= scalar(c.value);
    case "lt":
      return v < scalar(c.value);
    case "lte":
      return v <= scalar(c.value);
    case "between": {
      const [lo, hi] = bounds(c.value);
      return lo <= v && v <= hi;
    }
    case "in":
      return numbersOf(c.value).some((x) => x === v);
    case "notIn":
      return !numbersOf(c.value).some((x) => x === v);
  }
}

export function referenceEvaluate(cond: Condition, row: FieldRow): boolean {
  if ("all" in cond) return cond.all.every((c) => referenceEvaluate(c, row));
  if ("any" in cond) return cond.any.some((c) => referenceEvaluate(c, row));
  if ("not" in cond) return !referenceEvaluate(cond.not, row);
  return referenceComparison(cond, row);
}

// ---------------------------------------------------------------------------------------------------------
// Row evaluator

type RowTest = (row: FieldRow) => boolean;

function compileRowComparison(c: Comparison): RowTest {
  const def = definitionOf(c);
  const field = c.field;
  if (def.type === "enum") {
    const set = new Set(stringsOf(c.value));
    if (c.op === "in")
      return (row) => {
        const v = row[field];
        return typeof v === "string" && set.has(v);
      };
    return (row) => {
      const v = row[field];
      return typeof v === "string" && !set.has(v);
    };
  }
  // `typeof v === "number"` with the comparison: NaN and null compare false, as the semantics require.
  const num = (row: FieldRow): number => {
    const v = row[field];
    return typeof v === "number" ? v : NaN;
  };
  switch (c.op) {
    case "gt": {
      const x = scalar(c.value);
      return (row) => num(row) > x;
    }
    case "gte": {
      const x = scalar(c.value);
      return (row) => num(row) >= x;
    }
    case "lt": {
      const x = scalar(c.value);
      return (row) => num(row) < x;
    }
    case "lte": {
      const x = scalar(c.value);
      return (row) => num(row) <= x;
    }
    case "between": {
      const [lo, hi] = bounds(c.value);
      return (row) => {
        const v = num(row);
        return v >= lo && v <= hi;
      };
    }
    case "in": {
      const set = new Set(numbersOf(c.value));
      return (row) => set.has(num(row));
    }
    case "notIn": {
      const set = new Set(numbersOf(c.value));
      return (row) => {
        const v = num(row);
        return v === v && !set.has(v);
      };
    }
  }
}

function compileRowNode(cond: Condition): RowTest {
  if ("all" in cond) {
    const children = cond.all.map(compileRowNode);
    return (row) => {
      for (const child of children) if (!child(row)) return false;
      return true;
    };
  }
  if ("any" in cond) {
    const children = cond.any.map(compileRowNode);
    return (row) => {
      for (const child of children) if (child(row)) return true;
      return false;
    };
  }
  if ("not" in cond) {
    const child = compileRowNode(cond.not);
    return (row) => !child(row);
  }
  return compileRowComparison(cond);
}

/** A predicate over one candidate, built once per condition. */
export function compileRow(cond: Condition): (row: FieldRow) => boolean {
  return compileRowNode(cond);
}

// ---------------------------------------------------------------------------------------------------------
// Column evaluator
//
// Every node is a filter over a selection vector: given the indices of the rows still alive (ascending), it
// writes those that pass to `out` and returns their count. `out` may be `idx` itself (filters compact in
// place, writing never ahead of reading); when it is not, `idx` is left as it was. So `all` narrows: each
// child runs only on the rows its predecessors let through, and stops when none are left. `any` runs each
// child on the rows no earlier child accepted. The inner loops are branch-free compactions over typed arrays:
// `out[k] = r; k += test` costs the same whatever the selectivity.

type Filter = (table: ColumnTable, idx: Int32Array, count: number, out: Int32Array) => number;

/** A growable scratch buffer owned by one compiled node (a compiled evaluator is not re-entered). */
class Scratch {
  private ints = new Int32Array(0);
  private flags = new Uint8Array(0);
  indices(n: number): Int32Array {
    if (this.ints.length < n) this.ints = new Int32Array(Math.max(n, this.ints.length * 2));
    return this.ints;
  }
  /** All zero on return; users set flags and clear the ones they set before returning. */
  marks(n: number): Uint8Array {
    if (this.flags.length < n) this.flags = new Uint8Array(Math.max(n, this.flags.length * 2));
    return this.flags;
  }
}

// One loop per operator on purpose: the comparison stays inline in the hottest loop of the backtests (a
// comparator callback per row halved bench:backtest's rules per second).
function numberFilter(c: Comparison): Filter {
  const field = c.field;
  switch (c.op) {
    case "gt": {
      const x = scalar(c.value);
      return (t, idx, count, out) => {
        const col = t.numbers(field);
        let k = 0;
        for (let i = 0; i < count; i++) {
          const r = idx[i]!;
          out[k] = r;
          k += +(col[r]! > x);
        }
        return k;
      };
    }
    case "gte": {
      const x = scalar(c.value);
      return (t, idx, count, out) => {
        const col = t.numbers(field);
        let k = 0;
        for (let i = 0; i < count; i++) {
          const r = idx[i]!;
          out[k] = r;
          k += +(col[r]! >= x);
        }
        return k;
      };
    }
    case "lt": {
      const x = scalar(c.value);
      return (t, idx, count, out) => {
        const col = t.numbers(field);
        let k = 0;
        for (let i = 0; i < count; i++) {
          const r = idx[i]!;
          out[k] = r;
          k += +(col[r]! < x);
        }
        return k;
      };
    }
    case "lte": {
      const x = scalar(c.value);
      return (t, idx, count, out) => {
        const col = t.numbers(field);
        let k = 0;
        for (let i = 0; i < count; i++) {
          const r = idx[i]!;
          out[k] = r;
          k += +(col[r]! <= x);
        }
        return k;
      };
    }
    case "between": {
      const [lo, hi] = bounds(c.value);
      return (t, idx, count, out) => {
        const col = t.numbers(field);
        let k = 0;
        for (let i = 0; i < count; i++) {
          const r = idx[i]!;
          const v = col[r]!;
          out[k] = r;
          k += +(v >= lo) & +(v <= hi);
        }
        return k;
      };
    }
    case "in":
    case "notIn": {
      const values = numbersOf(c.value);
      const wanted = c.op === "in" ? 1 : 0;
      if (values.length === 1) {
        const x = values[0];
        return (t, idx, count, out) => {
          const col = t.numbers(field);
          let k = 0;
          for (let i = 0; i < count; i++) {
            const r = idx[i]!;
            const v = col[r]!;
            out[k] = r;
            // NaN (no value) fails both "in" and "notIn".
            k += +(v === v) & +(+(v === x) === wanted);
          }
          return k;
        };
      }
      // Set.has uses SameValueZero (0 equals -0), the same as ===; the values are finite, so NaN is never in it.
      const set = new Set(values);
      return (t, idx, count, out) => {
        const col = t.numbers(field);
        let k = 0;
        for (let i = 0; i < count; i++) {
          const r = idx[i]!;
          const v = col[r]!;
          out[k] = r;
          k += +(v === v) & +(+set.has(v) === wanted);
        }
        return k;
      };
    }
  }
}

/**
 * "in"/"notIn" on an enum field: a lookup table by code, built from the table's dictionary and kept while the
 * same dictionary (same array, same length) comes back. Slot 0 stands for code -1 (no value) and is 0, so a
 * missing value fails both ops without a branch.
 */
function enumFilter(c: Comparison): Filter {
  const field = c.field;
  const set = new Set(stringsOf(c.value));
  const isIn = c.op === "in";
  let lastDictionary: readonly string[] | null = null;
  let lastLength = -1;
  let lut = new Uint8Array(1);
  return (t, idx, count, out) => {
    const dictionary = t.dictionary(field);
    if (dictionary !== lastDictionary || dictionary.length !== lastLength) {
      lut = new Uint8Array(dictionary.length + 1);
      for (let code = 0; code < dictionary.length; code++) lut[code + 1] = +(set.has(dictionary[code]!) === isIn);
      lastDictionary = dictionary;
      lastLength = dictionary.length;
    }
    const codes = t.codes(field);
    const table = lut;
    let k = 0;
    for (let i = 0; i < count; i++) {
      const r = idx[i]!;
      out[k] = r;
      // `| 0`: a code outside the dictionary reads undefined and counts as no value.
      k += table[codes[r]! + 1]! | 0;
    }
    return k;
  };
}

function compileFilter(cond: Condition): Filter {
  if ("all" in cond) {
    const [first, ...rest] = cond.all.map(compileFilter);
    if (!first) {
      return (_t, idx, count, out) => {
        if (out !== idx) out.set(idx.subarray(0, count));
        return count;
      };
    }
    if (rest.length === 0) return first;
    return (t, idx, count, out) => {
      // The first child reads `idx` and writes `out`; the rest narrow `out` in place.
      let n = first(t, idx, count, out);
      for (let c = 0; c < rest.length && n > 0; c++) n = rest[c]!(t, out, n, out);
      return n;
    };
  }
  if ("any" in cond) {
    const children = cond.any.map(compileFilter);
    if (children.length === 0) return () => 0;
    if (children.length === 1) return children[0]!;
    const remainingBuf = new Scratch();
    const passedBuf = new Scratch();
    return (t, idx, count, out) => {
      const n = t.length;
      const remaining = remainingBuf.indices(n);
      const passed = passedBuf.indices(n);
      const mark = remainingBuf.marks(n);
      remaining.set(idx.subarray(0, count));
      let left = count;
      for (let c = 0; c < children.length && left > 0; c++) {
        const p = children[c]!(t, remaining, left, passed);
        if (p === 0) continue;
        for (let j = 0; j < p; j++) mark[passed[j]!] = 1;
        let k = 0;
        for (let j = 0; j < left; j++) {
          const r = remaining[j]!;
          remaining[k] = r;
          k += 1 - mark[r]!;
        }
        left = k;
      }
      // Keep the input's order; clear every mark on the way so the buffer is all zero again.
      let k = 0;
      for (let i = 0; i < count; i++) {
        const r = idx[i]!;
        out[k] = r;
        k += mark[r]!;
        mark[r] = 0;
      }
      return k;
    };
  }
  if ("not" in cond) {
    const child = compileFilter(cond.not);
    const buf = new Scratch();
    return (t, idx, count, out) => {
      const n = t.length;
      const passed = buf.indices(n);
      const mark = buf.marks(n);
      const p = child(t, idx, count, passed);
      for (let j = 0; j < p; j++) mark[passed[j]!] = 1;
      let k = 0;
      for (let i = 0; i < count; i++) {
        const r = idx[i]!;
        out[k] = r;
        k += 1 - mark[r]!;
        mark[r] = 0;
      }
      return k;
    };
  }
  return definitionOf(cond).type === "enum" ? enumFilter(cond) : numberFilter(cond);
}

/**
 * The column evaluator: returns a 0/1 mask of `table.length` (into `out` when given, which must be at least
 * that long; only its first `table.length` entries are written). Number fields read `table.numbers(field)`
 * (NaN = no value), enum fields `table.codes(field)` (-1 = no value) with `table.dictionary(field)`.
 * The returned function reuses its buffers between calls: call it from one thread at a time.
 */
export function compileColumns(cond: Condition): (table: ColumnTable, out?: Uint8Array) => Uint8Array {
  const filter = compileFilter(cond);
  let identity = new Int32Array(0);
  const work = new Scratch();
  return (table, out) => {
    const n = table.length;
    if (identity.length < n) {
      identity = new Int32Array(Math.max(n, identity.length * 2));
      for (let i = 0; i < identity.length; i++) identity[i] = i;
    }
    const mask = out ?? new Uint8Array(n);
    if (mask.length < n) throw new Error(`the output mask has ${mask.length} entries for ${n} rows`);
    const alive = work.indices(n);
    // `identity` is read, not written (out !== idx), so it stays 0..n-1 for the next call.
    const count = filter(table, identity, n, alive);
    mask.fill(0, 0, n);
    for (let k = 0; k < count; k++) mask[alive[k]!] = 1;
    return mask;
  };
}
