import { assertDecimalOdds } from "./convert";

export interface Offer {
  bookmaker: string;
  decimal: number;
}

export interface Arbitrage {
  picks: Offer[];
  /** Shares of the total stake per outcome; they sum to 1 and every outcome returns the same. */
  stakes: number[];
  /** Guaranteed profit per unit of total stake. */
  profit: number;
}

/** One list of offers per outcome; null when the best prices leave no guaranteed profit. */
export function findArbitrage(outcomes: Offer[][]): Arbitrage | null {
  if (outcomes.length < 2) throw new RangeError("an arbitrage needs at least two outcomes");
  const picks = outcomes.map((offers, i) => {
    if (offers.length === 0) throw new RangeError(`outcome ${i + 1} has no offers`);
    return offers.reduce((best, o) => {
      assertDecimalOdds(o.decimal);
      return o.decimal > best.decimal ? o : best;
    });
  });
  const impliedSum = picks.reduce((s, p) => s + 1 / p.decimal, 0);
  if (impliedSum >= 1) return null;
  return { picks, stakes: picks.map((p) => 1 / p.decimal / impliedSum), profit: 1 / impliedSum - 1 };
}

/**
 * Stake on the other side that locks in the same result whatever happens, for a bet already placed at
 * `placedDecimal` with `placedStake`, hedged at `hedgeDecimal` (two-way market).
 */
export function hedgeStake(placedStake: number, placedDecimal: number, hedgeDecimal: number): { stake: number; profitEitherWay: number } {
  assertDecimalOdds(placedDecimal);
  assertDecimalOdds(hedgeDecimal);
  if (!(placedStake > 0)) throw new RangeError(`stake must be positive, got ${placedStake}`);
  const stake = (placedStake * placedDecimal) / hedgeDecimal;
  return { stake, profitEitherWay: placedStake * placedDecimal - placedStake - stake };
}

/** Price of a parlay (accumulator) of independent legs: the product of their decimal prices. */
export function parlayPrice(decimals: number[]): number {
  if (decimals.length < 2) throw new RangeError("a parlay needs at least two legs");
  return decimals.reduce((product, d) => {
    assertDecimalOdds(d);
    return product * d;
  }, 1);
}
