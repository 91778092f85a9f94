import { describe, expect, it } from "vitest";
import {
  betLabel,
  comparability,
  compareIds,
  heatColour,
  heatmapGrid,
  normalisedCurves,
  parseReport,
  pct,
  pooled,
  ratio,
  skippedSentence,
  sortVariants,
  units,
  variantLabel,
} from "@/components/backtests/format";
import { figuresOf } from "@/components/backtests/figures";
import { idFromParam } from "@/server/api/schemas";
import type { BacktestFigures, BacktestReport, SweepSummary } from "@/server/domain/backtest/report";
import type { VariantSummary } from "@/server/domain/backtest/run";

const variant = (over: Partial<VariantSummary> & { values: number[] }): SweepSummary["variants"][number] => ({
  name: "v",
  strategyHash: "0".repeat(64),
  bets: 10,
  staked: 10,
  profit: 1,
  roi: 0.1,
  meanClv: null,
  maxDrawdown: 0.05,
  finalBankroll: 101,
  sharpe: 0.1,
  ...over,
});

const figures = (over: Partial<BacktestFigures> = {}): BacktestFigures => ({
  bets: 24,
  staked: 24,
  profit: -4.18,
  roi: -0.174,
  yield: -0.174,
  winRate: 1 / 6,
  averageOdds: 8.62,
  meanClv: -0.023,
  beatCloseShare: 0,
  clvBets: 20,
  maxDrawdown: 0.0945,
  maxDrawdownPeakDate: "2041-09-07",
  maxDrawdownTroughDate: "2042-08-31",
  sharpe: -0.0877,
  sortino: -0.171,
  profitFactor: 0.791,
  longestLosingRun: 10,
  startBankroll: 100,
  finalBankroll: 95.82,
  bettingDays: 20,
  ...over,
});

const report = (over: Partial<BacktestReport> = {}): BacktestReport => ({
  reportVersion: 1,
  strategyHash: "a".repeat(64),
  strategyName: "S",
  summary: "Bet ...",
  data: { games: 270, from: "2040-08-10", to: "2042-10-08", seasons: [2040, 2041, 2042], leagues: ["x1"] },
  codeVersion: "backtest-engine-1",
  seconds: 0.1,
  figures: figures(),
  equity: [],
  breakdowns: { league: [], market: [], selection: [], tier: [], month: [], oddsBand: [] },
  bets: [],
  betsTruncated: false,
  skipped: { total: 0, byReason: {} },
  monteCarlo: null,
  sweep: null,
  walkForward: null,
  assumptions: [],
  notes: [],
  ...over,
});

describe("number formats", () => {
  it("keeps small Kelly amounts readable and signs with a real minus", () => {
    expect(units(0.12902655)).toBe("0.1290");
    expect(units(-4.18, { signed: true })).toBe("−4.18");
    expect(units(1234.567)).toBe("1,234.57");
    expect(units(2, { signed: true })).toBe("+2.00");
    // A value that rounds to zero is not given a sign.
    expect(units(-0.00001, { digits: 2 })).toBe("0.00");
    expect(units(null)).toBe("—");
    expect(units(Number.NaN)).toBe("—");
  });

  it("shows percentages under 1% with two decimals so a 0.2% drawdown is not 0.2", () => {
    expect(pct(0.0020627)).toBe("0.21%");
    expect(pct(0.2000998, { signed: true })).toBe("+20.0%");
    expect(pct(-0.174)).toBe("−17.4%");
    expect(pct(0)).toBe("0.0%");
    expect(pct(null)).toBe("—");
    expect(ratio(-0.08774)).toBe("−0.09");
    expect(ratio(-0.001)).toBe("0.00");
  });

  it("labels bets by the vocabulary and leaves unknown keys as they are", () => {
    expect(betLabel("1x2", "away")).toBe("1X2 Away");
    expect(betLabel("total", "over")).toBe("Total Over");
    expect(betLabel("props", "yes")).toBe("props yes");
  });
});

describe("parseReport", () => {
  it("accepts a version-1 report and refuses anything else", () => {
    const r = report();
    expect(parseReport(JSON.parse(JSON.stringify(r)))).toEqual(r);
    expect(parseReport({ ...r, reportVersion: 2 })).toBeNull();
    expect(parseReport({ ...r, figures: undefined })).toBeNull();
    expect(parseReport(null)).toBeNull();
    expect(parseReport("report")).toBeNull();
  });
});

describe("skippedSentence", () => {
  it("names each limit with its count, largest first", () => {
    expect(skippedSentence({ total: 12, byReason: { maxDailyExposure: 3, maxBetsPerDay: 9 } })).toBe(
      "12 signals not taken: max bets per day 9, max daily exposure 3",
    );
    expect(skippedSentence({ total: 1, byReason: { bankrollExhausted: 1 } })).toBe(
      "1 signal not taken: bankroll exhausted 1",
    );
    expect(skippedSentence({ total: 0, byReason: {} })).toBeNull();
  });
});

