import { describe, expect, it } from "vitest";
import { fitCalibrator } from "../src/calibrate";
import { parseNumericCsv } from "../src/data/csv";
import type { Dataset } from "../src/data/matrix";
import { normal, rng } from "../src/data/random";
import { syntheticBinary } from "../src/data/synthetic";
import { minimizeLbfgs } from "../src/linear/lbfgs";
import { trainLogistic } from "../src/linear/logistic";
import { logLoss } from "../src/metrics";
import { softmaxRows } from "../src/model";
import { loadOnnx } from "../src/onnx/runtime";
import { applyBinning, fitBinning } from "../src/trees/bins";
import { rawLoss, trainGbdt, writeGradients } from "../src/trees/gbdt";
import type { TrainSpec } from "../src/spec";
import { train } from "../src/train";

/** Three classes driven by two features, for the multiclass paths. */
function synthetic3(rows: number, seed: number): Dataset {
  const random = rng(seed);
  const x = new Float32Array(rows * 3);
  const y = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    const a = normal(random);
    const b = normal(random);
    x.set([a, b, normal(random)], r * 3);
    const logits = [a, 0.3, -a + b * b - 1];
    const p = softmaxRows(Float64Array.from(logits), 3);
    const u = random();
    y[r] = u < p[0]! ? 0 : u < p[0]! + p[1]! ? 1 : 2;
  }
  return { x: { rows, cols: 3, data: x }, y, classes: 3, featureNames: ["a", "b", "noise"] };
}

describe("optimisers and gradients", () => {
  it("L-BFGS finds the minimum of a shifted quadratic", () => {
    const target = [3, -2, 0.5];
    const f = (w: Float64Array, g: Float64Array) => {
      let v = 0;
      w.forEach((wi, i) => {
        const d = wi - target[i]!;
        v += (i + 1) * d * d;
        g[i] = 2 * (i + 1) * d;
      });
      return v;
    };
    const { w, converged } = minimizeLbfgs(f, new Float64Array(3));
    expect(converged).toBe(true);
    w.forEach((wi, i) => expect(wi).toBeCloseTo(target[i]!, 5));
  });

  it("logistic regression recovers the log-odds of each group of a one-hot feature", () => {
    // Group 0: 30% positives, group 1: 80% positives; the MLE is the empirical log-odds.
    const rows = 1000;
    const x = new Float32Array(rows);
    const y = new Int32Array(rows);
    for (let r = 0; r < rows; r++) {
      x[r] = r < 500 ? 0 : 1;
      y[r] = r < 500 ? (r % 10 < 3 ? 1 : 0) : r % 10 < 8 ? 1 : 0;
    }
    const model = trainLogistic({ x: { rows, cols: 1, data: x }, y, classes: 2, featureNames: ["g"] }, { l2: 0 });
    const logits = model.logits({ rows: 2, cols: 1, data: Float32Array.of(0, 1) });
    expect(logits[1]).toBeCloseTo(Math.log(0.3 / 0.7), 4);
    expect(logits[3]).toBeCloseTo(Math.log(0.8 / 0.2), 4);
  });

  it.each([
    ["binary", 2, 1],
    ["multiclass", 3, 3],
  ])("boosting gradients match finite differences of the log loss (%s)", (_name, K, outputs) => {
    const random = rng(5);
    const rows = 7;
    const raw = Float64Array.from({ length: rows * outputs }, () => normal(random));
    const y = Int32Array.from({ length: rows }, (_, i) => i % K);
    for (let k = 0; k < outputs; k++) {
      const grad = new Float64Array(rows);
      const hess = new Float64Array(rows);
      writeGradients(raw, y, K, outputs, k, grad, hess);
      for (let r = 0; r < rows; r++) {
        const step = 1e-5;
        const up = raw.slice();
        const down = raw.slice();
        up[r * outputs + k]! += step;
        down[r * outputs + k]! -= step;
        // rawLoss is a mean, so the per-row derivative is rows x its slope.
        const numeric = ((rawLoss(up, y, K, outputs) - rawLoss(down, y, K, outputs)) / (2 * step)) * rows;
        expect(grad[r]).toBeCloseTo(numeric, 5);
        expect(hess[r]).toBeGreaterThan(0);
      }
    }
  });
});

