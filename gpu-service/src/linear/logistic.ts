import { fitStandardizer, standardize, type Standardizer } from "../data/impute";
import type { Dataset, Matrix } from "../data/matrix";
import type { LogitModel } from "../model";
import type { GraphBuilder } from "../onnx/graph";
import type { LogisticOptions } from "../spec";
import { minimizeLbfgs } from "./lbfgs";

/**
 * Binary (one weight vector) or multinomial (one per class) logistic regression, fitted by L-BFGS on
 * standardised features; the standardisation is folded back into the weights for serving.
 */
export function trainLogistic(data: Dataset, options: LogisticOptions = {}): LogitModel {
  const { l2 = 1e-3, maxIterations = 200 } = options;
  const { rows, cols } = data.x;
  const K = data.classes;
  const free = K === 2 ? 1 : K; // binary keeps class 0's logit at 0
  const scaler = fitStandardizer(data.x);
  const xs = standardize(data.x, scaler);
  const stride = cols + 1;
  const z = new Float64Array(rows * free);
  const p = new Float64Array(K);

  const objective = (w: Float64Array, grad: Float64Array) => {
    grad.fill(0);
    let loss = 0;
    for (let r = 0; r < rows; r++) {
      const base = r * cols;
      for (let k = 0; k < free; k++) {
        let s = w[k * stride + cols]!;
        const wk = k * stride;
        for (let c = 0; c < cols; c++) s += w[wk + c]! * xs[base + c]!;
        z[r * free + k] = s;
      }
      // Probabilities with the binary reference class at logit 0.
      let max = K === 2 ? Math.max(0, z[r]!) : -Infinity;
      if (K !== 2) for (let k = 0; k < K; k++) max = Math.max(max, z[r * K + k]!);
      let sum = 0;
      for (let k = 0; k < K; k++) {
        const logit = K === 2 ? (k === 0 ? 0 : z[r]!) : z[r * K + k]!;
        sum += p[k] = Math.exp(logit - max);
      }
      const label = data.y[r]!;
      loss -= Math.log(Math.max(p[label]! / sum, 1e-300));
      for (let k = 0; k < free; k++) {
        const cls = K === 2 ? 1 : k;
        const err = p[cls]! / sum - (label === cls ? 1 : 0);
        const wk = k * stride;
        for (let c = 0; c < cols; c++) grad[wk + c]! += err * xs[base + c]!;
        grad[wk + cols]! += err;
      }
    }
    let penalty = 0;
    for (let k = 0; k < free; k++) {
      for (let c = 0; c < cols; c++) {
        const i = k * stride + c;
        penalty += w[i]! * w[i]!;
        grad[i] = grad[i]! / rows + l2 * w[i]!;
      }
      grad[k * stride + cols]! /= rows;
    }
    return loss / rows + (l2 / 2) * penalty;
  };

  const result = minimizeLbfgs(objective, new Float64Array(free * stride), { maxIterations });
  // Importance: summed |weight| per standardised feature, so units do not matter.
  const importance = Array.from({ length: cols }, (_, c) => {
    let sum = 0;
    for (let k = 0; k < free; k++) sum += Math.abs(result.w[k * stride + c]!);
    return sum;
  });
  return logisticModel(unfold(result.w, scaler, cols, free), K, cols, normalise(importance), {
    iterations: result.iterations,
    converged: result.converged ? "yes" : "no",
    l2,
    trainLoss: result.value,
  });
}

/** Weights on raw features: w/scale, intercept b - sum(w*mean/scale). Layout [free][cols + 1]. */
function unfold(w: Float64Array, s: Standardizer, cols: number, free: number): Float64Array {
  const out = new Float64Array(free * (cols + 1));
  for (let k = 0; k < free; k++) {
    let intercept = w[k * (cols + 1) + cols]!;
    for (let c = 0; c < cols; c++) {
      const raw = w[k * (cols + 1) + c]! / s.scale[c]!;
      out[k * (cols + 1) + c] = raw;
      intercept -= raw * s.mean[c]!;
    }
    out[k * (cols + 1) + cols] = intercept;
  }
  return out;
}

function normalise(values: number[]): number[] {
  const sum = values.reduce((a, b) => a + b, 0);
  return values.map((v) => (sum > 0 ? v / sum : 0));
}

function logisticModel(w: Float64Array, K: number, cols: number, importance: number[], summary: LogitModel["summary"]): LogitModel {
  const free = K === 2 ? 1 : K;
  const stride = cols + 1;
  // Serving weights as a [cols x K] matrix and [K] bias, binary class 0 all zeros.
  const weights = new Float64Array(cols * K);
  const bias = new Float64Array(K);
  for (let k = 0; k < free; k++) {
    const cls = K === 2 ? 1 : k;
    for (let c = 0; c < cols; c++) weights[c * K + cls] = w[k * stride + c]!;
    bias[cls] = w[k * stride + cols]!;
  }
  const f32Weights = Float32Array.from(weights);
  const f32Bias = Float32Array.from(bias);
  return {
    kind: "logistic",
    classes: K,
    features: cols,
    summary,
    logits(x: Matrix) {
      // Float32 weights, as ONNX will hold them, so trainer and ONNX agree to float rounding.
      const out = new Float64Array(x.rows * K);
      for (let r = 0; r < x.rows; r++) {
        for (let k = 0; k < K; k++) {
          let s = f32Bias[k]!;
          for (let c = 0; c < cols; c++) s += f32Weights[c * K + k]! * x.data[r * cols + c]!;
          out[r * K + k] = s;
        }
      }
      return out;
    },
    emitOnnx(g: GraphBuilder, input: string) {
      const product = g.node("MatMul", [input, g.constant([cols, K], f32Weights, "weights")]);
      return g.node("Add", [product, g.constant([K], f32Bias, "bias")]);
    },
    importances: () => importance,
  };
}
