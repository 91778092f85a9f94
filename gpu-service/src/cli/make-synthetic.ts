import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { formatNumericCsv } from "../data/csv";
import { bayesLogLoss, syntheticBinary } from "../data/synthetic";
import { numberArg, parseArgs } from "./args";

/** Writes the seeded trainer benchmark (train and test CSV) so other trainers can be compared on it. */
const args = parseArgs(process.argv.slice(2), ["out", "rows", "test-rows"]);
const out = args.get("out") ?? "tmp/synthetic";
const rows = numberArg(args, "rows") ?? 100_000;
const testRows = numberArg(args, "test-rows") ?? 50_000;
mkdirSync(out, { recursive: true });
const train = syntheticBinary(rows, 1);
const test = syntheticBinary(testRows, 2);
writeFileSync(path.join(out, "train.csv"), formatNumericCsv(train.data, "y"));
writeFileSync(path.join(out, "test.csv"), formatNumericCsv(test.data, "y"));
console.log(
  JSON.stringify({ train: path.join(out, "train.csv"), test: path.join(out, "test.csv"), rows, testRows, features: 40, target: "y", testBayesLogLoss: Number(bayesLogLoss(test.trueProbability, test.data.y).toFixed(5)) }),
);
