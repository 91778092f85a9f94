import type { SkipReason } from "@/server/domain/backtest/engine";
import type { BacktestReport, EquityPoint, SweepSummary } from "@/server/domain/backtest/report";
import type { VariantSummary } from "@/server/domain/backtest/run";
import { MARKETS, SELECTIONS, marketFromKey, selectionFromKey } from "@/server/domain/vocabulary";

/*
 * Pure helpers of the backtest report screens: number formats, the report guard, sentences, the heatmap's
 * grid and the comparison's normalised curves. No React here, so they are unit-tested in node.
 */

/** What a missing figure shows; a caption beside it says why. */
export const NONE = "—";

const finite = (x: number | null | undefined): x is number => typeof x === "number" && Number.isFinite(x);

/**
 * The stored report is `unknown` JSON on the wire: it is shown only when it is a report of the version this
 * page was written for, so an older or newer shape is a readable message rather than a crash deep in a chart.
 */
export function parseReport(value: unknown): BacktestReport | null {
  if (!value || typeof value !== "object") return null;
  const r = value as Partial<BacktestReport>;
  if (r.reportVersion !== 1 || !r.figures || !Array.isArray(r.equity) || !r.breakdowns || !r.data) return null;
  return r as BacktestReport;
}

/** Bankroll units: "1,234.57"; small amounts (Kelly stakes of a 100-unit bankroll) keep more digits. */
export function units(x: number | null | undefined, opts: { signed?: boolean; digits?: number } = {}): string {
  if (!finite(x)) return NONE;
  const digits = opts.digits ?? (Math.abs(x) < 1 && x !== 0 ? 4 : 2);
  const body = Math.abs(x).toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  if (Number(body.replace(/,/g, "")) === 0) return body;
  const sign = x < 0 ? "−" : opts.signed ? "+" : "";
  return `${sign}${body}`;
}

/** A fraction as a percentage: "20.0%", with two decimals under 1% so a 0.2% drawdown does not read 0.2. */
export function pct(x: number | null | undefined, opts: { signed?: boolean; digits?: number } = {}): string {
  if (!finite(x)) return NONE;
  const p = x * 100;
  const digits = opts.digits ?? (Math.abs(p) < 1 && p !== 0 ? 2 : 1);
  const body = Math.abs(p).toFixed(digits);
  if (Number(body) === 0) return `${body}%`;
  const sign = p < 0 ? "−" : opts.signed ? "+" : "";
  return `${sign}${body}%`;
}

/** A ratio such as a Sharpe ratio or profit factor: "0.08", "−1.25". */
export function ratio(x: number | null | undefined, digits = 2): string {
  if (!finite(x)) return NONE;
  const body = Math.abs(x).toFixed(digits);
  return `${x < 0 && Number(body) !== 0 ? "−" : ""}${body}`;
}

/** The first 12 hex digits of a SHA-256: enough to tell strategies apart by eye; the full hash is copied. */
export function shortHash(hash: string): string {
  return hash.slice(0, 12);
}

/** "2040-08" as "Aug 2040" (months are UTC calendar months of the bets' dates). */
export function monthLabel(key: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(key);
  if (!m) return key;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)).toLocaleDateString("en-GB", {
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  });
}

/**
 * A bet's date is the UTC calendar date of its game's kick-off (the contract), so it is a day, not an
 * instant: it is shown as that day, never shifted into the viewer's zone (that would move it to another day).
 */
export function dayLabel(date: string | null | undefined, style: "short" | "long" = "long"): string {
  if (!date) return NONE;
  const at = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(at.getTime())) return date;
  return at.toLocaleDateString(
    "en-GB",
    style === "long"
      ? { timeZone: "UTC", day: "numeric", month: "short", year: "numeric" }
      : { timeZone: "UTC", month: "short", year: "2-digit" },
  );
}

/** "1x2 away" as "1X2 Away": a bet's market and selection by the vocabulary's labels (unknown keys as they are). */
export function betLabel(market: string, selection: string): string {
  const m = marketFromKey(market);
  const s = selectionFromKey(selection);
  return `${m ? MARKETS[m].label : market} ${s ? SELECTIONS[s].label : selection}`;
}

/** The limits' names as the strategy form calls them. */
export const SKIP_LABELS: Record<SkipReason, string> = {
  stopAfterDrawdown: "stop after drawdown",
  pauseAfterLosses: "pause after losses",
  maxBetsPerGame: "max bets per game",
  maxBetsPerDay: "max bets per day",
  maxDailyExposure: "max daily exposure",
  maxOpenExposure: "max open exposure",
  bankrollExhausted: "bankroll exhausted",
};

/** "12 signals not taken: max bets per day 9, max daily exposure 3" (largest first), or null when none were. */
export function skippedSentence(skipped: BacktestReport["skipped"]): string | null {
  if (!skipped.total) return null;
  const parts = (Object.entries(skipped.byReason) as [SkipReason, number][])
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([reason, n]) => `${SKIP_LABELS[reason] ?? reason} ${n.toLocaleString("en-US")}`);
  const head = `${skipped.total.toLocaleString("en-US")} ${skipped.total === 1 ? "signal" : "signals"} not taken`;
  return parts.length ? `${head}: ${parts.join(", ")}` : head;
}

/** "when.all.0.value = 0.01, stake.fraction = 0.25": a variant by its parameter values. */
export function variantLabel(parameters: SweepSummary["parameters"], values: number[]): string {
  return parameters.map((p, i) => `${p.path} = ${values[i] ?? NONE}`).join(", ");
}

export type SweepMetric = "sharpe" | "roi" | "profit";
export const SWEEP_METRIC_LABEL: Record<SweepMetric, string> = { sharpe: "Sharpe", roi: "ROI", profit: "Profit" };

