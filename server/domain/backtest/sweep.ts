import type { StrategyInput } from "../strategies/schema";

/**
 * A sweep: a grid over numeric parameters of one strategy, each named by its path in the strategy JSON
 * written with dots ("stake.fraction", "when.all.0.value", "when.all.1.value.1" for the upper bound of a between).
 * Variants are the cartesian product, in order (the first parameter varies slowest), so a sweep is
 * reproducible and its deflated Sharpe and PBO count exactly the variants tried.
 */
export interface SweepParameter {
  path: string;
  values: number[];
}

export const MAX_SWEEP_VARIANTS = 10_000;

type Segment = string | number;

/** Path segments: plain names and indices only, so a path can never reach a prototype. */
export function parsePath(path: string): Segment[] | null {
  if (!/^[A-Za-z]+(\.([A-Za-z]+|\d{1,3})){0,15}$/.test(path)) return null;
  const out: Segment[] = path.split(".").map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  return out.some((s) => s === "constructor" || s === "prototype") ? null : out;
}

function read(value: unknown, path: Segment[]): unknown {
  let v = value;
  for (const s of path) {
    if (v === null || typeof v !== "object") return undefined;
    if (typeof s === "number" ? !Array.isArray(v) : Array.isArray(v) || !Object.hasOwn(v, s)) return undefined;
    v = (v as Record<string | number, unknown>)[s];
  }
  return v;
}

function write(value: unknown, path: Segment[], x: number): void {
  const parent = read(value, path.slice(0, -1)) as Record<string | number, unknown>;
  parent[path.at(-1)!] = x;
}

/** Problems with a grid, each naming the parameter at fault; empty when it can run. */
export function checkSweep(strategy: StrategyInput, parameters: SweepParameter[]): string[] {
  const errors: string[] = [];
  if (parameters.length === 0) errors.push("a sweep needs at least one parameter");
  parameters.forEach((p, i) => {
    const path = parsePath(p.path);
    if (!path) errors.push(`parameter ${i + 1}: "${p.path}" is not a path such as when.all.0.value`);
    else if (typeof read(strategy, path) !== "number")
      errors.push(`parameter ${i + 1}: ${p.path} is not a number in this strategy`);
    if (p.values.length === 0) errors.push(`parameter ${i + 1}: give at least one value`);
    if (p.values.some((v) => !Number.isFinite(v))) errors.push(`parameter ${i + 1}: values must be finite numbers`);
  });
  const count = parameters.reduce((n, p) => n * Math.max(1, p.values.length), 1);
  if (count > MAX_SWEEP_VARIANTS)
    errors.push(
      `the grid has ${count.toLocaleString("en")} variants; at most ${MAX_SWEEP_VARIANTS.toLocaleString("en")} run at once`,
    );
  return errors;
}

/** Every variant of the grid with its parameter values, named after the strategy and those values. */
export function expandSweep(
  strategy: StrategyInput,
  parameters: SweepParameter[],
): { strategy: StrategyInput; values: number[] }[] {
  const errors = checkSweep(strategy, parameters);
  if (errors.length) throw new RangeError(errors.join("; "));
  const paths = parameters.map((p) => parsePath(p.path)!);
  let variants: { values: number[] }[] = [{ values: [] }];
  for (const p of parameters) variants = variants.flatMap((v) => p.values.map((x) => ({ values: [...v.values, x] })));
  return variants.map(({ values }) => {
    const copy = structuredClone(strategy) as StrategyInput;
    values.forEach((x, i) => write(copy, paths[i]!, x));
    copy.name = `${strategy.name} [${parameters.map((p, i) => `${p.path}=${values[i]}`).join(", ")}]`.slice(0, 120);
    return { strategy: copy, values };
  });
}
