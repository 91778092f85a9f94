import { eceNoiseFloor, noiseAllowance, reliability } from "../evaluation/metrics";
import type { AlertMatch } from "./match";
import { CALIBRATION_MIN_GAMES, type AlertRule, type CalibrationWindow } from "./rules";

/**
 * "A model's calibration drifted": the model's live calibration error (ECE of its predictions locked before
 * kick-off, on games since finished) against the error its walk-forward evaluation measured. Live games are
 * few, so the allowance is the gate's sampling-noise figure for these very games (calibrationGate), added to
 * the evaluated error: a model only fires when it is worse than it was shown to be by more than noise explains.
 */

export interface GradedPrediction {
  /** As stored on Prediction: home, away, and draw for three-way models. */
  probabilities: Record<string, number>;
  homeScore: number;
  awayScore: number;
}

/** The figures the model version was registered with (ModelVersion.metrics). */
export interface EvaluatedCalibration {
  ece: number;
  eceNoise: number;
  testGames: number;
}

export type CalibrationCheck =
  | { status: "not-enough-games"; games: number; needed: number }
  | { status: "calibrated" | "drifted"; games: number; ece: number; noise: number; limit: number; evaluated: EvaluatedCalibration };

/**
 * Probability rows and labels in the evaluation's class order (metrics.ts): three classes home, draw, away;
 * two classes away, home (a draw is no outcome for a two-way model and is left out, as in training).
 */
function toRows(graded: GradedPrediction[]): { probs: number[][]; labels: number[] } {
  const probs: number[][] = [];
  const labels: number[] = [];
  for (const g of graded) {
    const { home, draw, away } = g.probabilities;
    if (home === undefined || away === undefined) continue;
    const outcome = g.homeScore > g.awayScore ? "HOME" : g.homeScore < g.awayScore ? "AWAY" : "DRAW";
    if (draw !== undefined) {
      probs.push([home, draw, away]);
      labels.push(outcome === "HOME" ? 0 : outcome === "DRAW" ? 1 : 2);
    } else if (outcome !== "DRAW") {
      probs.push([away, home]);
      labels.push(outcome === "HOME" ? 1 : 0);
    }
  }
  return { probs, labels };
}

export function checkCalibration(graded: GradedPrediction[], evaluated: EvaluatedCalibration, minGames = CALIBRATION_MIN_GAMES): CalibrationCheck {
  const { probs, labels } = toRows(graded);
  if (labels.length < minGames) return { status: "not-enough-games", games: labels.length, needed: minGames };
  const { ece } = reliability(probs, labels);
  const noise = eceNoiseFloor(probs);
  const limit = evaluated.ece + noiseAllowance(noise);
  return { status: ece > limit ? "drifted" : "calibrated", games: labels.length, ece, noise, limit, evaluated };
}

/** "2026-W49": the ISO 8601 week of a UTC instant (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeek(at: Date): string {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

export function describeWindow(window: CalibrationWindow): string {
  return window.by === "days" ? `the last ${window.days} days` : `the last ${window.games} graded games`;
}

export interface CalibratedModel {
  id: number;
  name: string;
  version: number;
  evaluationId: number | null;
}

const fmt = (x: number) => x.toFixed(3);

/**
 * The notification for a drifted model, or null. One per model version and ISO week: a model that stays
 * drifted is reported again the week after (a reminder, not every evaluation); a fixed one stays quiet.
 */
export function calibrationAlert(rule: AlertRule & { kind: "MODEL_CALIBRATION" }, model: CalibratedModel, check: CalibrationCheck, now: Date): AlertMatch | null {
  if (!rule.enabled || check.status !== "drifted") return null;
  const { games, ece, noise, limit, evaluated } = check;
  return {
    ruleId: rule.id,
    userId: rule.userId,
    kind: "alert.model-calibration",
    dedupeKey: `alert:${rule.id}:model:${model.id}:calibration:${isoWeek(now)}`,
    title: `Calibration drifted: ${model.name} v${model.version}`,
    body:
      `Calibration error (ECE) ${fmt(ece)} on ${games} finished games of ${describeWindow(rule.params.window)}, predictions locked before kick-off; ` +
      `the limit is ${fmt(limit)} = evaluated ${fmt(evaluated.ece)} (walk-forward, ${evaluated.testGames} games) + ${fmt(limit - evaluated.ece)} allowed for sampling noise ` +
      `(simulated ${fmt(noise)} on these games). Re-run the evaluation or stop using the model for bets (rule "${rule.name}")`,
    url: model.evaluationId === null ? "/models" : `/models/${model.evaluationId}`,
  };
}
