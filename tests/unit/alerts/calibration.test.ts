import { describe, expect, it } from "vitest";
import { calibrationAlert, checkCalibration, isoWeek, type GradedPrediction } from "@/server/domain/alerts/calibration";
import { alertRuleInput, type AlertRule } from "@/server/domain/alerts/rules";
import { eceNoiseFloor, noiseAllowance, reliability } from "@/server/domain/evaluation/metrics";

const evaluated = { ece: 0.03, eceNoise: 0.02, testGames: 800 };
const game = (probabilities: Record<string, number>, homeScore: number, awayScore: number): GradedPrediction => ({ probabilities, homeScore, awayScore });
const repeat = <T>(n: number, x: T): T[] => Array.from({ length: n }, () => x);

describe("checkCalibration", () => {
  const overconfident = { home: 0.8, draw: 0.1, away: 0.1 };
  const wrong = [...repeat(20, game(overconfident, 2, 0)), ...repeat(20, game(overconfident, 1, 1)), ...repeat(20, game(overconfident, 0, 1))];

  it("finds drift with the domain's ECE and fires past evaluated error plus the gate's noise allowance", () => {
    const check = checkCalibration(wrong, evaluated);
    expect(check.status).toBe("drifted");
    if (check.status === "not-enough-games") throw new Error("unreachable");
    const probs = repeat(60, [0.8, 0.1, 0.1]);
    const labels = [...repeat(20, 0), ...repeat(20, 1), ...repeat(20, 2)];
    expect(check.ece).toBeCloseTo(reliability(probs, labels).ece, 12);
    expect(check.ece).toBeCloseTo(0.311, 3);
    expect(check.noise).toBeCloseTo(eceNoiseFloor(probs), 12);
    expect(check.limit).toBeCloseTo(0.03 + noiseAllowance(check.noise), 12);
  });

  it("stays quiet on a calibrated model and below the minimum number of games", () => {
    const honest = { home: 0.45, draw: 0.25, away: 0.3 };
    const fine = [...repeat(27, game(honest, 1, 0)), ...repeat(15, game(honest, 0, 0)), ...repeat(18, game(honest, 0, 2))];
    expect(checkCalibration(fine, evaluated).status).toBe("calibrated");
    expect(checkCalibration(wrong.slice(0, 49), evaluated)).toEqual({ status: "not-enough-games", games: 49, needed: 50 });
  });

  it("reads two-way models as (away, home) and leaves their draws out", () => {
    const twoWay = [...repeat(30, game({ home: 0.9, away: 0.1 }, 3, 1)), ...repeat(30, game({ home: 0.9, away: 0.1 }, 1, 3)), ...repeat(5, game({ home: 0.9, away: 0.1 }, 2, 2))];
    const check = checkCalibration(twoWay, evaluated);
    expect(check).toMatchObject({ status: "drifted", games: 60 });
    if (check.status !== "not-enough-games") expect(check.ece).toBeCloseTo(0.4, 10);
  });
});

describe("isoWeek", () => {
  it("names ISO weeks, including those that belong to the neighbouring year", () => {
    expect(isoWeek(new Date("2026-12-02T12:00:00Z"))).toBe("2026-W49");
    expect(isoWeek(new Date("2027-01-01T00:00:00Z"))).toBe("2026-W53");
    expect(isoWeek(new Date("2024-12-30T23:59:59Z"))).toBe("2025-W01");
    expect(isoWeek(new Date("2026-01-05T00:00:00Z"))).toBe("2026-W02");
  });
});

describe("calibrationAlert", () => {
  const rule = { id: 9, userId: "u1", name: "drift", enabled: true, kind: "MODEL_CALIBRATION", params: { modelVersionId: 4, window: { by: "games", games: 100 } } } as AlertRule & { kind: "MODEL_CALIBRATION" };
  const model = { id: 4, name: "logistic", version: 3, evaluationId: 12 };
  const drifted = { status: "drifted" as const, games: 80, ece: 0.12, noise: 0.04, limit: 0.08, evaluated };

  it("keys one alert per model version and ISO week and says what the figures rest on", () => {
    const monday = calibrationAlert(rule, model, drifted, new Date("2026-11-30T08:00:00Z"))!;
    const sunday = calibrationAlert(rule, model, drifted, new Date("2026-12-06T22:00:00Z"))!;
    const next = calibrationAlert(rule, model, drifted, new Date("2026-12-07T08:00:00Z"))!;
    expect(monday.dedupeKey).toBe("alert:9:model:4:calibration:2026-W49");
    expect(sunday.dedupeKey).toBe(monday.dedupeKey);
    expect(next.dedupeKey).toBe("alert:9:model:4:calibration:2026-W50");
    expect(monday).toMatchObject({ kind: "alert.model-calibration", url: "/models/12", title: "Calibration drifted: logistic v3" });
    expect(monday.body).toContain("0.120 on 80 finished games of the last 100 graded games");
    expect(monday.body).toContain("limit is 0.080 = evaluated 0.030 (walk-forward, 800 games) + 0.050 allowed for sampling noise");
  });

  it("is silent when calibrated, short of games or turned off", () => {
    const now = new Date();
    expect(calibrationAlert(rule, model, { ...drifted, status: "calibrated" }, now)).toBeNull();
    expect(calibrationAlert(rule, model, { status: "not-enough-games", games: 10, needed: 50 }, now)).toBeNull();
    expect(calibrationAlert({ ...rule, enabled: false }, model, drifted, now)).toBeNull();
  });
});

describe("rule parameters", () => {
  it("bound calibration windows and default to 30 days", () => {
    expect(alertRuleInput.parse({ kind: "MODEL_CALIBRATION", params: { modelVersionId: 1 } })).toEqual({ kind: "MODEL_CALIBRATION", params: { modelVersionId: 1, window: { by: "days", days: 30 } } });
    expect(alertRuleInput.safeParse({ kind: "MODEL_CALIBRATION", params: { modelVersionId: 1, window: { by: "days", days: 3 } } }).success).toBe(false);
    expect(alertRuleInput.safeParse({ kind: "MODEL_CALIBRATION", params: { modelVersionId: 1, window: { by: "games", games: 49 } } }).success).toBe(false);
    expect(alertRuleInput.safeParse({ kind: "MODEL_CALIBRATION", params: { modelVersionId: 1, window: { by: "games", games: 5000 } } }).success).toBe(false);
  });

  it("let steam rules watch followed games, named games or both, but not nothing", () => {
    expect(alertRuleInput.parse({ kind: "STEAM_MOVE", params: { followed: true } })).toEqual({ kind: "STEAM_MOVE", params: { followed: true, gameIds: [] } });
    expect(alertRuleInput.parse({ kind: "STEAM_MOVE", params: { gameIds: [3] } })).toEqual({ kind: "STEAM_MOVE", params: { followed: false, gameIds: [3] } });
    expect(alertRuleInput.safeParse({ kind: "STEAM_MOVE", params: { followed: false } }).success).toBe(false);
  });
});
