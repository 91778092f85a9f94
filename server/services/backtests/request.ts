import { z } from "zod";
import type { Strategy } from "@/server/domain/strategies/schema";
import { AppError } from "@/server/errors";

/** A 1,000-variant sweep is the benchmark's size; beyond it a run would hold a runner for minutes. */
export const MAX_SWEEP_VARIANTS = 1000;

const Season = z.number().int("a season is a year such as 2019").min(1900).max(2100);

/**
 * One numeric parameter of the strategy to vary: `path` points into the strategy's JSON with dots
 * ("stake.fraction", "when.all.0.value"), `values` are tried one by one.
 */
export const SweepParameter = z
  .object({
    path: z
      .string()
      .max(200)
      .regex(
        /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z0-9]+){0,15}$/,
        'write the path with dots, e.g. "stake.fraction" or "when.all.0.value"',
      ),
    values: z.array(z.number().finite()).min(1).max(MAX_SWEEP_VARIANTS),
  })
  .strict();

/**
 * A grid over numeric parameters (every combination is one variant). With `walkForward`, parameters are
 * chosen on the `trainSeasons` seasons before each test season and tested on it, stepping a season at a time.
 */
export const Sweep = z
  .object({
    parameters: z.array(SweepParameter).min(1).max(5),
    walkForward: z
      .object({ trainSeasons: z.number().int().min(1).max(30) })
      .strict()
      .optional(),
  })
  .strict()
  .refine((s) => s.parameters.reduce((n, p) => n * p.values.length, 1) <= MAX_SWEEP_VARIANTS, {
    message: `a sweep can try at most ${MAX_SWEEP_VARIANTS} variants (the product of the numbers of values)`,
  })
  .refine((s) => new Set(s.parameters.map((p) => p.path)).size === s.parameters.length, {
    message: "each parameter can be swept once",
  });
export type Sweep = z.infer<typeof Sweep>;

/** What a backtest run reads besides the strategy: stored with the run as `request`. */
export interface BacktestRequest {
  fromSeason: number | null;
  toSeason: number | null;
  /** The strategy's leagues when it was requested; empty = every league. */
  leagues: string[];
  sweep: Sweep | null;
}

/** The request's own fields, as the API validates them. */
export const BacktestOptions = z
  .object({
    fromSeason: Season.optional(),
    toSeason: Season.optional(),
    sweep: Sweep.optional(),
  })
  .refine((o) => o.fromSeason === undefined || o.toSeason === undefined || o.fromSeason <= o.toSeason, {
    message: "the first season must not come after the last",
    path: ["toSeason"],
  });
export type BacktestOptions = z.infer<typeof BacktestOptions>;

function valueAt(root: unknown, path: string): unknown {
  let node = root;
  for (const key of path.split(".")) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Refuses a sweep whose paths do not name a number in this strategy, saying which one. */
export function assertSweepFits(strategy: Strategy, sweep: Sweep): void {
  for (const p of sweep.parameters) {
    if (typeof valueAt(strategy, p.path) !== "number") {
      throw new AppError(
        "BAD_REQUEST",
        `"${p.path}" is not a number in this strategy: a sweep can only vary numbers it already has.`,
        { field: "sweep" },
      );
    }
  }
}