describe("histogram trees", () => {
  it("bins on float32 values that occur in the data, and binned routing equals raw routing", async () => {
    const { data } = syntheticBinary(3000, 11, 6);
    const binning = fitBinning(data.x, 32);
    binning.thresholds.forEach((t, c) => {
      const column = new Set(Array.from({ length: data.x.rows }, (_, r) => data.x.data[r * data.x.cols + c]));
      for (const value of t) expect(column.has(value)).toBe(true);
    });
    const bins = applyBinning(data.x, binning);
    for (let c = 0; c < data.x.cols; c++) {
      for (let r = 0; r < data.x.rows; r += 97) {
        const b = bins[c * data.x.rows + r]!;
        const v = data.x.data[r * data.x.cols + c]!;
        if (b < binning.thresholds[c]!.length) expect(v <= binning.thresholds[c]![b]!).toBe(true);
        if (b > 0) expect(v > binning.thresholds[c]![b - 1]!).toBe(true);
      }
    }
  });

  it("learns an interaction a linear model cannot, and early stopping keeps the best round", async () => {
    const random = rng(9);
    const rows = 4000;
    const x = new Float32Array(rows * 2);
    const y = new Int32Array(rows);
    for (let r = 0; r < rows; r++) {
      const a = normal(random);
      const b = normal(random);
      x.set([a, b], r * 2);
      y[r] = random() < (a * b > 0 ? 0.85 : 0.15) ? 1 : 0;
    }
    const all: Dataset = { x: { rows, cols: 2, data: x }, y, classes: 2, featureNames: ["a", "b"] };
    const trainSet: Dataset = { ...all, x: { rows: 3000, cols: 2, data: x.slice(0, 6000) }, y: y.slice(0, 3000) };
    const valid: Dataset = { ...all, x: { rows: 1000, cols: 2, data: x.slice(6000) }, y: y.slice(3000) };
    const fit = await trainGbdt(trainSet, valid, { trees: 400, leaves: 8, learningRate: 0.3, threads: 1 });
    const linear = trainLogistic(trainSet);
    const treeLoss = logLoss(softmaxRows(fit.model.logits(valid.x), 2), valid.y, 2);
    const linearLoss = logLoss(softmaxRows(linear.logits(valid.x), 2), valid.y, 2);
    expect(treeLoss).toBeLessThan(0.5);
    expect(linearLoss).toBeGreaterThan(0.65);
    expect(fit.rounds).toBeLessThan(400);
    expect(fit.validationLoss).toBeCloseTo(treeLoss, 6);
  });

  it("gives the same trees with one thread and with worker threads", async () => {
    const { data } = syntheticBinary(20_000, 4, 10);
    const one = await trainGbdt(data, null, { trees: 5, threads: 1 });
    const two = await trainGbdt(data, null, { trees: 5, threads: 2 });
    const probe = syntheticBinary(200, 5, 10).data.x;
    expect(Array.from(two.model.logits(probe))).toEqual(Array.from(one.model.logits(probe)));
  });
});

