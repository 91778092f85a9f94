import { mulberry32, percentileOfSorted, type Rng } from "./statistics";

/*
 * Monte Carlo over the order of a run's bets: how much of its drawdown and final bankroll was the luck of the
 * sequence. The model, stated so the report can say it in words:
 *
 * - Each settled bet is reduced to one number. In "compound" mode (the default) it is its return relative to
 *   the bankroll it was sized from: profit / bankroll at the start of its date. Replaying bet after bet,
 *   bankroll <- bankroll * (1 + r). A bet that staked 2% of the bankroll keeps staking 2% wherever it lands in
 *   the order, which is what percent and Kelly staking do. In "additive" mode it is the profit in bankroll
 *   units, bankroll <- bankroll + profit: the model for flat stakes, which do not scale with the bankroll.
 * - Every bet is its own step: the run's grouping of bets by date (all of a date's bets sized from the same
 *   bankroll) is not kept, because a reshuffle mixes the dates. The original order replayed this way is
 *   returned as `observed`, so the distribution compares like with like.
 * - Each of `runs` paths is a uniformly random permutation of the bets (Fisher-Yates with a seeded generator,
 *   so the same seed gives the same figures).
 * - Drawdown of a path = max over steps of (running peak - bankroll) / running peak, the peak starting at the
 *   start bankroll. A path is ruined when its bankroll falls to or below `ruinBankroll` (default 0); it stops
 *   there (no more bets can be sized) and its final bankroll is that value.
 * - Percentiles interpolate linearly between order statistics (numpy's default). Drawdown's p95 is the bad
 *   tail; final bankroll's p5 is.
 *
 * Cost O(runs x bets) on typed arrays; no array is allocated per run.
 */

export type MonteCarloMode = "compound" | "additive";

export interface MonteCarloOptions {
  /** Number of reshuffled paths; default 10,000. */
  runs?: number;
  /** Seed of the generator; default 1. */
  seed?: number;
  /** Bankroll at the start of every path; default 100. */
  startBankroll?: number;
  /** A path is ruined when its bankroll is at or below this; default 0. */
  ruinBankroll?: number;
  /** "compound": values are returns on the bankroll; "additive": values are profits in bankroll units. */
  mode?: MonteCarloMode;
}

export interface Percentiles {
  p5: number;
  p50: number;
  p95: number;
}

export interface PathSummary {
  maxDrawdown: number;
  finalBankroll: number;
  ruined: boolean;
}

export interface MonteCarloResult {
  runs: number;
  bets: number;
  seed: number;
  mode: MonteCarloMode;
  startBankroll: number;
  ruinBankroll: number;
  maxDrawdown: Percentiles;
  finalBankroll: Percentiles;
  /** Share of paths ruined. */
  probabilityOfRuin: number;
  /** The bets in their actual order, replayed by the same model. */
  observed: PathSummary;
}

/** Fisher-Yates: a uniformly random permutation of `items` in place, drawn from `rng`. */
export function shuffleInPlace(items: Int32Array | Float64Array, rng: Rng): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = items[i]!;
    items[i] = items[j]!;
    items[j] = t;
  }
}

/** Replays `values` in their order from `start`; see the model above. */
function replay(values: Float64Array, start: number, ruin: number, additive: boolean): PathSummary {
  let bankroll = start;
  let peak = start;
  let maxDd = 0;
  let ruined = start <= ruin;
  for (let i = 0; i < values.length && !ruined; i++) {
    const x = values[i]!;
    bankroll = additive ? bankroll + x : bankroll * (1 + x);
    if (bankroll > peak) peak = bankroll;
    else {
      const dd = (peak - bankroll) / peak;
      if (dd > maxDd) maxDd = dd;
    }
    if (bankroll <= ruin) ruined = true;
  }
  return { maxDrawdown: maxDd, finalBankroll: bankroll, ruined };
}

/**
 * Reshuffles the order of the bets `runs` times and reports the 5th, 50th and 95th percentiles of max
 * drawdown and final bankroll and the probability of ruin. `values` are per-bet returns (compound mode) or
 * profits (additive mode), in the run's bet order.
 */
export function monteCarlo(values: ArrayLike<number>, options: MonteCarloOptions = {}): MonteCarloResult {
  const runs = options.runs ?? 10_000;
  const seed = options.seed ?? 1;
  const start = options.startBankroll ?? 100;
  const ruinAt = options.ruinBankroll ?? 0;
  const mode = options.mode ?? "compound";
  if (!Number.isInteger(runs) || runs < 1) throw new RangeError("runs must be a positive integer");
  if (!(start > 0)) throw new RangeError("startBankroll must be positive");
  const additive = mode === "additive";

  const n = values.length;
  // The values themselves are shuffled (a copy): no index indirection in the replay loop.
  const xs = Float64Array.from(values as ArrayLike<number>);
  const observed = replay(xs, start, ruinAt, additive);

  const rng = mulberry32(seed);
  const drawdowns = new Float64Array(runs);
  const finals = new Float64Array(runs);
  let ruinedRuns = 0;
  for (let r = 0; r < runs; r++) {
    // Shuffling the previous permutation is fine: a uniform shuffle of any arrangement is uniform.
    shuffleInPlace(xs, rng);
    const path = replay(xs, start, ruinAt, additive);
    drawdowns[r] = path.maxDrawdown;
    finals[r] = path.finalBankroll;
    if (path.ruined) ruinedRuns++;
  }
  drawdowns.sort();
  finals.sort();
  const pct = (sorted: Float64Array): Percentiles => ({
    p5: percentileOfSorted(sorted, 0.05),
    p50: percentileOfSorted(sorted, 0.5),
    p95: percentileOfSorted(sorted, 0.95),
  });
  return {
    runs,
    bets: n,
    seed,
    mode,
    startBankroll: start,
    ruinBankroll: ruinAt,
    maxDrawdown: pct(drawdowns),
    finalBankroll: pct(finals),
    probabilityOfRuin: ruinedRuns / runs,
    observed,
  };
}
