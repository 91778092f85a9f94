import { z } from "zod";
import { MARKET_KEYS } from "../vocabulary";

/**
 * The strategy language: one versioned JSON format, validated by this one schema in the browser, the API,
 * the backtest CLI and the bots. Field names and meanings of version 1 are a public contract (the CLI's
 * callers and the README rely on them); add fields, never change one's meaning: that is a new version with
 * a migration in `migrations.ts`.
 */
export const STRATEGY_SCHEMA_VERSION = 1;

/** Bounds that keep a strategy small enough to hash, store and evaluate quickly. */
export const STRATEGY_LIMITS = {
  nameChars: 120,
  descriptionChars: 1000,
  conditionDepth: 8,
  conditions: 200,
  listItems: 100,
} as const;

const Key = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9-]+$/, "keys are lower-case letters, digits and dashes");

/** "market:pinnacle-opening" | "market:consensus-opening" | "model:<name>" */
export const PROBABILITY_MARKET_SOURCES = ["market:pinnacle-opening", "market:consensus-opening"] as const;
export const ProbabilitySource = z.union(
  [
    z.enum(PROBABILITY_MARKET_SOURCES),
    z.string().regex(/^model:[a-z0-9][a-z0-9_-]{0,63}$/, 'a model source is "model:" and the model\'s name'),
  ],
  { error: 'use "market:pinnacle-opening", "market:consensus-opening" or "model:<name>"' },
);
export type ProbabilitySource = z.infer<typeof ProbabilitySource>;

/** "best" | "pinnacle" | "book:<key>" */
export const PriceSource = z.union([z.enum(["best", "pinnacle"]), z.string().regex(/^book:[a-z0-9][a-z0-9-]{0,63}$/, 'a book is "book:" and its key')], {
  error: 'use "best", "pinnacle" or "book:<key>"',
});
export type PriceSource = z.infer<typeof PriceSource>;

export const COMPARISON_OPS = ["gt", "gte", "lt", "lte", "between", "in", "notIn"] as const;
export type ComparisonOp = (typeof COMPARISON_OPS)[number];

const Scalar = z.union([z.number().finite(), z.string().max(64)]);

/** One comparison. Its value's type is checked against the field registry by `validateStrategy`. */
export const Comparison = z
  .object({
    field: z.string().min(1).max(64),
    op: z.enum(COMPARISON_OPS),
    value: z.union([Scalar, z.array(Scalar).max(STRATEGY_LIMITS.listItems)]),
  })
  .strict();
export type Comparison = z.infer<typeof Comparison>;

export type Condition = Comparison | { all: Condition[] } | { any: Condition[] } | { not: Condition };

export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    Comparison,
    z.object({ all: z.array(Condition).max(STRATEGY_LIMITS.conditions) }).strict(),
    z.object({ any: z.array(Condition).max(STRATEGY_LIMITS.conditions) }).strict(),
    z.object({ not: Condition }).strict(),
  ]),
);

const Fraction = z.number().finite().gt(0).max(1);

export const Stake = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("flat"), units: z.number().finite().gt(0).max(1e9) }).strict(),
  z.object({ kind: z.literal("percent"), fraction: Fraction }).strict(),
  z
    .object({
      kind: z.literal("kelly"),
      fraction: Fraction,
      maxFraction: Fraction,
      /** No bet below this edge (p * d - 1); absent means any positive Kelly stake is taken. */
      minEdge: z.number().finite().min(0).max(10).optional(),
    })
    .strict(),
]);
export type Stake = z.infer<typeof Stake>;

/** Limits a run of the strategy respects; a signal they stop is reported with the limit's name. */
export const Limits = z
  .object({
    maxBetsPerDay: z.number().int().min(1).max(10_000).optional(),
    maxBetsPerGame: z.number().int().min(1).max(100).optional(),
    /** Share of the day's starting bankroll staked in one UTC date. */
    maxDailyExposure: Fraction.optional(),
    /** Share of the bankroll staked on bets not yet settled (bots; in backtests the same as daily). */
    maxOpenExposure: Fraction.optional(),
    /** Stop betting once the bankroll is this share below its running peak. */
    stopAfterDrawdown: Fraction.optional(),
    /** Pause `days` days after `losses` losses among the last `lastBets` bets. */
    pauseAfterLosses: z
      .object({ losses: z.number().int().min(1).max(1000), lastBets: z.number().int().min(1).max(1000), days: z.number().int().min(1).max(365) })
      .strict()
      .refine((p) => p.losses <= p.lastBets, "losses cannot exceed the number of bets looked at")
      .optional(),
  })
  .strict();
export type Limits = z.infer<typeof Limits>;

/** Signal tiers by the chosen probability: A at or above `a`, B at or above `b`, C at or above `c`, else D. */
export const Tiers = z
  .object({ a: Fraction, b: Fraction, c: Fraction })
  .strict()
  .refine((t) => t.a >= t.b && t.b >= t.c, "tier thresholds must go down from A to C");
export type Tiers = z.infer<typeof Tiers>;
export const DEFAULT_TIERS: Tiers = { a: 0.65, b: 0.6, c: 0.55 };

/**
 * "top-3-daily": the day's best three by a composite score (confidence 40%, EV 35%, risk-adjusted return
 * 25%) among selections with confidence, EV and risk inside these bounds: the source system's Top-3 recommender.
 */
export const TopPicks = z
  .object({
    count: z.number().int().min(1).max(100),
    minConfidence: z.number().finite().min(0).max(1),
    minEdge: z.number().finite().min(-1).max(10),
    maxRisk: z.number().finite().gt(0).max(100),
  })
  .strict();
export type TopPicks = z.infer<typeof TopPicks>;
export const DEFAULT_TOP_PICKS: TopPicks = { count: 3, minConfidence: 0.65, minEdge: 0.05, maxRisk: 0.7 };

export const PICK_MODES = ["all", "best-per-game", "top-3-daily"] as const;
export type PickMode = (typeof PICK_MODES)[number];

export const StrategyV1 = z
  .object({
    schemaVersion: z.literal(1),
    name: z.string().trim().min(1, "give the strategy a name").max(STRATEGY_LIMITS.nameChars),
    description: z.string().max(STRATEGY_LIMITS.descriptionChars).optional(),
    markets: z.array(z.enum(MARKET_KEYS)).min(1, "choose at least one market").max(MARKET_KEYS.length),
    /** League keys; empty = every league in the data. */
    leagues: z.array(Key).max(STRATEGY_LIMITS.listItems).default([]),
    probability: ProbabilitySource,
    /** Bet against the source: each selection's probability becomes (1 - p) / (k - 1) over its k selections. */
    inverse: z.boolean().optional(),
    price: PriceSource,
    /** For price "best": only these bookmakers (keys); absent = every individual bookmaker. */
    bookmakers: z.array(Key).min(1).max(STRATEGY_LIMITS.listItems).optional(),
    decideAt: z.enum(["opening", "closing"]),
    when: Condition.default({ all: [] }),
    pick: z.enum(PICK_MODES).default("all"),
    topPicks: TopPicks.optional(),
    stake: Stake,
    bankroll: z.number().finite().gt(0).max(1e12).default(100),
    limits: Limits.optional(),
    tiers: Tiers.optional(),
  })
  .strict();

/** A strategy as the app works with it: the latest version, defaults filled in. */
export type Strategy = z.infer<typeof StrategyV1>;
/** What a person writes: defaults may be left out. */
export type StrategyInput = z.input<typeof StrategyV1>;
