/**
 * PostgreSQL array literals for bulk parameters (`$1::int[]` given `"{1,2,3}"`). node-pg escapes every element
 * of an array parameter with a regular expression and formats every Date in local time; for the ~28,000 prices
 * of one collection pass that was a large share of a pass (measured: ~240 ms a pass against ~70 ms
 * for these). Each builder accepts only values whose text needs no quoting, and throws on anything else, so a
 * literal can never be malformed or carry an injected element.
 */

function fail(kind: string, value: unknown): never {
  throw new TypeError(`${kind} array literal: ${String(value)} is not allowed`);
}

/** Whole numbers (safe integers only). */
export function intArrayLiteral(values: readonly number[]): string {
  for (const v of values) if (!Number.isSafeInteger(v)) fail("int", v);
  return `{${values.join(",")}}`;
}

/** Finite numbers, null as NULL (numeric and float columns). */
export function numberArrayLiteral(values: readonly (number | null)[]): string {
  let out = "";
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v !== null && !Number.isFinite(v)) fail("number", v);
    out += (i === 0 ? "" : ",") + (v === null ? "NULL" : String(v));
  }
  return `{${out}}`;
}

const TOKEN = /^[A-Za-z0-9_]+$/;

/** Enum labels and other bare words (letters, digits, underscore; never the word NULL). */
export function tokenArrayLiteral(values: readonly string[]): string {
  for (const v of values) if (!TOKEN.test(v) || v.toUpperCase() === "NULL") fail("token", v);
  return `{${values.join(",")}}`;
}

/** Instants, as UTC ISO-8601 text (millisecond precision, as JavaScript keeps them). */
export function timestampArrayLiteral(values: readonly Date[]): string {
  let out = "";
  for (let i = 0; i < values.length; i++) {
    const t = values[i]!.getTime();
    if (!Number.isFinite(t)) fail("timestamp", values[i]);
    out += (i === 0 ? "" : ",") + values[i]!.toISOString();
  }
  return `{${out}}`;
}