/** Variant indexes sorted by a metric, best first; variants without the figure go last, in input order. */
export function sortVariants(variants: SweepSummary["variants"], metric: SweepMetric, descending = true): number[] {
  const idx = variants.map((_, i) => i);
  return idx.sort((a, b) => {
    const x = variants[a]![metric];
    const y = variants[b]![metric];
    if (x === null && y === null) return a - b;
    if (x === null) return 1;
    if (y === null) return -1;
    return (descending ? y - x : x - y) || a - b;
  });
}

export interface HeatmapGrid {
  rows: number[];
  columns: number[];
  /** cells[row][column]: the variant index with those two values, or null when the sweep has no such variant. */
  cells: (number | null)[][];
}

/**
 * A two-parameter sweep laid out as a grid, first parameter down, second across. Variants are found by their
 * values rather than by position, so the grid stays right whatever order the runner stored them in.
 */
export function heatmapGrid(sweep: Pick<SweepSummary, "parameters" | "variants">): HeatmapGrid | null {
  if (sweep.parameters.length !== 2) return null;
  const [rowsParam, colsParam] = sweep.parameters as [SweepSummary["parameters"][0], SweepSummary["parameters"][0]];
  const at = new Map<string, number>();
  sweep.variants.forEach((v, i) => {
    const key = `${v.values[0]}|${v.values[1]}`;
    if (!at.has(key)) at.set(key, i);
  });
  return {
    rows: rowsParam.values,
    columns: colsParam.values,
    cells: rowsParam.values.map((r) => colsParam.values.map((c) => at.get(`${r}|${c}`) ?? null)),
  };
}

/**
 * A diverging colour for a heatmap cell: red below 0, green above, stronger the further from 0 relative to
 * the largest magnitude in the grid; grey without a figure. Alpha-blended so it reads on light and dark cards.
 */
export function heatColour(value: number | null, maxAbs: number): string {
  if (value === null || !Number.isFinite(value)) return "rgba(148, 163, 184, 0.15)";
  const strength = maxAbs > 0 ? Math.min(1, Math.abs(value) / maxAbs) : 0;
  const alpha = (0.1 + 0.7 * strength).toFixed(3);
  return value < 0 ? `rgba(239, 68, 68, ${alpha})` : `rgba(16, 185, 129, ${alpha})`;
}

export interface CompareSeries {
  key: string;
  startBankroll: number;
  equity: EquityPoint[];
}

/**
 * Equity curves of several runs on one time axis, each as bankroll / its starting bankroll (1 = where it
 * started), so runs with different bankrolls overlay. A run's value on a date it has no point for is its last
 * one before (the curve is flat between betting dates), and nothing before its first point.
 */
export function normalisedCurves(series: CompareSeries[]): Record<string, number | string | null>[] {
  const dates = [...new Set(series.flatMap((s) => s.equity.map((p) => p.date)))].sort();
  const cursors = series.map(() => 0);
  const last: (number | null)[] = series.map(() => null);
  return dates.map((date) => {
    const row: Record<string, number | string | null> = { date };
    series.forEach((s, i) => {
      while (cursors[i]! < s.equity.length && s.equity[cursors[i]!]!.date <= date) {
        last[i] = s.equity[cursors[i]!]!.bankroll / s.startBankroll;
        cursors[i]!++;
      }
      row[s.key] = last[i] ?? null;
    });
    return row;
  });
}

/**
 * "1,2,3" into 2 to 4 distinct ids in the order given, or the reason it cannot be compared. Ids are checked
 * the way route ids are (positive, in range) by `toId`.
 */
export function compareIds(
  raw: string | string[] | undefined,
  toId: (segment: string) => number | null,
): { ids: number[] } | { error: string } {
  const text = Array.isArray(raw) ? raw.join(",") : (raw ?? "");
  const parts = text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const ids: number[] = [];
  for (const p of parts) {
    const id = toId(p);
    if (id === null) return { error: `"${p.slice(0, 20)}" is not a backtest id.` };
    if (!ids.includes(id)) ids.push(id);
  }
  if (ids.length < 2) return { error: "Choose 2 to 4 backtests to compare, e.g. /backtests/compare?ids=1,2." };
  if (ids.length > 4) return { error: "At most 4 backtests can be compared side by side." };
  return { ids };
}

/** What makes runs comparable: the same data range and code version (a different strategy is the point). */
export function comparability(reports: BacktestReport[]): string {
  const differ: string[] = [];
  const same = <T>(f: (r: BacktestReport) => T) => new Set(reports.map((r) => JSON.stringify(f(r)))).size === 1;
  if (!same((r) => [r.data.from, r.data.to, r.data.games])) differ.push("data range");
  if (!same((r) => r.data.leagues)) differ.push("leagues");
  if (!same((r) => r.codeVersion)) differ.push("code version");
  if (!same((r) => r.figures.startBankroll)) differ.push("starting bankroll (curves are normalised)");
  const strategies = same((r) => r.strategyHash) ? "the same strategy" : "different strategies";
  if (!differ.length) return `Comparable: ${strategies} over the same data with the same code version.`;
  return `Read with care: ${strategies}, and they differ in ${differ.join(", ")}.`;
}

/** Bets, profit and ROI over several steps' figures: ROI pooled (total profit ÷ total staked), not averaged. */
export function pooled(summaries: VariantSummary[]): {
  bets: number;
  staked: number;
  profit: number;
  roi: number | null;
} {
  const bets = summaries.reduce((s, v) => s + v.bets, 0);
  const staked = summaries.reduce((s, v) => s + v.staked, 0);
  const profit = summaries.reduce((s, v) => s + v.profit, 0);
  return { bets, staked, profit, roi: staked > 0 ? profit / staked : null };
}
