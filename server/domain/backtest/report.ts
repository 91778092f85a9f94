import type { SkipReason } from "./engine";
import type { RunMetrics } from "./metrics";
import type { VariantSummary } from "./run";
import type { WalkForwardStep } from "./walk-forward";

/**
 * A stored backtest report: what the backtest page shows and compares side by side. Figures are in
 * bankroll units (the strategy's "bankroll", 100 by default), fractions as fractions (0.05 = 5%).
 */
export const BACKTEST_REPORT_VERSION = 1;

export interface Breakdown {
  key: string;
  bets: number;
  staked: number;
  profit: number;
  roi: number | null;
}

export interface ReportBet {
  date: string;
  kickoff: string;
  league: string;
  game: string;
  market: string;
  selection: string;
  line: number | null;
  bookmaker: string;
  price: number;
  probability: number;
  edge: number;
  tier: string;
  stake: number;
  profit: number;
  result: string;
  closingPrice: number | null;
  clv: number | null;
}

export interface EquityPoint {
  date: string;
  bankroll: number;
  drawdown: number;
}

/** The report's figures: the run's metrics (breakdowns apart) and its bankroll at the start and end. */
export type BacktestFigures = Omit<
  RunMetrics,
  "byLeague" | "byMarket" | "bySelection" | "byTier" | "byMonth" | "byOddsBand"
> & {
  startBankroll: number;
  finalBankroll: number;
};

export interface MonteCarloSummary {
  runs: number;
  maxDrawdown: { p5: number; p50: number; p95: number };
  finalBankroll: { p5: number; p50: number; p95: number };
  probabilityOfRuin: number;
}

export interface SweepSummary {
  parameters: { path: string; values: number[] }[];
  variants: (VariantSummary & { values: number[] })[];
  best: number | null;
  deflatedSharpe: number | null;
  pbo: number | null;
  /** The deflated Sharpe and PBO in plain words, next to the best result. */
  verdict: string;
}

export interface BacktestReport {
  reportVersion: typeof BACKTEST_REPORT_VERSION;
  strategyHash: string;
  strategyName: string;
  summary: string;
  data: { games: number; from: string | null; to: string | null; seasons: number[]; leagues: string[] };
  codeVersion: string;
  seconds: number;
  figures: BacktestFigures;
  equity: EquityPoint[];
  breakdowns: {
    league: Breakdown[];
    market: Breakdown[];
    selection: Breakdown[];
    tier: Breakdown[];
    month: Breakdown[];
    oddsBand: Breakdown[];
  };
  bets: ReportBet[];
  /** Bets beyond this many are in the CSV export only. */
  betsTruncated: boolean;
  skipped: { total: number; byReason: Partial<Record<SkipReason, number>> };
  monteCarlo: MonteCarloSummary | null;
  sweep: SweepSummary | null;
  walkForward: WalkForwardStep[] | null;
  assumptions: string[];
  notes: string[];
}
