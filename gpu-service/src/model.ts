import type { Matrix } from "./data/matrix";
import type { GraphBuilder } from "./onnx/graph";

export const MODEL_KINDS = ["logistic", "gbdt", "mlp"] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];
export const CALIBRATION_METHODS = ["none", "platt", "isotonic", "temperature"] as const;
export type CalibrationMethod = (typeof CALIBRATION_METHODS)[number];

/**
 * A trained scorer. Every model family produces softmax-ready logits (binary: [0, z]) so that
 * calibration, probabilities and the ONNX tail are shared.
 */
export interface LogitModel {
  kind: ModelKind;
  classes: number;
  features: number;
  /** Logits for rows with no NaN: row-major [rows x classes]. */
  logits(x: Matrix): Float64Array;
  /** Emits ONNX nodes that compute the same logits from `input`; returns the logits tensor name. */
  emitOnnx(g: GraphBuilder, input: string): string;
  /** Relative importance per feature, summing to 1 (0s when the model cannot say). */
  importances(): number[];
  /** What was trained, for the registry (sizes, iterations, regularisation). */
  summary: Record<string, number | string>;
}

/** Maps logits to calibrated probabilities, in JS and in ONNX. */
export interface Calibrator {
  method: CalibrationMethod;
  apply(logits: Float64Array, classes: number): Float64Array;
  emitOnnx(g: GraphBuilder, logits: string, classes: number): string;
  params: Record<string, number | number[]>;
}

/** Row-wise softmax; `out` lets a hot loop reuse one buffer. */
export function softmaxRows(logits: Float64Array, classes: number, temperature = 1, out = new Float64Array(logits.length)): Float64Array {
  for (let i = 0; i < logits.length; i += classes) {
    let max = -Infinity;
    for (let k = 0; k < classes; k++) max = Math.max(max, logits[i + k]! / temperature);
    let sum = 0;
    for (let k = 0; k < classes; k++) sum += out[i + k] = Math.exp(logits[i + k]! / temperature - max);
    for (let k = 0; k < classes; k++) out[i + k]! /= sum;
  }
  return out;
}
