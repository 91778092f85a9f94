import { closingLineValue, closingLineValuePoints, removeVig } from "../odds";
import { byReference, type Quote } from "../quotes";
import { marketKey, selectionKey, selectionsOf, type SelectionKey } from "../vocabulary";
import type { BetShape } from "./markets";

/**
 * Closing line value of a bet from a game's stored odds. The close comes from the sharpest source that
 * has the whole market: Pinnacle (sharp books) first, then the book the bet was placed with, then any
 * bookmaker, then aggregates (market average, archive consensus). Prices flagged CLOSING are used; when a
 * source never says whether its prices are opening or closing (the NBA and tennis archives), those are
 * used and the basis says so.
 */

export interface ClosingValue {
  closingPrice: number | null;
  closingFairProbability: number | null;
  clv: number | null;
  closingLine: number | null;
  clvPoints: number | null;
  basis: string;
}


export function closingValueOf(bet: BetShape & { price: number; bookmakerId: number | null }, quotes: Quote[]): ClosingValue | null {
  for (const phase of ["CLOSING", "UNSPECIFIED"] as const) {
    const inMarket = quotes.filter((q) => q.market === bet.market && q.phase === phase);
    const books = byReference([...new Map(inMarket.map((q) => [q.bookmaker.id, q])).values()], bet.bookmakerId);
    for (const book of books) {
      const value = fromBook(bet, inMarket.filter((q) => q.bookmaker.id === book.bookmaker.id));
      if (value) return { ...value, basis: `${book.bookmaker.name} ${phase === "CLOSING" ? "closing" : "last listed (phase not stated)"}` };
    }
  }
  return null;
}

function fromBook(bet: BetShape & { price: number }, quotes: Quote[]): Omit<ClosingValue, "basis"> | null {
  const mine = quotes.find((q) => q.selection === bet.selection);
  if (!mine) return null;
  const pointsClv =
    bet.line !== null && mine.line !== null && (bet.market === "SPREAD" || bet.market === "TOTAL")
      ? closingLineValuePoints({ market: marketKey(bet.market) as "spread" | "total", selection: selectionKey(bet.selection) as Exclude<SelectionKey, "draw">, line: bet.line }, mine.line)
      : null;
  // A price comparison is only fair at the same line; at another line only the points say something.
  const sameLine = bet.line === null || mine.line === bet.line;
  const prices = selectionsOf(bet.market).map((s) => quotes.find((q) => q.selection === s)?.price ?? null);
  const complete = prices.every((p): p is number => p !== null && p > 1);
  let fair: number | null = null;
  if (sameLine && complete) fair = removeVig(prices, "multiplicative")[selectionsOf(bet.market).indexOf(bet.selection)]!;
  if (fair === null && pointsClv === null) return null;
  return {
    closingPrice: mine.price,
    closingFairProbability: fair,
    clv: fair === null ? null : closingLineValue(bet.price, fair),
    closingLine: mine.line,
    clvPoints: pointsClv,
  };
}
