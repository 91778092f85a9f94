import type { MarketKey, SelectionKey } from "../vocabulary";
import { assertDecimalOdds } from "./convert";

/** Price CLV: the taken price against the no-vig closing probability (0.03 = 3% better than the close). */
export function closingLineValue(takenDecimal: number, closingFairProbability: number): number {
  assertDecimalOdds(takenDecimal);
  if (!(closingFairProbability > 0 && closingFairProbability < 1)) {
    throw new RangeError(`closing probability must be between 0 and 1, got ${closingFairProbability}`);
  }
  return takenDecimal * closingFairProbability - 1;
}

/**
 * Points CLV for spreads and totals, signed in the bettor's favour: +1.5 means the bet got 1.5 points more
 * than the close (home +3.5 taken, closed +2; or over 44 taken, closed 45.5).
 */
export function closingLineValuePoints(
  bet: { market: Extract<MarketKey, "spread" | "total">; selection: Exclude<SelectionKey, "draw">; line: number },
  closingLine: number,
): number {
  if (bet.market === "spread") return bet.line - closingLine;
  return bet.selection === "over" ? closingLine - bet.line : bet.line - closingLine;
}
