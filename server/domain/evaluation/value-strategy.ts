import { closingLineValue } from "../odds/clv";
import { kellyFraction } from "../odds/value";
import type { StrategyResult } from "./report";

/**
 * The default value strategy every model is shown with: bet a selection when the model's expected value
 * at the price available before the close is at least `minEdge`, staking quarter Kelly capped at 2% of a
 * flat (non-compounding) bankroll, so each season's result does not depend on bet order.
 */
export interface ValueStrategyOptions {
  minEdge: number;
  kellyShare: number;
  maxStake: number;
}

export const DEFAULT_VALUE_STRATEGY: ValueStrategyOptions = { minEdge: 0.03, kellyShare: 0.25, maxStake: 0.02 };

export interface StrategyGame {
  /** Model probabilities per class. */
  model: number[];
  /** Price available to bet before the close, per class (null where none). */
  price: (number | null)[];
  /** No-vig closing probability per class, for CLV. */
  closingFair: number[];
  label: number;
}

export function runValueStrategy(games: StrategyGame[], options: ValueStrategyOptions = DEFAULT_VALUE_STRATEGY): StrategyResult {
  let bets = 0;
  let staked = 0;
  let profit = 0;
  let clvSum = 0;
  for (const g of games) {
    g.model.forEach((p, c) => {
      const price = g.price[c];
      if (!price || price <= 1 || !(p > 0)) return;
      const stake = kellyFraction(p, price, { fraction: options.kellyShare, maxFraction: options.maxStake, minEdge: options.minEdge });
      if (stake <= 0) return;
      bets++;
      staked += stake;
      profit += g.label === c ? stake * (price - 1) : -stake;
      const fair = g.closingFair[c]!;
      if (fair > 0 && fair < 1) clvSum += closingLineValue(price, fair);
    });
  }
  return { bets, staked, profit, roi: staked > 0 ? profit / staked : null, meanClv: bets > 0 ? clvSum / bets : null };
}
