import { assertDecimalOdds } from "./convert";

function assertProbability(probability: number): void {
  if (!(probability >= 0 && probability <= 1)) throw new RangeError(`probability must be between 0 and 1, got ${probability}`);
}

/** Expected profit per unit staked. */
export function expectedValue(probability: number, decimal: number): number {
  assertProbability(probability);
  assertDecimalOdds(decimal);
  return probability * decimal - 1;
}

export interface KellyOptions {
  /** Share of full Kelly to bet (0.25 = quarter Kelly). Default 1. */
  fraction?: number;
  /** Never stake more than this share of the bankroll. */
  maxFraction?: number;
  /** No bet below this edge (p*d - 1). Default 0. */
  minEdge?: number;
}

/** Share of bankroll to stake: full Kelly (p*d - 1)/(d - 1), scaled, capped, 0 without a (minimum) edge. */
export function kellyFraction(probability: number, decimal: number, opts: KellyOptions = {}): number {
  const { fraction = 1, maxFraction = 1, minEdge = 0 } = opts;
  if (!(fraction >= 0 && fraction <= 1)) throw new RangeError(`Kelly fraction must be between 0 and 1, got ${fraction}`);
  if (!(maxFraction >= 0 && maxFraction <= 1)) throw new RangeError(`maxFraction must be between 0 and 1, got ${maxFraction}`);
  const edge = expectedValue(probability, decimal);
  if (edge <= 0 || edge < minEdge) return 0;
  return Math.min((edge / (decimal - 1)) * fraction, maxFraction);
}
