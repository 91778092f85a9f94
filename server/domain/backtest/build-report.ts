import type { Strategy } from "../strategies/schema";
import { MARKETS, type Market } from "../vocabulary";
import type { PreparedData, View } from "./dataset";
import { viewKeyOf, viewOf } from "./dataset";
import type { RunResult } from "./engine";
import { runMetrics, type BreakdownRow, type DailyPoint, type RunMetrics, type SettledBet } from "./metrics";
import { monteCarlo } from "./monte-carlo";
import type { BacktestFigures, BacktestReport, Breakdown, EquityPoint, ReportBet, SweepSummary } from "./report";
import { BACKTEST_REPORT_VERSION } from "./report";
import type { WalkForwardStep } from "./walk-forward";
import type { SkipReason } from "./engine";
import { dataNotes } from "./notes";
import { csvCell } from "../imports/csv";

/** At most this many bets are stored in a report; the CSV export recomputes them all. */
export const REPORT_BET_LIMIT = 2_000;
const EQUITY_POINTS = 1_000;

/** The assumptions every backtest makes, said in words in every report. */
export function assumptionsOf(strategy: Strategy): string[] {
  const price =
    strategy.price === "best"
      ? "the best price among individual bookmakers (never the market maximum or average)"
      : strategy.price === "pinnacle"
        ? "Pinnacle's price"
        : `${strategy.price.slice(5)}'s price`;
  return [
    `Every bet is filled in full at ${price} ${strategy.decideAt === "opening" ? "at the opening" : "at the close"}, as the archive or live snapshot recorded it.`,
    "No bookmaker limits, account restrictions or stake caps; no market impact from our own bets.",
    "Bets are graded on the final result; CLV compares the price taken with Pinnacle's closing price with its margin removed (multiplicative).",
    "All bets of one UTC date are sized from the bankroll at the start of that date and settled at its end.",
    "Model probabilities are walk-forward: each season is predicted by models trained on earlier seasons only.",
  ];
}

function rowsOf(view: View, run: RunResult, data: PreparedData): { settled: SettledBet[]; report: ReportBet[] } {
  const code = (field: string, row: number) => {
    const c = view.codes(field)[row]!;
    return c < 0 ? null : view.dictionary(field)[c]!;
  };
  const number = (field: string, row: number) => {
    const n = view.numbers(field)[row]!;
    return Number.isNaN(n) ? null : n;
  };
  const settled: SettledBet[] = [];
  const report: ReportBet[] = [];
  for (const b of run.bets) {
    const g = data.games[b.game]!;
    const date = data.dates[b.day]!;
    const result = code("result", b.row) as SettledBet["result"];
    const tier = code("tier", b.row);
    const clv = Number.isNaN(b.clv) ? null : b.clv;
    const market = code("market", b.row)!;
    const selection = code("selection", b.row)!;
    settled.push({
      date,
      stake: b.stake,
      profit: b.profit,
      price: b.price,
      clv,
      result,
      league: g.league,
      market,
      selection,
      tier,
    });
    report.push({
      date,
      kickoff: g.startsAt.toISOString(),
      league: g.league,
      game: `${g.home} v ${g.away}`,
      market,
      selection,
      line: number("line", b.row),
      bookmaker: code("bookmaker", b.row) ?? "",
      price: b.price,
      probability: b.probability,
      edge: b.edge,
      tier: tier ?? "",
      stake: b.stake,
      profit: b.profit,
      result,
      closingPrice: number("closingPrice", b.row),
      clv,
    });
  }
  return { settled, report };
}

/** The bankroll by date, only dates with bets or the first and last (the curve is flat in between). */
function pathOf(data: PreparedData, run: RunResult, startBankroll: number): DailyPoint[] {
  const out: DailyPoint[] = [];
  let peak = startBankroll;
  for (let d = 0; d < data.dates.length; d++) {
    if (!run.betDays[d] && d !== 0 && d !== data.dates.length - 1) continue;
    const bankroll = run.end[d]!;
    if (bankroll > peak) peak = bankroll;
    out.push({
      date: data.dates[d]!,
      bankroll,
      peak,
      drawdown: (peak - bankroll) / peak,
      returned: run.betDays[d] ? run.returns[d]! : null,
    });
  }
  return out;
}

/** Evenly thinned, keeping the deepest drawdown point so the chart never hides the worst moment. */
function thin(path: DailyPoint[]): EquityPoint[] {
  const points = path.map((p) => ({ date: p.date, bankroll: p.bankroll, drawdown: p.drawdown }));
  if (points.length <= EQUITY_POINTS) return points;
  const worst = points.reduce((w, p, i) => (p.drawdown > points[w]!.drawdown ? i : w), 0);
  const step = points.length / EQUITY_POINTS;
  const keep = new Set<number>([0, points.length - 1, worst]);
  for (let i = 0; i < EQUITY_POINTS; i++) keep.add(Math.floor(i * step));
  return [...keep].sort((a, b) => a - b).map((i) => points[i]!);
}

const asBreakdown = (rows: BreakdownRow[]): Breakdown[] =>
  rows.map((r) => ({ key: r.key, bets: r.bets, staked: r.staked, profit: r.profit, roi: r.roi }));

