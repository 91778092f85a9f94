import type { BetMarket, BetSelection } from "../odds";

/** The database's market and selection names and the grader's, in one place. */
export type DbMarket = "MONEYLINE" | "ONE_X_TWO" | "SPREAD" | "TOTAL";
export type DbSelection = "HOME" | "AWAY" | "DRAW" | "OVER" | "UNDER";

export const MARKET_OF: Record<DbMarket, BetMarket> = { MONEYLINE: "moneyline", ONE_X_TWO: "1x2", SPREAD: "spread", TOTAL: "total" };
export const DB_MARKET_OF: Record<BetMarket, DbMarket> = { moneyline: "MONEYLINE", "1x2": "ONE_X_TWO", spread: "SPREAD", total: "TOTAL" };
export const SELECTION_OF = (s: DbSelection) => s.toLowerCase() as BetSelection;

export const SELECTIONS_OF_MARKET: Record<DbMarket, DbSelection[]> = {
  MONEYLINE: ["HOME", "AWAY"],
  ONE_X_TWO: ["HOME", "DRAW", "AWAY"],
  SPREAD: ["HOME", "AWAY"],
  TOTAL: ["OVER", "UNDER"],
};

export interface BetShape {
  market: DbMarket;
  selection: DbSelection;
  line: number | null;
}

/** Why a bet cannot be graded as entered, or null when it can. */
export function betShapeProblem(bet: BetShape): string | null {
  if (!SELECTIONS_OF_MARKET[bet.market].includes(bet.selection)) {
    return `${bet.selection.toLowerCase()} is not a selection of the ${MARKET_OF[bet.market]} market (choose ${SELECTIONS_OF_MARKET[bet.market].join(", ").toLowerCase()})`;
  }
  const needsLine = bet.market === "SPREAD" || bet.market === "TOTAL";
  if (needsLine && bet.line === null) return `a ${MARKET_OF[bet.market]} bet needs a line`;
  if (!needsLine && bet.line !== null) return `a ${MARKET_OF[bet.market]} bet has no line`;
  if (bet.line !== null && !Number.isInteger(bet.line * 4)) return `lines move in quarter points (e.g. -3.5, 2.25), got ${bet.line}`;
  if (bet.market === "TOTAL" && bet.line !== null && bet.line <= 0) return `a total must be above 0, got ${bet.line}`;
  return null;
}
