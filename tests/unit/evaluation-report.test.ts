import { describe, expect, it } from "vitest";
import { readStoredReport, REPORT_VERSION } from "@/server/domain/evaluation/report";

const metrics = { games: 2, logLoss: 0.6, brier: 0.2, rps: null, ece: 0.01, eceNoise: 0.02, accuracy: 0.5, auc: 0.5 };
const bins = [{ lower: 0.4, upper: 0.5, count: 2, meanPredicted: 0.45, observed: 0.5 }];

/** A report as evaluatePrepared writes it today, through JSON as the Evaluation table stores it. */
function storedReport(overrides: Record<string, unknown> = {}): unknown {
  const report = {
    reportVersion: REPORT_VERSION,
    sport: "basketball",
    classes: 2,
    testSeasons: [2017],
    windows: [{ testSeason: 2017, trainSeasons: [2015, 2016] }],
    games: 10,
    testGames: 2,
    market: { ...metrics, source: "sbr-nba", perSeason: [{ ...metrics, season: 2017 }], reliability: bins },
    models: [
      {
        ...metrics,
        name: "logistic",
        group: "stats-only",
        description: "Logistic regression",
        perSeason: [{ ...metrics, season: 2017 }],
        reliability: bins,
        importances: [{ feature: "elo_diff", importance: 1 }],
        strategy: { bets: 0, staked: 0, profit: 0, roi: null, meanClv: null },
        calibration: { passed: true, limit: 0.025 },
      },
    ],
    strategyPricing: "closing prices",
    trainer: "in-process",
    featuresWithoutData: ["injury_report_known"],
    ...overrides,
  };
  return JSON.parse(JSON.stringify(report));
}

describe("stored evaluation reports", () => {
  it("read back a current report unchanged", () => {
    const stored = storedReport();
    expect(readStoredReport(stored)).toEqual({ report: stored, notice: null });
    expect(readStoredReport(null)).toEqual({ report: null, notice: null });
  });

  it("migrate a report from before versions when it has every field, and say to re-run one that lacks some", () => {
    const { reportVersion: _v, ...unversioned } = storedReport() as Record<string, unknown>;
    expect(readStoredReport(unversioned)).toEqual({ report: storedReport(), notice: null });
    // Reports from before the window list existed.
    const { windows: _w, ...older } = unversioned;
    expect(readStoredReport(older)).toEqual({ report: null, notice: expect.stringMatching(/older version.*run the evaluation again/) });
  });

  it("read a report from before injury features as having no feature without data", () => {
    const { featuresWithoutData: _f, ...before } = storedReport() as Record<string, unknown>;
    expect(readStoredReport(before).report?.featuresWithoutData).toEqual([]);
  });

  it("never throw on a report they cannot read, and say what to do", () => {
    expect(readStoredReport(storedReport({ reportVersion: REPORT_VERSION + 1 })).notice).toMatch(/newer version/);
    for (const bad of ["text", 42, [], { reportVersion: "2" }, storedReport({ models: [{ name: "x" }] }), storedReport({ testGames: null })]) {
      const read = readStoredReport(bad);
      expect(read.report).toBeNull();
      expect(read.notice).toMatch(/run the evaluation again/);
    }
  });
});