describe("ONNX export", () => {
  const binary = syntheticBinary(3000, 21, 8);
  const binaryTest = syntheticBinary(500, 22, 8).data;
  binaryTest.x.data[3] = NaN; // imputed the same way in JS and in ONNX
  const multi = synthetic3(3000, 23);
  const multiTest = synthetic3(500, 24);
  const cases = [
    ...(["logistic", "gbdt", "mlp"] as const).flatMap((model) =>
      (["none", "platt", "isotonic", "temperature"] as const).map((calibration) => ({ model, calibration, data: binary.data, test: binaryTest.x })),
    ),
    ...(["logistic", "gbdt", "mlp"] as const).map((model) => ({ model, calibration: "temperature" as const, data: multi, test: multiTest.x })),
  ];

  it.each(cases)("$model ($calibration, $data.classes classes) matches the trainer within 1e-5 in onnxruntime", async ({ model, calibration, data, test }) => {
    const result = await train(data, { model, calibration, validationFraction: calibration === "none" ? 0 : 0.25, gbdt: { trees: 40, threads: 1 } });
    const expected = result.predictor.predict(test);
    const session = await loadOnnx(result.predictor.toOnnx());
    const actual = await session.run(test);
    await session.release();
    expect(actual.length).toBe(expected.length);
    let worst = 0;
    for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(expected[i]! - actual[i]!));
    expect(worst).toBeLessThan(1e-5);
    for (let r = 0; r < expected.length; r += data.classes) {
      let sum = 0;
      for (let k = 0; k < data.classes; k++) sum += expected[r + k]!;
      expect(sum).toBeCloseTo(1, 6);
    }
  });
});

describe("calibration and input", () => {
  it("isotonic output never decreases as the model's probability rises, and Platt refuses 3 classes", () => {
    const random = rng(3);
    const n = 2000;
    const logits = new Float64Array(n * 2);
    const y = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const z = 3 * normal(random);
      logits[2 * i + 1] = z;
      y[i] = random() < 1 / (1 + Math.exp(-z / 3)) ? 1 : 0; // overconfident scores
    }
    const iso = fitCalibrator("isotonic", logits, y, 2);
    const grid = Float64Array.from({ length: 200 }, (_, i) => (i % 2 ? -8 + (i - 1) * 0.08 : 0));
    const p = iso.apply(grid, 2).filter((_, i) => i % 2 === 1);
    for (let i = 1; i < p.length; i++) expect(p[i]!).toBeGreaterThanOrEqual(p[i - 1]!);
    expect(Math.min(...p)).toBeGreaterThan(0);
    const temperature = fitCalibrator("temperature", logits, y, 2);
    expect(temperature.params.temperature as number).toBeGreaterThan(2);
    expect(() => fitCalibrator("platt", new Float64Array(3), Int32Array.of(0), 3)).toThrow(/binary/);
  });

  it("refuses unknown or out-of-bounds parameters in process too, naming them", async () => {
    const { data } = syntheticBinary(200, 1, 3);
    // A cast, as a caller without types (JSON, JavaScript) would send it.
    const misspelt = { model: "gbdt", gbdt: { trees: 5, threads: 1, leafs: 8 } } as TrainSpec;
    await expect(train(data, misspelt)).rejects.toThrow(/gbdt.*"leafs"/);
    await expect(train(data, { model: "mlp", mlp: { batchSize: 0 } })).rejects.toThrow(/mlp\.batchSize/);
    await expect(train(data, { model: "logistic", calibration: "platt" })).rejects.toThrow(/validation share/);
  });

  it("reads numeric CSVs and names the line and column of a bad value", () => {
    const d = parseNumericCsv("a,b,y\n1,2,0\n3,,1\n", "y");
    expect(d.x.rows).toBe(2);
    expect(Number.isNaN(d.x.data[3]!)).toBe(true);
    expect(() => parseNumericCsv("a,y\n1,0\nx,1\n", "y")).toThrow(/line 3, column "a"/);
    expect(() => parseNumericCsv("a,b\n1,0\n", "y")).toThrow(/target column "y"/);
  });
});

describe("WebAssembly kernel", () => {
  it("the committed module is the one its AssemblyScript source compiles to", async () => {
    const { execFile } = await import("node:child_process");
    const { promisify } = await import("node:util");
    const { stdout } = await promisify(execFile)("node", ["gpu-service/scripts/build-kernel.mjs", "--check"]);
    expect(stdout).toMatch(/matches/);
  }, 60_000);
});
