import { parse } from "csv-parse/sync";
import { FileFormatError } from "./types";

/** Decodes a file's bytes: UTF-8 when valid (BOM dropped), else Windows-1252 (older football-data files). */
export function decodeText(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder("windows-1252").decode(bytes);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export interface CsvRow {
  /** 1-based line number in the file (the header is line 1). */
  line: number;
  get(column: string): string;
  has(column: string): boolean;
}

export interface CsvTable {
  columns: string[];
  rows: CsvRow[];
}

/** PostgreSQL text cannot hold U+0000; a cell with one would fail the whole file's transaction. */
export function containsNul(text: string): boolean {
  return text.includes("\u0000");
}

export function nulMessage(what: string): string {
  return `${what} contains a NUL character (\\0): remove it from the file and import it again`;
}

/**
 * Parses CSV with a header. Refuses the file (FileFormatError) when it is not CSV or lacks a required
 * column (a list names alternatives: ["FTHG", "HG"]), so a wrong file never gets half-imported. Rows of empty
 * cells (trailing ",,,," lines) are dropped. With `rejectNul`, reading a cell that holds a NUL character
 * rejects that row (RowRejection) instead of letting it reach the database.
 */
export function readCsv(
  text: string,
  required: (string | string[])[],
  formatName: string,
  options: { rejectNul?: boolean; maxRows?: number } = {},
): CsvTable {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      // With a row limit, reading stops one row past it: enough to refuse the file without parsing all of it.
      ...(options.maxRows !== undefined ? { to: options.maxRows + 2 } : {}),
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      info: true,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    throw new FileFormatError(`not a readable ${formatName} CSV file: ${(error as Error).message}`);
  }
  if (records.length === 0) throw new FileFormatError(`empty file: expected a ${formatName} CSV with a header`);
  const columns = records[0]!.record.map((c) => c.trim());
  const index = new Map<string, number>();
  columns.forEach((c, i) => {
    if (c && !index.has(c)) index.set(c, i);
  });
  const missing = required
    .map((c) => (Array.isArray(c) ? c : [c]))
    .filter((alternatives) => !alternatives.some((c) => index.has(c)))
    .map((alternatives) => alternatives.join(" or "));
  if (missing.length > 0) {
    throw new FileFormatError(
      `not a ${formatName} file: missing column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`,
    );
  }
  const rows = records.slice(1).map(({ record, info }) => ({
    line: info.lines,
    get: (column: string) => {
      const i = index.get(column);
      const value = i === undefined ? "" : (record[i] ?? "").trim();
      if (options.rejectNul && containsNul(value)) reject(nulMessage(column));
      return value;
    },
    has: (column: string) => index.has(column),
  }));
  return { columns, rows };
}

/** A row that cannot be imported; the importer records its line and reason and moves on. */
export class RowRejection extends Error {}

export function reject(message: string): never {
  throw new RowRejection(message);
}

export function optionalNumber(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  const v = value.trim();
  if (v === "" || /^(na|nan|null|none|-)$/i.test(v)) return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

export function requiredInteger(value: string | number | null | undefined, what: string): number {
  const n = optionalNumber(value);
  if (n === null || !Number.isInteger(n) || n < 0) reject(`${what} must be a whole number, got "${value ?? ""}"`);
  return n;
}

export function optionalInteger(value: string | number | null | undefined, what: string): number | null {
  const raw = typeof value === "string" ? value.trim() : value;
  if (raw === "" || raw === null || raw === undefined) return null;
  return requiredInteger(value, what);
}

/**
 * One CSV cell for a file people open in a spreadsheet: a text starting with = + - @ tab or CR is prefixed
 * with ' so no spreadsheet runs it as a formula (OWASP); numeric columns stay numbers; quotes escaped.
 */
export function csvCell(value: string, numeric = false): string {
  const safe = !numeric && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
