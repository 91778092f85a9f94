import { z } from "zod";
import { DEFAULT_TIERS, type Strategy, type Tiers } from "@/server/domain/strategies/schema";
import { AppError } from "@/server/errors";
import { checkSweep } from "@/server/domain/backtest/sweep";

/**
 * A 1,000-variant sweep is the benchmark's size (about 2 s); the app keeps a run on the shared job runner
 * to that. The command line takes up to the domain's APP_SWEEP_VARIANTS.
 */
export const APP_SWEEP_VARIANTS = 1000;

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
    values: z.array(z.number().finite()).min(1).max(APP_SWEEP_VARIANTS),
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
  .refine((s) => s.parameters.reduce((n, p) => n * p.values.length, 1) <= APP_SWEEP_VARIANTS, {
    message: `a sweep can try at most ${APP_SWEEP_VARIANTS} variants (the product of the numbers of values)`,
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
  /**
   * The system's signal tier thresholds when the run was requested, so a rerun (or the CSV of all its bets)
   * grades tiers the same way after an administrator changes them. Absent on runs requested before tiers were
   * a setting: those used DEFAULT_TIERS.
   */
  tiers?: Tiers;
}

/** The tier thresholds a stored run uses for a strategy without its own. */
export function tiersOfRequest(request: BacktestRequest): Tiers {
  return request.tiers ?? DEFAULT_TIERS;
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

/** Refuses a sweep whose paths do not name a number in this strategy, saying which one. */
export function assertSweepFits(strategy: Strategy, sweep: Sweep): void {
  const problems = checkSweep(strategy, sweep.parameters);
  if (problems.length)
    throw new AppError(
      "BAD_REQUEST",
      `${problems.join("; ")}: a sweep can only vary numbers the strategy already has.`,
      { field: "sweep" },
    );
}
