import { fitStandardizer, standardize } from "../data/impute";
import type { Dataset, Matrix } from "../data/matrix";
import { normal, permutation, rng } from "../data/random";
import { softmaxRows, type LogitModel } from "../model";
import type { GraphBuilder } from "../onnx/graph";
import { yieldToEventLoop } from "../data/yield";
import type { MlpOptions } from "../spec";

/**
 * A one-hidden-layer ReLU network with a softmax output, trained by Adam on minibatches, early-stopped on
 * the validation set. Inputs are standardised and the scaling is folded into the first layer for serving.
 */
export async function trainMlp(train: Dataset, validation: Dataset | null, options: MlpOptions = {}): Promise<LogitModel> {
  const { hidden = 32, epochs = 60, batchSize = 256, learningRate = 3e-3, l2 = 1e-4, patience = 6, seed = 3 } = options;
  const { rows, cols } = train.x;
  const K = train.classes;
  const random = rng(seed);
  const scaler = fitStandardizer(train.x);
  const xs = standardize(train.x, scaler);
  const vx = validation ? standardize(validation.x, scaler) : null;

  // Parameters in one vector: W1 [cols x hidden], b1 [hidden], W2 [hidden x K], b2 [K].
  const sizes = [cols * hidden, hidden, hidden * K, K];
  const offsets = sizes.map((_, i) => sizes.slice(0, i).reduce((a, b) => a + b, 0));
  const theta = new Float64Array(sizes.reduce((a, b) => a + b, 0));
  const he1 = Math.sqrt(2 / cols);
  const he2 = Math.sqrt(2 / hidden);
  for (let i = 0; i < sizes[0]!; i++) theta[offsets[0]! + i] = normal(random) * he1;
  for (let i = 0; i < sizes[2]!; i++) theta[offsets[2]! + i] = normal(random) * he2;
  const [W1, B1, W2, B2] = offsets;

  const forward = (x: Float64Array, r: number, params: Float64Array, h: Float64Array, out: Float64Array) => {
    for (let j = 0; j < hidden; j++) {
      let s = params[B1! + j]!;
      for (let c = 0; c < cols; c++) s += x[r * cols + c]! * params[W1! + c * hidden + j]!;
      h[j] = s > 0 ? s : 0;
    }
    for (let k = 0; k < K; k++) {
      let s = params[B2! + k]!;
      for (let j = 0; j < hidden; j++) s += h[j]! * params[W2! + j * K + k]!;
      out[k] = s;
    }
  };

  const lossOn = (x: Float64Array, y: Int32Array, params: Float64Array) => {
    const h = new Float64Array(hidden);
    const z = new Float64Array(K);
    const p = new Float64Array(K);
    let loss = 0;
    for (let r = 0; r < y.length; r++) {
      forward(x, r, params, h, z);
      softmaxRows(z, K, 1, p);
      loss -= Math.log(Math.max(p[y[r]!]!, 1e-300));
    }
    return loss / y.length;
  };

  const m = new Float64Array(theta.length);
  const v = new Float64Array(theta.length);
  const grad = new Float64Array(theta.length);
  const h = new Float64Array(hidden);
  const z = new Float64Array(K);
  const p = new Float64Array(K);
  const dh = new Float64Array(hidden);
  let step = 0;
  let best = theta.slice();
  let bestLoss = Infinity;
  let stale = 0;
  let epochsRun = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    // Let the host's event loop run between epochs (the app trains in its server process).
    await yieldToEventLoop();
    epochsRun++;
    const order = permutation(rows, random);
    for (let start = 0; start < rows; start += batchSize) {
      const end = Math.min(rows, start + batchSize);
      grad.fill(0);
      for (let i = start; i < end; i++) {
        const r = order[i]!;
        forward(xs, r, theta, h, z);
        softmaxRows(z, K, 1, p);
        dh.fill(0);
        for (let k = 0; k < K; k++) {
          const err = p[k]! - (train.y[r] === k ? 1 : 0);
          grad[B2! + k]! += err;
          for (let j = 0; j < hidden; j++) {
            grad[W2! + j * K + k]! += err * h[j]!;
            dh[j]! += err * theta[W2! + j * K + k]!;
          }
        }
        for (let j = 0; j < hidden; j++) {
          if (h[j]! <= 0) continue;
          grad[B1! + j]! += dh[j]!;
          for (let c = 0; c < cols; c++) grad[W1! + c * hidden + j]! += dh[j]! * xs[r * cols + c]!;
        }
      }
      step++;
      const n = end - start;
      const c1 = 1 - 0.9 ** step;
      const c2 = 1 - 0.999 ** step;
      for (let i = 0; i < theta.length; i++) {
        const g = grad[i]! / n + l2 * theta[i]!;
        m[i] = 0.9 * m[i]! + 0.1 * g;
        v[i] = 0.999 * v[i]! + 0.001 * g * g;
        theta[i]! -= (learningRate * (m[i]! / c1)) / (Math.sqrt(v[i]! / c2) + 1e-8);
      }
    }
    if (!validation) continue;
    const loss = lossOn(vx!, validation.y, theta);
    if (loss < bestLoss - 1e-6) {
      bestLoss = loss;
      best = theta.slice();
      stale = 0;
    } else if (++stale >= patience) break;
  }
  const params = validation ? best : theta;

  // Fold standardisation into the first layer: W1' = W1 / scale, b1' = b1 - sum(mean * W1').
  const w1 = new Float32Array(cols * hidden);
  const b1 = new Float32Array(hidden);
  for (let j = 0; j < hidden; j++) {
    let bias = params[B1! + j]!;
    for (let c = 0; c < cols; c++) {
      const w = params[W1! + c * hidden + j]! / scaler.scale[c]!;
      w1[c * hidden + j] = w;
      bias -= w * scaler.mean[c]!;
    }
    b1[j] = bias;
  }
  const w2 = Float32Array.from(params.subarray(W2!, W2! + hidden * K));
  const b2 = Float32Array.from(params.subarray(B2!, B2! + K));
  const importance = Array.from({ length: cols }, (_, c) => {
    let s = 0;
    for (let j = 0; j < hidden; j++) s += Math.abs(params[W1! + c * hidden + j]!);
    return s;
  });
  const total = importance.reduce((a, b) => a + b, 0) || 1;

  return {
    kind: "mlp",
    classes: K,
    features: cols,
    summary: { hidden, epochs: epochsRun, l2, learningRate },
    logits(x: Matrix) {
      const out = new Float64Array(x.rows * K);
      const act = new Float64Array(hidden);
      for (let r = 0; r < x.rows; r++) {
        for (let j = 0; j < hidden; j++) {
          let s = b1[j]!;
          for (let c = 0; c < cols; c++) s += x.data[r * cols + c]! * w1[c * hidden + j]!;
          act[j] = Math.max(0, Math.fround(s));
        }
        for (let k = 0; k < K; k++) {
          let s = b2[k]!;
          for (let j = 0; j < hidden; j++) s += act[j]! * w2[j * K + k]!;
          out[r * K + k] = s;
        }
      }
      return out;
    },
    emitOnnx(g: GraphBuilder, input: string) {
      const hiddenOut = g.node("Relu", [g.node("Add", [g.node("MatMul", [input, g.constant([cols, hidden], w1, "w1")]), g.constant([hidden], b1, "b1")])]);
      return g.node("Add", [g.node("MatMul", [hiddenOut, g.constant([hidden, K], w2, "w2")]), g.constant([K], b2, "b2")]);
    },
    importances: () => importance.map((v) => v / total),
  };
}
