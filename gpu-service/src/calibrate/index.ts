import { minimizeLbfgs } from "../linear/lbfgs";
import { InputError } from "../data/matrix";
import { softmaxRows, type CalibrationMethod, type Calibrator } from "../model";
import { attr, type GraphBuilder } from "../onnx/graph";

/** Clamp for calibrated binary probabilities: a step function must never say 0 or 1. */
const FLOOR = 1e-4;

/**
 * Fits a calibrator on held-out logits. Temperature works for any number of classes; Platt and isotonic
 * recalibrate the positive-class probability of a binary model.
 */
export function fitCalibrator(method: CalibrationMethod, logits: Float64Array, y: Int32Array, classes: number): Calibrator {
  if ((method === "platt" || method === "isotonic") && classes !== 2) {
    throw new InputError(`${method} calibration needs a binary target; use temperature for ${classes} classes`);
  }
  switch (method) {
    case "none":
      return temperatureCalibrator(1, "none");
    case "temperature":
      return temperatureCalibrator(fitTemperature(logits, y, classes), "temperature");
    case "platt":
      return plattCalibrator(logits, y);
    case "isotonic":
      return isotonicCalibrator(logits, y);
  }
}

function temperatureCalibrator(t: number, method: CalibrationMethod): Calibrator {
  return {
    method,
    params: { temperature: t },
    apply: (logits, classes) => softmaxRows(logits, classes, t),
    emitOnnx(g, logits) {
      const scaled = t === 1 ? logits : g.node("Div", [logits, g.constant([], [t], "temperature")]);
      return g.node("Softmax", [scaled], { axis: attr.int(1) });
    },
  };
}

function fitTemperature(logits: Float64Array, y: Int32Array, classes: number): number {
  // Optimise log T so T stays positive.
  const f = (w: Float64Array, grad: Float64Array) => {
    const t = Math.exp(w[0]!);
    const p = softmaxRows(logits, classes, t);
    let loss = 0;
    let dT = 0;
    for (let i = 0; i < y.length; i++) {
      loss -= Math.log(Math.max(p[i * classes + y[i]!]!, 1e-300));
      // d(-log p_y)/dT = (z_y - sum_k p_k z_k) / T^2
      let expected = 0;
      for (let k = 0; k < classes; k++) expected += p[i * classes + k]! * logits[i * classes + k]!;
      dT += (logits[i * classes + y[i]!]! - expected) / (t * t);
    }
    grad[0] = (dT / y.length) * t;
    return loss / y.length;
  };
  return Math.exp(minimizeLbfgs(f, new Float64Array(1), { maxIterations: 50 }).w[0]!);
}

/** z = l1 - l0, the binary log-odds. */
function binaryMargins(logits: Float64Array): Float64Array {
  const z = new Float64Array(logits.length / 2);
  for (let i = 0; i < z.length; i++) z[i] = logits[2 * i + 1]! - logits[2 * i]!;
  return z;
}

function binaryOnnxMargin(g: GraphBuilder, logits: string): string {
  const weights = g.constant([2, 1], [-1, 1], "margin");
  return g.node("MatMul", [logits, weights]); // [N, 1] = l1 - l0
}

function binaryOnnxOutput(g: GraphBuilder, p: string): string {
  const complement = g.node("Sub", [g.constant([], [1], "one"), p]);
  return g.node("Concat", [complement, p], { axis: attr.int(1) });
}

