import { readFileSync } from "node:fs";
import { parseNumericCsv } from "../data/csv";
import { MODEL_KINDS, type CalibrationMethod, type ModelKind } from "../model";
import { evaluatePredictor, train } from "../train";
import { numberArg, parseArgs } from "./args";

const USAGE =
  "usage: npm run -s -w gpu-service train -- --train <csv> --test <csv> --target <column> --model <logistic|gbdt|mlp> " +
  "[--trees N --leaves N --learning-rate X --threads N --calibration <none|platt|isotonic|temperature> --validation X] [--json]";

async function main() {
  const args = parseArgs(process.argv.slice(2), ["train", "test", "target", "model", "trees", "leaves", "learning-rate", "threads", "calibration", "validation"], ["json"]);
  const trainPath = args.get("train");
  const testPath = args.get("test");
  const target = args.get("target");
  const model = args.get("model") as ModelKind | undefined;
  if (!trainPath || !testPath || !target || !model) throw new Error(USAGE);
  if (!MODEL_KINDS.includes(model)) throw new Error(`--model must be ${MODEL_KINDS.join(", ")}\n${USAGE}`);
  const trainSet = parseNumericCsv(readFileSync(trainPath, "utf8"), target);
  const testSet = parseNumericCsv(readFileSync(testPath, "utf8"), target, trainSet.classes);
  if (testSet.featureNames.join() !== trainSet.featureNames.join()) throw new Error("train and test files have different feature columns");
  const result = await train(trainSet, {
    model,
    calibration: (args.get("calibration") as CalibrationMethod | undefined) ?? "none",
    validationFraction: numberArg(args, "validation") ?? 0,
    gbdt: { trees: numberArg(args, "trees"), leaves: numberArg(args, "leaves"), learningRate: numberArg(args, "learning-rate"), threads: numberArg(args, "threads") },
  });
  const test = evaluatePredictor(result.predictor, testSet);
  const report = {
    model,
    rows: trainSet.x.rows,
    features: trainSet.x.cols,
    trainSeconds: Number(result.trainSeconds.toFixed(3)),
    testLogLoss: Number(test.logLoss.toFixed(5)),
    testAccuracy: Number(test.accuracy.toFixed(5)),
    onnxBytes: result.predictor.toOnnx().length,
  };
  if (args.has("json")) console.log(JSON.stringify(report));
  else for (const [k, v] of Object.entries(report)) console.log(`${k.padEnd(14)} ${v}`);
}

main().catch((error: Error) => {
  console.error(`train: ${error.message}`);
  process.exit(2);
});
