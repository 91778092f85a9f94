import { impliedProbability } from "./convert";
import { bisect } from "./solve";

/**
 * Fair (no-vig) probabilities from one bookmaker's prices for every outcome of a market.
 *
 * - multiplicative: implied probabilities divided by their sum.
 * - additive: the margin taken off every outcome in equal parts.
 * - power: implied probabilities raised to the power k that makes them sum to 1.
 * - shin: Shin (1993); z, the share of insider money, solved numerically (Jullien & Salanié's form).
 * - odds-ratio: Cheung (2015); every outcome's fair odds ratio is the bookmaker's divided by one constant.
 *
 * Every method is a monotone map of the implied probabilities, so the favourite stays the favourite.
 */
export type VigMethod = "multiplicative" | "additive" | "power" | "shin" | "odds-ratio";
export const VIG_METHODS: readonly VigMethod[] = ["multiplicative", "additive", "power", "shin", "odds-ratio"];

export function removeVig(decimals: number[], method: VigMethod): number[] {
  if (decimals.length < 2) throw new RangeError("a market needs at least two outcomes to remove the margin");
  const implied = decimals.map(impliedProbability);
  const fair = METHODS[method](implied);
  // The numerical methods land within ~1e-15 of 1; normalising removes the last rounding.
  const total = fair.reduce((a, b) => a + b, 0);
  return fair.map((p) => p / total);
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

const METHODS: Record<VigMethod, (implied: number[]) => number[]> = {
  multiplicative: (implied) => {
    const total = sum(implied);
    return implied.map((p) => p / total);
  },
  additive: (implied) => {
    const share = (sum(implied) - 1) / implied.length;
    const fair = implied.map((p) => p - share);
    if (fair.some((p) => p <= 0)) {
      throw new RangeError(
        `additive margin removal gives a probability of 0 or less here (a long shot's implied probability is below the margin share ${share.toFixed(4)}); use another method`,
      );
    }
    return fair;
  },
  power: (implied) => {
    // sum(p_i^k) falls as k grows (every p_i < 1): k > 1 removes a margin, k < 1 fills an underround.
    const k = bisect((k) => sum(implied.map((p) => p ** k)) - 1, 1e-6, 1e3);
    return implied.map((p) => p ** k);
  },
  shin: (implied) => {
    const total = sum(implied);
    const fairAt = (z: number) => implied.map((p) => (Math.sqrt(z * z + (4 * (1 - z) * p * p) / total) - z) / (2 * (1 - z)));
    // The sum is sqrt(total) at z = 0 and falls with z; an underround market needs a negative z.
    const excess = (z: number) => sum(fairAt(z)) - 1;
    const z = excess(0) >= 0 ? bisect(excess, 0, 1 - 1e-12) : bisect(excess, -1, 0);
    return fairAt(z);
  },
  "odds-ratio": (implied) => {
    // p = pi / (pi + c (1 - pi)); the sum falls as c grows, equals the book's total at c = 1.
    const fairAt = (c: number) => implied.map((p) => p / (p + c * (1 - p)));
    const logC = bisect((logC) => sum(fairAt(Math.exp(logC))) - 1, -50, 50);
    return fairAt(Math.exp(logC));
  },
};
