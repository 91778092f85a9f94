import { compileColumns } from "../strategies/evaluate";
import { DEFAULT_TOP_PICKS, type Strategy } from "../strategies/schema";
import type { View } from "./dataset";

/**
 * One strategy over prepared columns, by the contract: the bets of one UTC date are all sized from
 * the bankroll at the start of that date and settled at its end; once that bankroll is 0 or below the run is
 * ruined. Limits are applied in the order a person would (stop, pause, per game, per day, exposure) and every
 * signal a limit stopped is kept with the limit's name, so a report can say what was not taken and why.
 */

export type SkipReason =
  | "stopAfterDrawdown"
  | "pauseAfterLosses"
  | "maxBetsPerGame"
  | "maxBetsPerDay"
  | "maxDailyExposure"
  | "maxOpenExposure"
  | "bankrollExhausted";

export interface BacktestBet {
  /** Row of the view (its columns say league, market, selection, line, bookmaker, CLV ...). */
  row: number;
  game: number;
  day: number;
  stake: number;
  price: number;
  probability: number;
  edge: number;
  profit: number;
  /** NaN where Pinnacle's closing price is missing. */
  clv: number;
}

export interface SkippedSignal {
  row: number;
  day: number;
  reason: SkipReason;
}

export interface RunResult {
  bets: BacktestBet[];
  skipped: SkippedSignal[];
  /** Per date of the data: bankroll at its start and end, and the date's return (0 without bets). */
  start: Float64Array;
  end: Float64Array;
  returns: Float64Array;
  betDays: Uint8Array;
  ruinedOn: number | null;
}

/** The day's top picks rank by this composite of confidence, expected value and return per unit of risk. */
export function topPickScore(p: number, d: number): { score: number; risk: number } {
  const edge = p * d - 1;
  // Standard deviation of a unit bet's return: the bet pays d - 1 with probability p, else loses 1.
  const risk = d * Math.sqrt(p * (1 - p));
  const riskAdjusted = risk > 0 ? edge / risk : 0;
  return { score: 0.4 * p + 0.35 * edge + 0.25 * riskAdjusted, risk };
}

/**
 * Rows the strategy's rules pick, before staking and limits, in kick-off order. Backtests take only rows with
 * a result; bots decide on games not yet played (`unplayed: true`), with the same rules and tie-breaks.
 */
export function pickRows(
  strategy: Strategy,
  view: View,
  mask: Uint8Array,
  leagueMask: Uint8Array | null,
  options: { unplayed?: boolean } = {},
): number[] {
  const price = view.numbers("price");
  const probability = view.numbers("probability");
  const edge = view.numbers("edge");
  const leagues = view.codes("league");
  const picked: number[] = [];
  const n = view.length;
  const unplayed = options.unplayed === true;
  const ok = (i: number) =>
    mask[i] === 1 &&
    (unplayed || view.win[i]! >= 0) &&
    price[i]! > 1 &&
    probability[i]! >= 0 &&
    (!leagueMask || leagueMask[leagues[i]!] === 1);

  if (strategy.pick === "all") {
    for (let i = 0; i < n; i++) if (ok(i)) picked.push(i);
  } else if (strategy.pick === "best-per-game") {
    let i = 0;
    while (i < n) {
      const g = view.game[i]!;
      let best = -1;
      for (; i < n && view.game[i] === g; i++) {
        if (!ok(i)) continue;
        if (
          best < 0 ||
          edge[i]! > edge[best]! ||
          (edge[i] === edge[best] && view.selectionRank[i]! < view.selectionRank[best]!)
        )
          best = i;
      }
      if (best >= 0) picked.push(best);
    }
  } else {
    const top = strategy.topPicks ?? DEFAULT_TOP_PICKS;
    let i = 0;
    while (i < n) {
      const d = view.day[i]!;
      const day: { row: number; score: number }[] = [];
      for (; i < n && view.day[i] === d; i++) {
        if (!ok(i) || probability[i]! < top.minConfidence || edge[i]! < top.minEdge) continue;
        const { score, risk } = topPickScore(probability[i]!, price[i]!);
        if (risk <= top.maxRisk) day.push({ row: i, score });
      }
      day.sort((a, b) => b.score - a.score || a.row - b.row);
      picked.push(
        ...day
          .slice(0, top.count)
          .map((x) => x.row)
          .sort((a, b) => a - b),
      );
    }
  }
  return picked;
}

/** The strategy's stake for one bet from `bankroll` (a flat stake is in units, whatever the bankroll). */
export function stakeOf(strategy: Strategy, bankroll: number, p: number, d: number): number {
  const s = strategy.stake;
  if (s.kind === "flat") return s.units;
  if (s.kind === "percent") return bankroll * s.fraction;
  if (s.minEdge !== undefined && p * d - 1 < s.minEdge) return 0;
  const fullKelly = (p * d - 1) / (d - 1);
  if (!(fullKelly > 0)) return 0;
  return bankroll * Math.min(s.fraction * fullKelly, s.maxFraction);
}