function plattCalibrator(logits: Float64Array, y: Int32Array): Calibrator {
  const z = binaryMargins(logits);
  const f = (w: Float64Array, grad: Float64Array) => {
    let loss = 0;
    grad.fill(0);
    for (let i = 0; i < z.length; i++) {
      const p = 1 / (1 + Math.exp(-(w[0]! * z[i]! + w[1]!)));
      const t = y[i] === 1 ? 1 : 0;
      loss -= t ? Math.log(Math.max(p, 1e-300)) : Math.log(Math.max(1 - p, 1e-300));
      grad[0]! += (p - t) * z[i]!;
      grad[1]! += p - t;
    }
    grad[0]! /= z.length;
    grad[1]! /= z.length;
    return loss / z.length;
  };
  const w = minimizeLbfgs(f, Float64Array.of(1, 0), { maxIterations: 100 }).w;
  const a = Math.fround(w[0]!);
  const b = Math.fround(w[1]!);
  return {
    method: "platt",
    params: { a, b },
    apply(logits) {
      const m = binaryMargins(logits);
      const out = new Float64Array(logits.length);
      m.forEach((v, i) => {
        const p = 1 / (1 + Math.exp(-(a * v + b)));
        out[2 * i] = 1 - p;
        out[2 * i + 1] = p;
      });
      return out;
    },
    emitOnnx(g, logits) {
      const margin = binaryOnnxMargin(g, logits);
      const affine = g.node("Add", [g.node("Mul", [margin, g.constant([], [a], "platt_a")]), g.constant([], [b], "platt_b")]);
      return binaryOnnxOutput(g, g.node("Sigmoid", [affine]));
    },
  };
}

/**
 * Isotonic regression (pool adjacent violators) of the outcome on the model's probability, served as a
 * step function: p' = y0 + sum over steps of (p >= threshold) * jump. Thresholds sit halfway between
 * neighbouring blocks, away from the probabilities the steps were fitted on.
 */
function isotonicCalibrator(logits: Float64Array, y: Int32Array): Calibrator {
  const p = softmaxRows(logits, 2).filter((_, i) => i % 2 === 1);
  const order = Array.from(p.keys()).sort((i, j) => p[i]! - p[j]!);
  const blocks: { lo: number; hi: number; sum: number; n: number }[] = [];
  for (const i of order) {
    blocks.push({ lo: p[i]!, hi: p[i]!, sum: y[i] === 1 ? 1 : 0, n: 1 });
    while (blocks.length > 1 && blocks.at(-2)!.sum / blocks.at(-2)!.n >= blocks.at(-1)!.sum / blocks.at(-1)!.n) {
      const last = blocks.pop()!;
      const prev = blocks.at(-1)!;
      prev.hi = last.hi;
      prev.sum += last.sum;
      prev.n += last.n;
    }
  }
  const level = (b: (typeof blocks)[number]) => Math.fround(Math.min(1 - FLOOR, Math.max(FLOOR, b.sum / b.n)));
  const y0 = level(blocks[0]!);
  const thresholds: number[] = [];
  const jumps: number[] = [];
  for (let k = 1; k < blocks.length; k++) {
    thresholds.push(Math.fround((blocks[k - 1]!.hi + blocks[k]!.lo) / 2));
    jumps.push(Math.fround(level(blocks[k]!) - level(blocks[k - 1]!)));
  }
  return {
    method: "isotonic",
    params: { base: y0, thresholds, jumps },
    apply(logits) {
      const probs = softmaxRows(logits, 2);
      const out = new Float64Array(logits.length);
      for (let i = 0; i < probs.length / 2; i++) {
        const v = Math.fround(probs[2 * i + 1]!);
        let q = y0;
        for (let k = 0; k < thresholds.length && v >= thresholds[k]!; k++) q += jumps[k]!;
        out[2 * i] = 1 - q;
        out[2 * i + 1] = q;
      }
      return out;
    },
    emitOnnx(g, logits) {
      const probs = g.node("Softmax", [logits], { axis: attr.int(1) });
      const p = g.node("Slice", [probs, g.int64([1], [1]), g.int64([1], [2]), g.int64([1], [1])]);
      if (thresholds.length === 0) return binaryOnnxOutput(g, g.node("Add", [g.node("Mul", [p, g.constant([], [0])]), g.constant([], [y0])]));
      const above = g.node("Cast", [g.node("GreaterOrEqual", [p, g.constant([1, thresholds.length], thresholds, "iso_t")])], { to: attr.int(1) });
      const stepped = g.node("Add", [g.node("MatMul", [above, g.constant([thresholds.length, 1], jumps, "iso_jump")]), g.constant([], [y0], "iso_base")]);
      return binaryOnnxOutput(g, stepped);
    },
  };
}