describe("figuresOf", () => {
  const price = (d: number | null) => (d === null ? "—" : d.toFixed(2));
  const byLabel = (f: BacktestFigures) => Object.fromEntries(figuresOf(f, price).map((x) => [x.label, x]));

  it("says what each figure is based on, CLV over the bets with a Pinnacle close", () => {
    const f = byLabel(figures());
    expect(f["Mean CLV"]!.value).toBe("−2.3%");
    expect(f["Mean CLV"]!.basis).toContain("over 20 bets with a Pinnacle close");
    expect(f["Max drawdown"]!.basis).toBe("peak 7 Sept 2041 → trough 31 Aug 2042");
    expect(f["ROI (yield)"]!.basis).toContain("over 24 bets");
    expect(f["Daily Sharpe"]!.basis).toContain("over 20 betting days");
    expect(f["Average odds"]!.value).toBe("8.62");
    expect(f["Final bankroll"]!.tone).toBe("bad");
  });

  it("gives missing figures a reason instead of a number", () => {
    const f = byLabel(
      figures({ roi: null, meanClv: null, beatCloseShare: null, clvBets: 0, sharpe: null, profitFactor: null }),
    );
    for (const label of ["ROI (yield)", "Mean CLV", "Beat the close", "Daily Sharpe", "Profit factor"]) {
      expect(f[label]!.value, label).toBeNull();
      expect(f[label]!.missing, label).toBeTruthy();
    }
    expect(f["Mean CLV"]!.missing).toMatch(/Pinnacle closing price/);
  });

  it("describes a drawdown from the starting bankroll and no drawdown", () => {
    expect(byLabel(figures({ maxDrawdownPeakDate: null }))["Max drawdown"]!.basis).toMatch(
      /^from the starting bankroll/,
    );
    expect(
      byLabel(figures({ maxDrawdown: 0, maxDrawdownPeakDate: null, maxDrawdownTroughDate: null }))["Max drawdown"]!
        .basis,
    ).toBe("the bankroll never fell below a previous peak");
  });
});

describe("sweep helpers", () => {
  const parameters = [
    { path: "when.all.0.value", values: [0, 0.01] },
    { path: "stake.fraction", values: [0.25, 0.5, 1] },
  ];

  it("lays a two-parameter sweep out by values, whatever order the variants are stored in", () => {
    // Stored column-first and with one combination missing.
    const variants = [
      variant({ values: [0, 0.25] }),
      variant({ values: [0.01, 0.25] }),
      variant({ values: [0, 0.5] }),
      variant({ values: [0.01, 0.5] }),
      variant({ values: [0.01, 1] }),
    ];
    const grid = heatmapGrid({ parameters, variants })!;
    expect(grid.rows).toEqual([0, 0.01]);
    expect(grid.columns).toEqual([0.25, 0.5, 1]);
    expect(grid.cells).toEqual([
      [0, 2, null],
      [1, 3, 4],
    ]);
    expect(heatmapGrid({ parameters: parameters.slice(0, 1), variants })).toBeNull();
  });

  it("sorts variants best first with missing figures last", () => {
    const variants = [
      variant({ values: [1], sharpe: null, roi: 0.3 }),
      variant({ values: [2], sharpe: 0.2, roi: -0.1 }),
      variant({ values: [3], sharpe: 0.5, roi: 0.1 }),
      variant({ values: [4], sharpe: 0.2, roi: null }),
    ];
    expect(sortVariants(variants, "sharpe")).toEqual([2, 1, 3, 0]);
    expect(sortVariants(variants, "roi")).toEqual([0, 2, 1, 3]);
  });

  it("colours by sign and strength, grey without a figure", () => {
    expect(heatColour(1, 1)).toBe("rgba(16, 185, 129, 0.800)");
    expect(heatColour(-0.5, 1)).toBe("rgba(239, 68, 68, 0.450)");
    expect(heatColour(null, 1)).toMatch(/148, 163, 184/);
    expect(variantLabel(parameters, [0.01, 0.5])).toBe("when.all.0.value = 0.01, stake.fraction = 0.5");
  });

  it("pools walk-forward ROI over the total staked, not as a mean of ROIs", () => {
    const total = pooled([
      variant({ values: [], bets: 1, staked: 1, profit: 1 }),
      variant({ values: [], bets: 3, staked: 9, profit: -3 }),
    ]);
    expect(total).toEqual({ bets: 4, staked: 10, profit: -2, roi: -0.2 });
    expect(pooled([]).roi).toBeNull();
  });
});

describe("comparison", () => {
  it("normalises curves to their starting bankrolls and carries the last value over dates without a point", () => {
    const rows = normalisedCurves([
      {
        key: "a",
        startBankroll: 100,
        equity: [
          { date: "2040-01-01", bankroll: 110, drawdown: 0 },
          { date: "2040-01-03", bankroll: 99, drawdown: 0.1 },
        ],
      },
      {
        key: "b",
        startBankroll: 1000,
        equity: [
          { date: "2040-01-02", bankroll: 900, drawdown: 0.1 },
          { date: "2040-01-03", bankroll: 1200, drawdown: 0 },
        ],
      },
    ]);
    expect(rows).toEqual([
      { date: "2040-01-01", a: 1.1, b: null },
      { date: "2040-01-02", a: 1.1, b: 0.9 },
      { date: "2040-01-03", a: 0.99, b: 1.2 },
    ]);
  });

  it("takes 2 to 4 distinct valid ids", () => {
    expect(compareIds("3,1,3", idFromParam)).toEqual({ ids: [3, 1] });
    expect(compareIds(["1", "2"], idFromParam)).toEqual({ ids: [1, 2] });
    expect(compareIds("1", idFromParam)).toHaveProperty("error");
    expect(compareIds("1,2,3,4,5", idFromParam)).toHaveProperty("error");
    expect(compareIds("1,abc", idFromParam)).toEqual({ error: '"abc" is not a backtest id.' });
    expect(compareIds("1,99999999999", idFromParam)).toHaveProperty("error");
    expect(compareIds(undefined, idFromParam)).toHaveProperty("error");
  });

  it("says whether runs are comparable and what differs", () => {
    const a = report();
    expect(comparability([a, report({ strategyHash: "b".repeat(64) })])).toBe(
      "Comparable: different strategies over the same data with the same code version.",
    );
    expect(
      comparability([a, report({ codeVersion: "backtest-engine-2", data: { ...a.data, to: "2043-01-01" } })]),
    ).toBe("Read with care: the same strategy, and they differ in data range, code version.");
  });
});
