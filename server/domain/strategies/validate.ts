import type { z } from "zod";
import { FIELD_NAMES, fieldOf, type FieldDefinition } from "./fields";
import { migrateStrategy, StrategyMigrationError } from "./migrations";
import { COMPARISON_OPS, STRATEGY_LIMITS, StrategyV1, type ComparisonOp, type Strategy } from "./schema";

/**
 * Validation of strategy JSON: migrations, the zod schema, then the checks zod cannot express: every field
 * exists, none is known only after the decision (look-ahead), and every op and value fits its field's type.
 * Every error names the rule at fault by its path (`when.all[2].any[0]`, `stake.maxFraction`), because the
 * builder highlights that rule and the CLI prints it.
 */
export type StrategyErrorCode = "schema" | "look-ahead" | "unknown-field" | "bad-value" | "too-deep";

export interface StrategyError {
  path: string;
  message: string;
  /** The field the error is about, for comparisons. */
  field?: string;
  code: StrategyErrorCode;
}

export type ParseStrategyResult = { ok: true; strategy: Strategy } | { ok: false; errors: StrategyError[] };

type PathPart = string | number;

/** `["when", "all", 2, "any", 0]` -> `when.all[2].any[0]`. */
export function formatPath(parts: readonly PathPart[]): string {
  let out = "";
  for (const p of parts) {
    if (typeof p === "number") out += `[${p}]`;
    else out += out === "" ? p : `.${p}`;
  }
  return out;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

const NUMBER_OPS: readonly ComparisonOp[] = ["gt", "gte", "lt", "lte", "between", "in", "notIn"];
const ENUM_OPS: readonly ComparisonOp[] = ["in", "notIn"];
const COMPARISON_KEYS = new Set(["field", "op", "value"]);
const GROUP_KEYS = ["all", "any", "not"] as const;

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** Field names a mistyped one was probably meant to be: same letters ignoring case and separators, a prefix, or a typo or two. */
export function closeFieldNames(name: string, candidates: readonly string[] = FIELD_NAMES): string[] {
  const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");
  const n = norm(name);
  if (n === "") return [];
  const scored: { name: string; score: number }[] = [];
  for (const c of candidates) {
    const m = norm(c);
    const d = editDistance(n, m);
    if (m === n) scored.push({ name: c, score: 0 });
    else if (n.length >= 3 && (m.startsWith(n) || n.startsWith(m))) scored.push({ name: c, score: 1 });
    else if (d <= Math.max(1, Math.min(3, Math.floor(m.length / 3)))) scored.push({ name: c, score: 1 + d });
  }
  return scored
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name))
    .slice(0, 3)
    .map((s) => s.name);
}

const formatList = (items: readonly string[]) => items.map((i) => `"${i}"`).join(", ");

interface Walk {
  errors: StrategyError[];
  comparisons: number;
  tooMany: boolean;
}

/**
 * Checks one value against a field's type. Number fields: gt/gte/lt/lte take a number, between [lo, hi] with
 * lo <= hi, in/notIn a list of numbers; values must lie in the field's range, which catches "80" meant as 80%.
 * Enum fields take only in/notIn with a list of strings (from the field's fixed values when it has them).
 */
