import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { bayesLogLoss, evaluatePredictor, formatNumericCsv, loadOnnx, syntheticBinary, train, type Dataset, type TrainSpec } from "@linesmith/gpu-service";
import { predictRows } from "../server/ml/inference";

/**
 * `npm run bench:models`: the trainer and ONNX inference on the published synthetic benchmark
 * (100,000 x 40 training rows, seed 1; 50,000 test rows, seed 2; also written to tmp/synthetic-benchmark as
 * CSV so other trainers can be run on the same data):
 *  - training time and held-out log loss per model (gbdt: 300 trees, 31 leaves, learning rate 0.1),
 *  - batch inference rows/s through onnxruntime-node, and single-row latency p50/p99.
 */
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const trainSet = syntheticBinary(100_000, 1);
const testSet = syntheticBinary(50_000, 2);
const out = path.resolve("tmp/synthetic-benchmark");
mkdirSync(out, { recursive: true });
writeFileSync(path.join(out, "train.csv"), formatNumericCsv(trainSet.data, "y"));
writeFileSync(path.join(out, "test.csv"), formatNumericCsv(testSet.data, "y"));
console.log(`synthetic benchmark: ${out}/{train,test}.csv (target column y); test log loss of the true probabilities: ${bayesLogLoss(testSet.trueProbability, testSet.data.y).toFixed(4)}`);

const specs: [string, TrainSpec, Dataset][] = [
  ["gbdt", { model: "gbdt", gbdt: { trees: 300, leaves: 31, learningRate: 0.1 } }, trainSet.data],
  ["logistic", { model: "logistic" }, trainSet.data],
  ["mlp", { model: "mlp", mlp: { hidden: 32, epochs: 10 } }, trainSet.data],
];
// Training is timed three times (this machine's speed wanders by 10-20% between runs); the median is shown.
for (const [name, spec, data] of specs) {
  const walls: number[] = [];
  let result = await train(data, spec);
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    result = await train(data, spec);
    walls.push((performance.now() - started) / 1000);
  }
  const wall = pct(walls, 50);
  const test = evaluatePredictor(result.predictor, testSet.data);
  const onnx = result.predictor.toOnnx();
  const session = await loadOnnx(onnx);
  await session.run(testSet.data.x);
  const reps = 5;
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) await session.run(testSet.data.x);
  const rowsPerSecond = (reps * testSet.data.x.rows) / ((performance.now() - t0) / 1000);
  const row = [Array.from(testSet.data.x.data.subarray(0, 40))];
  const single: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const t = performance.now();
    await predictRows(session, row, 40);
    single.push((performance.now() - t) * 1000);
  }
  await session.release();
  console.log(
    `${name.padEnd(8)} train ${wall.toFixed(2)} s wall, median of 3 (${walls.map((w) => w.toFixed(2)).join(", ")}) on ${data.x.rows} x ${data.x.cols} | test log loss ${test.logLoss.toFixed(4)}, accuracy ${(test.accuracy * 100).toFixed(1)}% | ` +
      `ONNX ${(onnx.length / 1024).toFixed(0)} KB | batch ${(rowsPerSecond / 1e6).toFixed(2)}M rows/s | single row p50 ${pct(single, 50).toFixed(0)} us, p99 ${pct(single, 99).toFixed(0)} us`,
  );
}
