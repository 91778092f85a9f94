import { prepareData, viewKeyOf, viewOf, type ModelProbabilities } from "../backtest/dataset";
import { pickRows } from "../backtest/engine";
import type { BacktestGame } from "../backtest/games";
import { compileColumns } from "../strategies/evaluate";
import type { Strategy, Tiers } from "../strategies/schema";

/**
 * A saved strategy applied to games not played yet, with the ONE evaluator the backtests use: the same view
 * (decision prices, probability source, edge) and the same rule compiler and pick rule (all, best per game,
 * top picks). Only staking and limits are left out: they need results, and a person decides on the stake.
 */
export interface StrategySignal {
  /** The game's record id (league:date:home:away), as the backtest engine names games. */
  game: string;
  market: string;
  selection: string;
  line: number | null;
  bookmaker: string | null;
  price: number;
  probability: number;
  edge: number;
}

/** `tiers`: the system's signal tier thresholds, for a strategy that sets none. */
export function strategySignals(
  strategy: Strategy,
  games: BacktestGame[],
  models: ReadonlyMap<string, ModelProbabilities>,
  tiers: Tiers,
): StrategySignal[] {
  const scoped = strategy.leagues.length ? games.filter((g) => strategy.leagues.includes(g.league)) : games;
  if (scoped.length === 0) return [];
  // Unplayed games have no result: graded as NaN, which the pick rule reads as "not bettable". For signals
  // (not a backtest) every game is bettable; nothing below reads the result.
  const data = prepareData(scoped.map((g) => ({ ...g, homeScore: null, awayScore: null })), models, tiers);
  const built = viewOf(data, viewKeyOf(strategy, tiers));
  const view = { ...built, win: new Float64Array(built.length) };
  const rows = pickRows(strategy, view, compileColumns(strategy.when)(view), null);
  const price = view.numbers("price");
  const probability = view.numbers("probability");
  const edge = view.numbers("edge");
  const line = view.numbers("line");
  const decode = (field: string, row: number) => {
    const code = view.codes(field)[row]!;
    return code < 0 ? null : view.dictionary(field)[code]!;
  };
  return rows.map((r) => ({
    game: data.games[view.game[r]!]!.id,
    market: decode("market", r)!,
    selection: decode("selection", r)!,
    line: Number.isNaN(line[r]!) ? null : line[r]!,
    bookmaker: decode("bookmaker", r),
    price: price[r]!,
    probability: probability[r]!,
    edge: edge[r]!,
  }));
}
