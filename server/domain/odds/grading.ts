/**
 * Grading a bet against a final score, and the profit it settles for.
 * Spread `line` is the handicap added to the selected side's score; total `line` is the total.
 * Quarter lines (x.25, x.75) split the stake over the two neighbouring lines.
 */
import { marketFromKey, selectionFromKey, isSelectionOf, type MarketKey, type SelectionKey } from "../vocabulary";

/** Grading speaks the lower-case keys of files and the command line. */
export type BetMarket = MarketKey;
export type BetSelection = SelectionKey;
export type Outcome = "win" | "loss" | "push" | "half-win" | "half-loss";

export interface GradableBet {
  market: BetMarket;
  selection: BetSelection;
  line?: number;
}

/** -1 loss, 0 push, +1 win, for a whole or half line. */
type Verdict = -1 | 0 | 1;

function verdict(margin: number): Verdict {
  return margin > 0 ? 1 : margin < 0 ? -1 : 0;
}

function isQuarterLine(line: number): boolean {
  return Math.abs((Math.abs(line) * 4) % 2 - 1) < 1e-9;
}

/** Two halves of a stake; on neighbouring lines (0.5 apart) they never go opposite ways. */
function combine(a: Verdict, b: Verdict): Outcome {
  if (a === b) return a === 1 ? "win" : a === -1 ? "loss" : "push";
  return a + b > 0 ? "half-win" : "half-loss";
}

function gradeWithLine(line: number, margin: (line: number) => number): Outcome {
  if (isQuarterLine(line)) return combine(verdict(margin(line - 0.25)), verdict(margin(line + 0.25)));
  return combine(verdict(margin(line)), verdict(margin(line)));
}

export function gradeBet(bet: GradableBet, score: { home: number; away: number }): Outcome {
  const market = marketFromKey(bet.market);
  const selection = selectionFromKey(bet.selection);
  if (!market || !selection || !isSelectionOf(market, selection)) {
    throw new RangeError(`selection "${bet.selection}" does not belong to the ${bet.market} market`);
  }
  for (const v of [score.home, score.away]) {
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`scores must be whole numbers of 0 or more, got ${v}`);
  }
  const diff = score.home - score.away;
  switch (bet.market) {
    case "moneyline":
      if (diff === 0) return "push";
      return (bet.selection === "home") === diff > 0 ? "win" : "loss";
    case "1x2": {
      const result = diff > 0 ? "home" : diff < 0 ? "away" : "draw";
      return result === bet.selection ? "win" : "loss";
    }
    case "spread": {
      const line = requireLine(bet);
      const sideMargin = bet.selection === "home" ? diff : -diff;
      return gradeWithLine(line, (l) => sideMargin + l);
    }
    case "total": {
      const line = requireLine(bet);
      if (line < 0) throw new RangeError(`a total line cannot be negative, got ${line}`);
      const points = score.home + score.away;
      return gradeWithLine(line, (l) => (bet.selection === "over" ? points - l : l - points));
    }
  }
}

function requireLine(bet: GradableBet): number {
  const line = bet.line;
  if (line === undefined || !Number.isFinite(line)) throw new RangeError(`a ${bet.market} bet needs a line`);
  if (!Number.isInteger(line * 4)) throw new RangeError(`lines move in quarter points, got ${line}`);
  return line;
}

/** Profit in whole cents (negative for a loss); half outcomes settle half the stake each way. */
export function settleProfitCents(stakeCents: number, decimal: number, outcome: Outcome | "void"): number {
  if (!Number.isInteger(stakeCents) || stakeCents < 0) throw new RangeError(`stake must be whole cents of 0 or more, got ${stakeCents}`);
  if (!(decimal > 1)) throw new RangeError(`decimal odds must be greater than 1, got ${decimal}`);
  const winnings = stakeCents * (decimal - 1);
  const profit = { win: winnings, "half-win": winnings / 2, push: 0, void: 0, "half-loss": -stakeCents / 2, loss: -stakeCents }[outcome];
  // Round half away from zero, so a win and the matching loss mirror each other; `+ 0` turns -0 into 0.
  return Math.sign(profit) * Math.round(Math.abs(profit) + 1e-9) + 0;
}