function checkValue(
  name: string,
  def: FieldDefinition,
  op: ComparisonOp,
  value: unknown,
  at: string,
  errors: StrategyError[],
): void {
  const bad = (message: string): void =>
    void errors.push({ path: at, field: name, code: "bad-value", message: `${at}: ${message}` });
  if (def.type === "enum") {
    if (!ENUM_OPS.includes(op))
      return bad(`"${name}" is a list of values: use "in" or "notIn" with a list, not "${op}"`);
    if (!Array.isArray(value) || value.length === 0)
      return bad(`"${op}" on "${name}" takes a non-empty list of values, e.g. ["${def.values?.[0] ?? "value"}"]`);
    if (value.length > STRATEGY_LIMITS.listItems) return bad(`at most ${STRATEGY_LIMITS.listItems} values in a list`);
    for (const v of value) {
      if (typeof v !== "string" || v.length === 0 || v.length > 64)
        return bad(`the values of "${name}" are strings (keys), not ${JSON.stringify(v)}`);
      if (def.values && !def.values.includes(v))
        return bad(`"${v}" is not a value of "${name}": use ${formatList(def.values)}`);
    }
    return;
  }
  const inRange = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
  const range = `between ${def.min} and ${def.max}${def.format === "percent" ? " (a fraction: 0.05 for 5%)" : ""}`;
  const checkNumber = (v: unknown): boolean => {
    if (!inRange(v)) {
      bad(`"${name}" is a number; ${JSON.stringify(v)} is not one`);
      return false;
    }
    if (v < def.min || v > def.max) {
      bad(`"${name}" is ${range}; ${v} is outside that`);
      return false;
    }
    return true;
  };
  if (!NUMBER_OPS.includes(op)) return bad(`"${op}" does not apply to "${name}"`);
  if (op === "between") {
    if (!Array.isArray(value) || value.length !== 2)
      return bad(`"between" takes [lowest, highest], e.g. [${def.min}, ${def.max}]`);
    if (!checkNumber(value[0]) || !checkNumber(value[1])) return;
    if ((value[0] as number) > (value[1] as number))
      bad(`"between" takes [lowest, highest]: ${value[0]} is above ${value[1]}`);
    return;
  }
  if (op === "in" || op === "notIn") {
    if (!Array.isArray(value) || value.length === 0) return bad(`"${op}" takes a non-empty list of numbers`);
    if (value.length > STRATEGY_LIMITS.listItems) return bad(`at most ${STRATEGY_LIMITS.listItems} values in a list`);
    for (const v of value) if (!checkNumber(v)) return;
    return;
  }
  if (Array.isArray(value)) return bad(`"${op}" takes one number, not a list`);
  checkNumber(value);
}

function walkCondition(node: unknown, parts: PathPart[], depth: number, w: Walk): void {
  const at = formatPath(parts);
  const schema = (message: string): void =>
    void w.errors.push({ path: at, code: "schema", message: `${at}: ${message}` });
  if (!isRecord(node))
    return schema('a condition is {"all": [...]}, {"any": [...]}, {"not": {...}} or {"field", "op", "value"}');
  if (depth > STRATEGY_LIMITS.conditionDepth) {
    w.errors.push({
      path: at,
      code: "too-deep",
      message: `${at}: conditions nest at most ${STRATEGY_LIMITS.conditionDepth} levels deep`,
    });
    return;
  }
  const keys = Object.keys(node);
  const groupKeys = GROUP_KEYS.filter((k) => Object.hasOwn(node, k));
  const isComparison = keys.some((k) => COMPARISON_KEYS.has(k));
  if (isComparison) {
    const extra = keys.filter((k) => !COMPARISON_KEYS.has(k));
    if (extra.length > 0) return schema(`a comparison has only "field", "op" and "value"; remove ${formatList(extra)}`);
    w.comparisons++;
    if (w.comparisons > STRATEGY_LIMITS.conditions && !w.tooMany) {
      w.tooMany = true;
      w.errors.push({
        path: at,
        code: "too-deep",
        message: `${at}: a strategy has at most ${STRATEGY_LIMITS.conditions} comparisons`,
      });
    }
    const { field, op, value } = node;
    if (typeof field !== "string" || field.length === 0) return schema('"field" names a field, e.g. "edge"');
    const def = fieldOf(field);
    if (!def) {
      const close = closeFieldNames(field);
      w.errors.push({
        path: at,
        field,
        code: "unknown-field",
        message: `${at}: there is no field "${field}"${close.length > 0 ? `; did you mean ${close.map((c) => `"${c}"`).join(" or ")}?` : ""}`,
      });
      return;
    }
    if (def.known === "after") {
      w.errors.push({
        path: at,
        field,
        code: "look-ahead",
        message: `${at}: "${field}" is only known after the decision (look-ahead); use it in reports, not in conditions`,
      });
      return;
    }
    if (typeof op !== "string" || !(COMPARISON_OPS as readonly string[]).includes(op)) {
      return schema(`"op" is one of ${formatList(COMPARISON_OPS)}, not ${JSON.stringify(op)}`);
    }
    if (value === undefined) return schema('a comparison needs a "value"');
    checkValue(field, def, op as ComparisonOp, value, at, w.errors);
    return;
  }
  if (groupKeys.length !== 1 || keys.length !== 1) {
    if (groupKeys.length === 0)
      return schema(
        `unknown condition ${keys.length > 0 ? `with ${formatList(keys)}` : "{}"}: use "all", "any", "not" or "field"/"op"/"value"`,
      );
    return schema(`a group has exactly one of "all", "any" or "not"; found ${formatList(keys)}`);
  }
  const kind = groupKeys[0]!;
  const inner = node[kind];
  if (kind === "not") return walkCondition(inner, [...parts, "not"], depth + 1, w);
  if (!Array.isArray(inner)) return schema(`"${kind}" takes a list of conditions`);
  if (inner.length > STRATEGY_LIMITS.conditions) {
    w.errors.push({
      path: at,
      code: "too-deep",
      message: `${at}: a group has at most ${STRATEGY_LIMITS.conditions} conditions`,
    });
    return;
  }
  inner.forEach((child, i) => walkCondition(child, [...parts, kind, i], depth + 1, w));
}

