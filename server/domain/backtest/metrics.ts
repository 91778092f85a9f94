import type { RESULT_VALUES } from "../strategies/fields";
import { mean, sharpeRatio } from "./statistics";

/*
 * The backtest report's figures over one run's settled bets and its bankroll by date (issue 10 section 3;
 * maxDrawdown and sharpe by section 4's definitions). Amounts are in bankroll units (floats), not cents.
 */

export type BetResult = (typeof RESULT_VALUES)[number];

export interface SettledBet {
  /** UTC calendar date of the game's kick-off, YYYY-MM-DD. */
  date: string;
  stake: number;
  /** Net profit: stake * (price - 1) for a win, -stake for a loss, 0 for a push, halves for half results. */
  profit: number;
  /** Decimal price taken. */
  price: number;
  /** price * Pinnacle's closing no-vig probability - 1, or null without a closing price. */
  clv: number | null;
  result: BetResult;
  league: string;
  market: string;
  selection: string;
  /** Signal tier ("A".."D"), null when the run has none; grouped as "none". */
  tier: string | null;
}

export interface DailyPoint {
  /** YYYY-MM-DD. */
  date: string;
  /** Bankroll at the end of the date. */
  bankroll: number;
  /** Running peak of end-of-date bankrolls, starting from the initial bankroll. */
  peak: number;
  /** (peak - bankroll) / peak. */
  drawdown: number;
  /** The date's return: its profit / bankroll at its start; null on a date without bets. */
  returned: number | null;
}

export interface BreakdownRow {
  key: string;
  bets: number;
  staked: number;
  profit: number;
  /** profit / staked; null when nothing was staked. */
  roi: number | null;
}

export interface RunMetrics {
  bets: number;
  staked: number;
  profit: number;
  /** profit / staked; null when nothing was staked. */
  roi: number | null;
  /** The same figure as roi: betting calls profit per unit staked "yield". */
  yield: number | null;
  /** Wins / decided bets; a half win is half a win and half a push, a half loss half a loss and half a push. */
  winRate: number | null;
  /** Mean decimal price over all bets (unweighted). */
  averageOdds: number | null;
  /** Number of bets with a CLV. */
  clvBets: number;
  /** Mean CLV over the bets that have one. */
  meanClv: number | null;
  /** Share of the bets with a CLV whose CLV is above 0 (beat the close). */
  beatCloseShare: number | null;
  /** max over dates of (running peak - bankroll) / running peak, end-of-date values, from the initial bankroll. */
  maxDrawdown: number;
  /** Date the peak before the deepest trough was set; null when that peak is the initial bankroll or there is no drawdown. */
  maxDrawdownPeakDate: string | null;
  /** Date of the deepest trough; null when there is no drawdown. */
  maxDrawdownTroughDate: string | null;
  /** Days with at least one bet. */
  bettingDays: number;
  /** Mean / sample sd of daily returns over betting days; null with fewer than 2 such days or sd 0. */
  sharpe: number | null;
  /** Mean / downside deviation sqrt(mean(min(r, 0)^2)) over the same returns; null with < 2 days or no down day. */
  sortino: number | null;
  /** Gross winnings / gross losses (sums of positive and of negative profits); null when nothing was lost. */
  profitFactor: number | null;
  /** Most consecutive losing bets (loss or half loss) in bet order; any other result ends a run. */
  longestLosingRun: number;
  byLeague: BreakdownRow[];
  byMarket: BreakdownRow[];
  bySelection: BreakdownRow[];
  byTier: BreakdownRow[];
  /** YYYY-MM of the bet's date, in time order. */
  byMonth: BreakdownRow[];
  /** By decimal price, in ODDS_BANDS order. */
  byOddsBand: BreakdownRow[];
}

/** Price bands, lower bound inclusive and upper bound exclusive: 1.5 is in "1.5-2", 5 in "5+". */
export const ODDS_BANDS = [
  { key: "<1.5", from: -Infinity, to: 1.5 },
  { key: "1.5-2", from: 1.5, to: 2 },
  { key: "2-3", from: 2, to: 3 },
  { key: "3-5", from: 3, to: 5 },
  { key: "5+", from: 5, to: Infinity },
] as const;
export type OddsBand = (typeof ODDS_BANDS)[number]["key"];

export function oddsBand(price: number): OddsBand {
  for (const band of ODDS_BANDS) if (price >= band.from && price < band.to) return band.key;
  return "5+"; // only NaN gets here; an unpriced bet is not expected
}

const WIN_SHARE: Record<BetResult, { wins: number; decided: number }> = {
  win: { wins: 1, decided: 1 },
  "half-win": { wins: 0.5, decided: 0.5 },
  push: { wins: 0, decided: 0 },
  "half-loss": { wins: 0, decided: 0.5 },
  loss: { wins: 0, decided: 1 },
};

/**
 * The bankroll by date: bets grouped by date in date order, each date's profit added at its end. `dates` adds
 * dates without bets (for a chart over the whole data range); they carry `returned: null`. A date's return is
 * null too when its starting bankroll is not positive (a ruined run places no bets; this only guards division).
 */
