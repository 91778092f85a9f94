import { fieldOf } from "@/server/domain/strategies/fields";

/**
 * The numbers of a strategy a sweep can vary, as dotted paths ("when.all.0.value", "stake.fraction") with a
 * label a person recognises ("Edge (when.all.0.value)"). The schema version is not a parameter.
 */
export interface NumericPath {
  path: string;
  label: string;
  value: number;
}

export function numericPaths(value: unknown, prefix: string[] = []): NumericPath[] {
  if (typeof value === "number") {
    const path = prefix.join(".");
    return path === "schemaVersion" ? [] : [{ path, label: labelOf(prefix), value }];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => numericPaths(v, [...prefix, String(i)]));
  if (value && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => numericPaths(v, [...prefix, k]));
  return [];
}

function labelOf(path: string[]): string {
  const valueAt = path.lastIndexOf("value");
  if (path[0] === "when" && valueAt > 0) {
    const bound = path.length > valueAt + 1 ? (path[valueAt + 1] === "0" ? " (lower)" : " (upper)") : "";
    return `Condition ${path
      .slice(1, valueAt)
      .filter((p) => /^\d+$/.test(p))
      .map((p) => Number(p) + 1)
      .join(".")}${bound}`;
  }
  return path.join(" ");
}

/** Values typed as "0.01, 0.02, 0.03" or a range "0.01..0.05 step 0.01"; null with a reason when unreadable. */
export function parseValues(text: string): { values: number[] } | { error: string } {
  const range = /^\s*(-?[\d.]+)\s*\.\.\s*(-?[\d.]+)\s+step\s+([\d.]+)\s*$/i.exec(text);
  if (range) {
    const [from, to, step] = [Number(range[1]), Number(range[2]), Number(range[3])];
    if (![from, to, step].every(Number.isFinite) || step <= 0 || to < from)
      return { error: "write a range as 0.01..0.05 step 0.01" };
    const count = Math.floor((to - from) / step + 1e-9) + 1;
    if (count > 1000) return { error: "a range gives at most 1,000 values" };
    return { values: Array.from({ length: count }, (_, i) => Number((from + i * step).toPrecision(12))) };
  }
  const parts = text
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean);
  const values = parts.map(Number);
  if (parts.length === 0) return { error: "give at least one value" };
  if (values.some((v) => !Number.isFinite(v))) return { error: "values are numbers separated by commas" };
  return { values };
}

/** The field a condition path compares, for its label ("Edge"), or null. */
export function fieldLabelAt(definition: unknown, path: string): string | null {
  const parts = path.split(".");
  const at = parts.lastIndexOf("value");
  if (parts[0] !== "when" || at < 0) return null;
  let node: unknown = definition;
  for (const p of parts.slice(0, at))
    node = node && typeof node === "object" ? (node as Record<string, unknown>)[p] : undefined;
  const field = node && typeof node === "object" ? (node as { field?: unknown }).field : undefined;
  return typeof field === "string" ? (fieldOf(field)?.label ?? field) : null;
}