/**
 * Runs one strategy over its view (`viewOf(data, viewKeyOf(strategy))`) and the data's dates. `mask` is the
 * compiled "when" over the view (computed here when not given).
 */
export function runStrategy(dates: readonly string[], strategy: Strategy, view: View, mask?: Uint8Array): RunResult {
  const when = mask ?? compileColumns(strategy.when)(view);
  const leagueMask = strategy.leagues.length ? leagueMaskOf(view, strategy.leagues) : null;
  const rows = pickRows(strategy, view, when, leagueMask);
  const price = view.numbers("price");
  const probability = view.numbers("probability");
  const clv = view.numbers("clv");
  const limits = strategy.limits ?? {};
  const days = dates.length;
  const start = new Float64Array(days);
  const end = new Float64Array(days);
  const returns = new Float64Array(days);
  const betDays = new Uint8Array(days);
  const bets: BacktestBet[] = [];
  const skipped: SkippedSignal[] = [];
  const recentLosses: boolean[] = [];

  let bankroll = strategy.bankroll;
  let peak = bankroll;
  let stopped = false;
  let ruinedOn: number | null = null;
  let pausedThrough = -1;
  let r = 0;
  for (let day = 0; day < days; day++) {
    start[day] = bankroll;
    const first = r;
    while (r < rows.length && view.day[rows[r]!] === day) r++;
    if (r === first) {
      end[day] = bankroll;
      continue;
    }
    if (bankroll <= 0 && ruinedOn === null) ruinedOn = day;
    if (!stopped && limits.stopAfterDrawdown !== undefined && (peak - bankroll) / peak >= limits.stopAfterDrawdown)
      stopped = true;
    const paused = limits.pauseAfterLosses !== undefined && day <= pausedThrough;
    let staked = 0;
    let profit = 0;
    let count = 0;
    const perGame = new Map<number, number>();
    for (let k = first; k < r; k++) {
      const row = rows[k]!;
      const reason: SkipReason | null =
        ruinedOn !== null ? "bankrollExhausted" : stopped ? "stopAfterDrawdown" : paused ? "pauseAfterLosses" : null;
      if (reason) {
        skipped.push({ row, day, reason });
        continue;
      }
      const p = probability[row]!;
      const d = price[row]!;
      const stake = stakeOf(strategy, bankroll, p, d);
      if (!(stake > 0)) continue;
      const game = view.game[row]!;
      const limit: SkipReason | null =
        limits.maxBetsPerGame !== undefined && (perGame.get(game) ?? 0) >= limits.maxBetsPerGame
          ? "maxBetsPerGame"
          : limits.maxBetsPerDay !== undefined && count >= limits.maxBetsPerDay
            ? "maxBetsPerDay"
            : limits.maxDailyExposure !== undefined && staked + stake > limits.maxDailyExposure * bankroll + 1e-12
              ? "maxDailyExposure"
              : // Backtests settle every bet at the end of its date, so what is open is what the date staked.
                limits.maxOpenExposure !== undefined && staked + stake > limits.maxOpenExposure * bankroll + 1e-12
                ? "maxOpenExposure"
                : null;
      if (limit) {
        skipped.push({ row, day, reason: limit });
        continue;
      }
      const result = stake * (view.win[row]! * (d - 1) - view.loss[row]!);
      perGame.set(game, (perGame.get(game) ?? 0) + 1);
      count++;
      staked += stake;
      profit += result;
      bets.push({ row, game, day, stake, price: d, probability: p, edge: p * d - 1, profit: result, clv: clv[row]! });
      if (view.win[row]! > 0 || view.loss[row]! > 0) recentLosses.push(view.loss[row]! > 0);
    }
    if (count > 0) {
      betDays[day] = 1;
      returns[day] = profit / bankroll;
    }
    bankroll += profit;
    end[day] = bankroll;
    if (bankroll > peak) peak = bankroll;
    const pause = limits.pauseAfterLosses;
    if (pause && recentLosses.length > 0) {
      const window = recentLosses.slice(-pause.lastBets);
      if (window.filter(Boolean).length >= pause.losses) {
        pausedThrough = dayIndexAfter(dates, day, pause.days);
        recentLosses.length = 0;
      }
    }
  }
  return { bets, skipped, start, end, returns, betDays, ruinedOn };
}

/** The index of the last date within `days` calendar days after date index `day`. */
function dayIndexAfter(dates: readonly string[], day: number, days: number): number {
  const limit = Date.parse(dates[day]!) + days * 86_400_000;
  let i = day;
  while (i + 1 < dates.length && Date.parse(dates[i + 1]!) <= limit) i++;
  return i;
}

export function leagueMaskOf(view: View, leagues: string[]): Uint8Array {
  const dict = view.dictionary("league");
  const mask = new Uint8Array(dict.length);
  dict.forEach((key, code) => (mask[code] = leagues.includes(key) ? 1 : 0));
  return mask;
}