export function dailyPath(
  bets: readonly SettledBet[],
  startBankroll: number,
  dates: readonly string[] = [],
): DailyPoint[] {
  const byDate = new Map<string, { profit: number; bets: number }>();
  for (const d of dates) if (!byDate.has(d)) byDate.set(d, { profit: 0, bets: 0 });
  for (const b of bets) {
    const day = byDate.get(b.date) ?? { profit: 0, bets: 0 };
    day.profit += b.profit;
    day.bets++;
    byDate.set(b.date, day);
  }
  const ordered = [...byDate.keys()].sort();
  let bankroll = startBankroll;
  let peak = startBankroll;
  return ordered.map((date) => {
    const day = byDate.get(date)!;
    const start = bankroll;
    bankroll = start + day.profit;
    if (bankroll > peak) peak = bankroll;
    return {
      date,
      bankroll,
      peak,
      drawdown: (peak - bankroll) / peak,
      returned: day.bets > 0 && start > 0 ? day.profit / start : null,
    };
  });
}

/** Max drawdown by the definition and the dates of its peak and trough (see RunMetrics). */
export function maxDrawdown(
  path: readonly Pick<DailyPoint, "date" | "bankroll">[],
  startBankroll: number,
): { maxDrawdown: number; peakDate: string | null; troughDate: string | null } {
  let peak = startBankroll;
  let peakDate: string | null = null;
  let result = { maxDrawdown: 0, peakDate: null as string | null, troughDate: null as string | null };
  for (const point of path) {
    if (point.bankroll > peak) {
      peak = point.bankroll;
      peakDate = point.date;
    }
    const dd = (peak - point.bankroll) / peak;
    if (dd > result.maxDrawdown) result = { maxDrawdown: dd, peakDate, troughDate: point.date };
  }
  return result;
}

/** Sortino ratio: mean / sqrt(mean(min(r, 0)^2)); null with fewer than 2 returns or no negative return. */
export function sortinoRatio(returns: ArrayLike<number>): number | null {
  const n = returns.length;
  if (n < 2) return null;
  let down = 0;
  for (let i = 0; i < n; i++) {
    const r = Math.min(returns[i]!, 0);
    down += r * r;
  }
  const dd = Math.sqrt(down / n);
  return dd > 0 ? mean(returns) / dd : null;
}

function breakdown(
  bets: readonly SettledBet[],
  key: (b: SettledBet) => string,
  order?: readonly string[],
): BreakdownRow[] {
  const rows = new Map<string, BreakdownRow>();
  for (const b of bets) {
    const k = key(b);
    const row = rows.get(k) ?? { key: k, bets: 0, staked: 0, profit: 0, roi: null };
    row.bets++;
    row.staked += b.stake;
    row.profit += b.profit;
    rows.set(k, row);
  }
  const rank = (k: string) => (order ? order.indexOf(k) : 0);
  return [...rows.values()]
    .map((r) => ({ ...r, roi: r.staked > 0 ? r.profit / r.staked : null }))
    .sort((a, b) => rank(a.key) - rank(b.key) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * Every figure of the report over a run. `bets` in the order they were placed (date order; within a date,
 * the engine's order), `path` from `dailyPath` (or the engine's own, same meaning), `startBankroll` the run's
 * initial bankroll (where the running peak starts).
 */
export function runMetrics(
  bets: readonly SettledBet[],
  path: readonly DailyPoint[],
  startBankroll: number,
): RunMetrics {
  let staked = 0;
  let profit = 0;
  let wins = 0;
  let decided = 0;
  let priceSum = 0;
  let grossWin = 0;
  let grossLoss = 0;
  let clvSum = 0;
  let clvBets = 0;
  let clvPositive = 0;
  let run = 0;
  let longestLosingRun = 0;
  for (const b of bets) {
    staked += b.stake;
    profit += b.profit;
    wins += WIN_SHARE[b.result].wins;
    decided += WIN_SHARE[b.result].decided;
    priceSum += b.price;
    if (b.profit > 0) grossWin += b.profit;
    else if (b.profit < 0) grossLoss -= b.profit;
    if (b.clv !== null) {
      clvBets++;
      clvSum += b.clv;
      if (b.clv > 0) clvPositive++;
    }
    run = b.result === "loss" || b.result === "half-loss" ? run + 1 : 0;
    if (run > longestLosingRun) longestLosingRun = run;
  }
  const roi = staked > 0 ? profit / staked : null;
  const returns = path.flatMap((p) => (p.returned === null ? [] : [p.returned]));
  const dd = maxDrawdown(path, startBankroll);
  return {
    bets: bets.length,
    staked,
    profit,
    roi,
    yield: roi,
    winRate: decided > 0 ? wins / decided : null,
    averageOdds: bets.length > 0 ? priceSum / bets.length : null,
    clvBets,
    meanClv: clvBets > 0 ? clvSum / clvBets : null,
    beatCloseShare: clvBets > 0 ? clvPositive / clvBets : null,
    maxDrawdown: dd.maxDrawdown,
    maxDrawdownPeakDate: dd.peakDate,
    maxDrawdownTroughDate: dd.troughDate,
    bettingDays: returns.length,
    sharpe: sharpeRatio(returns),
    sortino: sortinoRatio(returns),
    profitFactor: grossLoss > 0 ? grossWin / grossLoss : null,
    longestLosingRun,
    byLeague: breakdown(bets, (b) => b.league),
    byMarket: breakdown(bets, (b) => b.market),
    bySelection: breakdown(bets, (b) => b.selection),
    byTier: breakdown(bets, (b) => b.tier ?? "none"),
    byMonth: breakdown(bets, (b) => b.date.slice(0, 7)),
    byOddsBand: breakdown(
      bets,
      (b) => oddsBand(b.price),
      ODDS_BANDS.map((band) => band.key),
    ),
  };
}
