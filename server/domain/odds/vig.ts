import { impliedProbability } from "./convert";

/**
 * Fair (no-vig) probabilities by proportional normalisation: each implied probability divided by their
 * sum. The betting-core issue adds the other methods (additive, power, Shin, odds-ratio).
 */
export function removeVigMultiplicative(decimals: number[]): number[] {
  if (decimals.length < 2) throw new RangeError("a market needs at least two outcomes to remove the margin");
  const implied = decimals.map(impliedProbability);
  const total = implied.reduce((a, b) => a + b, 0);
  return implied.map((p) => p / total);
}
