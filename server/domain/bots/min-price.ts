import { compileRow } from "../strategies/evaluate";
import type { FieldRow } from "../strategies/fields";
import { DEFAULT_TOP_PICKS, type Strategy } from "../strategies/schema";
import { stakeOf, topPickScore } from "../backtest/engine";
import { MIN_PRICE } from "../bets/limits";

/** Prices are quoted to two decimals at books; the slip's minimum is on that grid (roundTick). */
const TICK = 0.01;

const roundTick = (d: number) => Math.round(d * 100) / 100;

/**
 * Whether a candidate still qualifies at decimal price `d`, everything else as the bot saw it: the
 * strategy's conditions through the one row evaluator (price, edge and implied probability move with `d`),
 * the stake rule (Kelly needs a positive stake, and its `minEdge`) and the top-picks bounds.
 */
export function qualifiesAt(strategy: Strategy, when: (row: FieldRow) => boolean, row: FieldRow, d: number): boolean {
  const p = row.probability;
  if (typeof p !== "number") return false;
  const edge = p * d - 1;
  if (!when({ ...row, price: d, edge, impliedProbability: 1 / d })) return false;
  if (strategy.stake.kind === "kelly" && !(stakeOf(strategy, 1, p, d) > 0)) return false;
  if (strategy.pick === "top-3-daily") {
    const top = strategy.topPicks ?? DEFAULT_TOP_PICKS;
    if (p < top.minConfidence || edge < top.minEdge || topPickScore(p, d).risk > top.maxRisk) return false;
  }
  return true;
}

/**
 * The lowest price at which the pick still qualifies: walking down from the price the bot saw, tick by tick,
 * to the last price from which every price up to the one seen qualifies (a condition such as "price between"
 * can stop qualifying above a price too, so the interval is found by checking, not solved). Null when the
 * pick does not qualify even at the price seen.
 */
export function minimumQualifyingPrice(strategy: Strategy, row: FieldRow, priceSeen: number): number | null {
  const when = compileRow(strategy.when);
  if (!qualifiesAt(strategy, when, row, priceSeen)) return null;
  let lowest = priceSeen;
  for (let d = roundTick(priceSeen - TICK); d >= MIN_PRICE - 1e-9 && d < lowest; d = roundTick(d - TICK)) {
    if (!qualifiesAt(strategy, when, row, d)) break;
    lowest = d;
  }
  return lowest;
}