/** "with 400 variants tried, the best one's Sharpe is what chance alone would give 38% of the time" */
export function sweepVerdict(variants: number, deflatedSharpe: number | null, pbo: number | null): string {
  const parts: string[] = [];
  if (deflatedSharpe !== null) {
    const chance = Math.round((1 - deflatedSharpe) * 100);
    parts.push(
      `With ${variants.toLocaleString("en")} variants tried, the best one's Sharpe ratio is what chance alone would give ${chance}% of the time (deflated Sharpe ${deflatedSharpe.toFixed(2)}).`,
    );
  } else {
    parts.push(
      "The deflated Sharpe ratio needs at least two variants with a Sharpe ratio and three betting dates for the best one.",
    );
  }
  if (pbo !== null) {
    parts.push(
      `In ${Math.round(pbo * 100)}% of the 12,870 ways of splitting the dates in half, the variant that was best on one half did worse than the median variant on the other (probability of backtest overfitting ${pbo.toFixed(2)}).`,
    );
  }
  return parts.join(" ");
}

function figuresOf(m: RunMetrics): Omit<BacktestFigures, "startBankroll" | "finalBankroll"> {
  const { byLeague: _l, byMarket: _m, bySelection: _s, byTier: _t, byMonth: _mo, byOddsBand: _o, ...figures } = m;
  return figures;
}

export interface ReportInput {
  data: PreparedData;
  strategy: Strategy;
  hash: string;
  run: RunResult;
  summary: string;
  codeVersion: string;
  seconds: number;
  sweep?: Omit<SweepSummary, "verdict"> | null;
  walkForward?: WalkForwardStep[] | null;
}

/** Every bet of a run as the report shows them (the CSV export keeps them all; the report the first REPORT_BET_LIMIT). */
export function reportBetsOf(data: PreparedData, strategy: Strategy, run: RunResult): ReportBet[] {
  return rowsOf(viewOf(data, viewKeyOf(strategy, data.tiers)), run, data).report;
}

export function buildReport(input: ReportInput): BacktestReport {
  const { data, strategy, run } = input;
  const view = viewOf(data, viewKeyOf(strategy, data.tiers));
  const { settled, report } = rowsOf(view, run, data);
  const path = pathOf(data, run, strategy.bankroll);
  const m = runMetrics(settled, path, strategy.bankroll);
  const byReason: Partial<Record<SkipReason, number>> = {};
  for (const s of run.skipped) byReason[s.reason] = (byReason[s.reason] ?? 0) + 1;
  // Reshuffled bets keep their size relative to the bankroll they were sized from; flat stakes do not scale
  // with the bankroll, so their profits are replayed as they are.
  const flat = strategy.stake.kind === "flat";
  const values = run.bets.map((b) => (flat ? b.profit : b.profit / run.start[b.day]!));
  const mc =
    run.bets.length > 1
      ? monteCarlo(values, {
          runs: 10_000,
          startBankroll: strategy.bankroll,
          mode: flat ? "additive" : "compound",
        })
      : null;
  const marketLabel = (key: string) =>
    MARKETS[(Object.keys(MARKETS) as Market[]).find((k) => MARKETS[k].key === key) ?? "ONE_X_TWO"].label;
  return {
    reportVersion: BACKTEST_REPORT_VERSION,
    strategyHash: input.hash,
    strategyName: strategy.name,
    summary: input.summary,
    data: {
      games: data.games.length,
      from: data.dates[0] ?? null,
      to: data.dates.at(-1) ?? null,
      seasons: data.seasons,
      leagues: data.leagues,
    },
    codeVersion: input.codeVersion,
    seconds: input.seconds,
    figures: {
      ...figuresOf(m),
      startBankroll: strategy.bankroll,
      finalBankroll: run.end.length ? run.end[run.end.length - 1]! : strategy.bankroll,
    },
    equity: thin(path),
    breakdowns: {
      league: asBreakdown(m.byLeague),
      market: asBreakdown(m.byMarket).map((b) => ({ ...b, key: marketLabel(b.key) })),
      selection: asBreakdown(m.bySelection),
      tier: asBreakdown(m.byTier),
      month: asBreakdown(m.byMonth),
      oddsBand: asBreakdown(m.byOddsBand),
    },
    bets: report.slice(0, REPORT_BET_LIMIT),
    betsTruncated: report.length > REPORT_BET_LIMIT,
    skipped: { total: run.skipped.length, byReason },
    monteCarlo: mc
      ? {
          runs: mc.runs,
          maxDrawdown: mc.maxDrawdown,
          finalBankroll: mc.finalBankroll,
          probabilityOfRuin: mc.probabilityOfRuin,
        }
      : null,
    sweep: input.sweep
      ? {
          ...input.sweep,
          verdict: sweepVerdict(input.sweep.variants.length, input.sweep.deflatedSharpe, input.sweep.pbo),
        }
      : null,
    walkForward: input.walkForward ?? null,
    assumptions: assumptionsOf(strategy),
    notes: dataNotes(data, [strategy]),
  };
}

/** The report's bets as CSV (every bet, not only the stored ones), cells that start a formula neutralised. */
export function betsCsv(bets: ReportBet[]): string {
  const header = [
    "date",
    "kickoff",
    "league",
    "game",
    "market",
    "selection",
    "line",
    "bookmaker",
    "price",
    "probability",
    "edge",
    "tier",
    "stake",
    "profit",
    "result",
    "closing_price",
    "clv",
  ];
  const cell = (v: string | number | null) => (v === null ? "" : csvCell(String(v), typeof v === "number"));
  const lines = bets.map((b) =>
    [
      b.date,
      b.kickoff,
      b.league,
      b.game,
      b.market,
      b.selection,
      b.line,
      b.bookmaker,
      b.price,
      b.probability,
      b.edge,
      b.tier,
      b.stake,
      b.profit,
      b.result,
      b.closingPrice,
      b.clv,
    ]
      .map(cell)
      .join(","),
  );
  return [header.join(","), ...lines].join("\n") + "\n";
}
