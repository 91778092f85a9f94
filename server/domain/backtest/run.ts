import { compileColumns } from "../strategies/evaluate";
import type { Strategy } from "../strategies/schema";
import { viewKeyOf, viewOf, type PreparedData } from "./dataset";
import { runStrategy, type RunResult } from "./engine";
import { deflatedSharpe, probabilityOfBacktestOverfitting } from "./overfitting";
import { maxDrawdown } from "./metrics";
import { sharpeRatio } from "./statistics";

/**
 * A run of one or more strategies (a sweep) over the same data, with the figures of the command-line
 * contract: per variant bets, staked, profit, ROI, mean CLV, max drawdown, final bankroll and daily Sharpe,
 * and over all variants the deflated Sharpe ratio of the best one and the probability of backtest overfitting.
 */
export interface VariantSummary {
  name: string;
  strategyHash: string;
  bets: number;
  staked: number;
  profit: number;
  roi: number | null;
  meanClv: number | null;
  maxDrawdown: number;
  finalBankroll: number;
  sharpe: number | null;
}

export interface SweepResult {
  variants: VariantSummary[];
  runs: RunResult[];
  deflatedSharpe: number | null;
  pbo: number | null;
}

export function summarize(strategy: Strategy, hash: string, run: RunResult, dates: string[]): VariantSummary {
  let staked = 0;
  let profit = 0;
  let clvSum = 0;
  let clvCount = 0;
  for (const b of run.bets) {
    staked += b.stake;
    profit += b.profit;
    if (!Number.isNaN(b.clv)) {
      clvSum += b.clv;
      clvCount++;
    }
  }
  return {
    name: strategy.name,
    strategyHash: hash,
    bets: run.bets.length,
    staked,
    profit,
    roi: staked > 0 ? profit / staked : null,
    meanClv: clvCount > 0 ? clvSum / clvCount : null,
    maxDrawdown: maxDrawdown(
      dates.map((date, d) => ({ date, bankroll: run.end[d]! })),
      strategy.bankroll,
    ).maxDrawdown,
    finalBankroll: run.end.length ? run.end[run.end.length - 1]! : strategy.bankroll,
    sharpe: sharpeRatio(bettingReturns(run)),
  };
}

/** The daily returns of the dates on which the run placed at least one bet, in date order. */
export function bettingReturns(run: RunResult): number[] {
  const out: number[] = [];
  for (let d = 0; d < run.returns.length; d++) if (run.betDays[d]) out.push(run.returns[d]!);
  return out;
}

/** Runs every strategy; views are shared between strategies that read the same prices and probabilities. */
export function runSweep(data: PreparedData, strategies: { strategy: Strategy; hash: string }[]): SweepResult {
  const runs = strategies.map(({ strategy }) => {
    const view = viewOf(data, viewKeyOf(strategy, data.tiers));
    return runStrategy(data.dates, strategy, view, compileColumns(strategy.when)(view));
  });
  return combine(data.dates, strategies, runs);
}

/** The cross-variant figures, from runs made here or on worker threads. */
export function combine(
  dates: string[],
  strategies: { strategy: Strategy; hash: string }[],
  runs: RunResult[],
): SweepResult {
  const variants = strategies.map(({ strategy, hash }, i) => summarize(strategy, hash, runs[i]!, dates));
  if (variants.length < 2) return { variants, runs, deflatedSharpe: null, pbo: null };
  const dsr = deflatedSharpe(variants.map((v, i) => ({ sharpe: v.sharpe, dailyReturns: bettingReturns(runs[i]!) })));
  const pbo = probabilityOfBacktestOverfitting(runs.map((r) => r.returns));
  return { variants, runs, deflatedSharpe: dsr, pbo: pbo?.pbo ?? null };
}
