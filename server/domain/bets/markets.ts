import { isSelectionOf, MARKETS, marketKey, selectionKey, selectionsOf, type Market, type Selection } from "../vocabulary";

export interface BetShape {
  market: Market;
  selection: Selection;
  line: number | null;
}

/** Why a bet cannot be graded as entered, or null when it can. */
export function betShapeProblem(bet: BetShape): string | null {
  const name = marketKey(bet.market);
  if (!isSelectionOf(bet.market, bet.selection)) {
    return `${selectionKey(bet.selection)} is not a selection of the ${name} market (choose ${selectionsOf(bet.market).map(selectionKey).join(", ")})`;
  }
  const needsLine = MARKETS[bet.market].hasLine;
  if (needsLine && bet.line === null) return `a ${name} bet needs a line`;
  if (!needsLine && bet.line !== null) return `a ${name} bet has no line`;
  if (bet.line !== null && !Number.isInteger(bet.line * 4)) return `lines move in quarter points (e.g. -3.5, 2.25), got ${bet.line}`;
  if (bet.market === "TOTAL" && bet.line !== null && bet.line <= 0) return `a total must be above 0, got ${bet.line}`;
  return null;
}