/** The errors of a `when` tree alone (the builder checks a rule tree as it is edited). */
export function validateCondition(when: unknown, path: readonly PathPart[] = ["when"]): StrategyError[] {
  const w: Walk = { errors: [], comparisons: 0, tooMany: false };
  walkCondition(when, [...path], 1, w);
  return w.errors;
}

function zodErrors(issues: readonly z.core.$ZodIssue[]): StrategyError[] {
  return issues.flatMap((issue) => {
    const parts = issue.path.filter((p): p is PathPart => typeof p !== "symbol");
    const at = formatPath(parts);
    // One error per unknown key, pointing at the key itself, so the editor can mark it.
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({
        path: formatPath([...parts, key]),
        code: "schema" as const,
        message: `${at === "" ? "the strategy" : at}: unknown key "${key}"`,
      }));
    }
    return [{ path: at, code: "schema" as const, message: at === "" ? issue.message : `${at}: ${issue.message}` }];
  });
}

/**
 * Migrates, parses and checks strategy JSON. `when` is checked by our own walk, not zod's, because zod's
 * union errors for a recursive tree say only "Invalid input"; the walk is at least as strict as the schema,
 * and an invalid tree is kept away from zod (a hostile deeply nested tree would otherwise recurse there).
 */
export function parseStrategy(input: unknown): ParseStrategyResult {
  let migrated: unknown;
  try {
    migrated = migrateStrategy(input);
  } catch (e) {
    if (e instanceof StrategyMigrationError)
      return {
        ok: false,
        errors: [{ path: e.path, code: "schema", message: e.path ? `${e.path}: ${e.message}` : e.message }],
      };
    throw e;
  }
  const record = migrated as Record<string, unknown>;
  const whenErrors = record.when === undefined ? [] : validateCondition(record.when);
  const forZod = whenErrors.length > 0 ? { ...record, when: { all: [] } } : record;
  const parsed = StrategyV1.safeParse(forZod);
  const errors = [...whenErrors, ...(parsed.success ? [] : zodErrors(parsed.error.issues))];
  if (errors.length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, strategy: parsed.data };
}

/**
 * The fields of a strategy's conditions that are known only after the decision, each once, in rule order.
 * Takes raw JSON as well as a parsed strategy, because the CLI names the field (and exits 2) whatever else
 * might be wrong with the file.
 */
export function lookAheadFields(strategy: unknown): string[] {
  const found: string[] = [];
  const visit = (node: unknown, depth: number) => {
    if (!isRecord(node) || depth > STRATEGY_LIMITS.conditionDepth * 4) return;
    if (typeof node.field === "string") {
      const def = fieldOf(node.field);
      if (def?.known === "after" && !found.includes(node.field)) found.push(node.field);
      return;
    }
    for (const k of ["all", "any"] as const)
      if (Array.isArray(node[k])) for (const c of node[k] as unknown[]) visit(c, depth + 1);
    if (node.not !== undefined) visit(node.not, depth + 1);
  };
  if (isRecord(strategy)) visit(strategy.when, 1);
  return found;
}
