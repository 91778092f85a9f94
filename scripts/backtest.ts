import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { decodeText, SOURCE_FORMATS, type ImportSource } from "../server/domain/imports";
import { recordsFromBatch } from "../server/domain/features/records";
import { gamesFromBatch, type BacktestGame } from "../server/domain/backtest/games";
import { prepareData, type ModelProbabilities } from "../server/domain/backtest/dataset";
import { dataNotes } from "../server/domain/backtest/notes";
import { MAX_SWEEP_VARIANTS } from "../server/domain/backtest/sweep";
import { forwardOnlyReason } from "../server/domain/strategies/forward-only";
import { parseStrategy } from "../server/domain/strategies/validate";
import { strategyHash } from "../server/domain/strategies/canonical";
import type { Strategy } from "../server/domain/strategies/schema";
import { runSweepInParallel } from "../server/services/backtests/parallel";
import { listImportFiles } from "../server/services/imports/import-paths";
import { walkForwardProbabilities } from "../server/ml/walk-forward";
import { httpTrainer, inProcessTrainer } from "../server/ml/trainer";

/**
 * The backtest command line: strategies straight over archive files, no database. Its output is a public
 * contract (issue 10, section 4): with --json, stdout carries exactly one JSON object; everything else goes
 * to stderr. Exit codes: 0 done, 1 failed while running, 2 bad input (usage, an invalid strategy, a field
 * known only after the decision used in "when").
 */
const SOURCES = ["football-data", "nflverse", "sbr-nba"] as const;
const USAGE =
  `usage: npm run -s backtest -- --strategy <file.json> --source <${SOURCES.join("|")}> --path <file or folder> ` +
  "[--from-season YYYY] [--to-season YYYY] [--json]";

function fail(message: string, code = 2): never {
  console.error(`backtest: ${message}${code === 2 ? `\n${USAGE}` : ""}`);
  process.exit(code);
}

function invalid(message: string): never {
  console.error(`backtest: ${message}`);
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    options: {
      strategy: { type: "string" },
      source: { type: "string" },
      path: { type: "string" },
      "from-season": { type: "string" },
      "to-season": { type: "string" },
      json: { type: "boolean", default: false },
    },
  }).values;
} catch (error) {
  fail((error as Error).message);
}
const source = args.source as (typeof SOURCES)[number] | undefined;
if (!args.strategy) fail("--strategy is required");
if (!source || !SOURCES.includes(source))
  fail(args.source ? `unsupported source "${args.source}"` : "--source is required");
if (!args.path) fail("--path is required");
const season = (name: string, raw: string | undefined) => {
  if (raw === undefined) return undefined;
  if (!/^\d{4}$/.test(raw)) fail(`--${name} must be a year such as 2016`);
  return Number(raw);
};
const fromSeason = season("from-season", args["from-season"]);
const toSeason = season("to-season", args["to-season"]);

let raw: unknown;
try {
  raw = JSON.parse(await readFile(args.strategy, "utf8"));
} catch (error) {
  fail(`cannot read the strategy file ${args.strategy}: ${(error as Error).message}`);
}
const inputs = Array.isArray(raw) ? raw : [raw];
if (inputs.length === 0) fail("the strategy file holds an empty array");
if (inputs.length > MAX_SWEEP_VARIANTS)
  fail(`a sweep runs at most ${MAX_SWEEP_VARIANTS.toLocaleString("en")} variants`);
const strategies: { strategy: Strategy; hash: string }[] = [];
for (const [i, input] of inputs.entries()) {
  const parsed = parseStrategy(input);
  const where = inputs.length > 1 ? `strategy ${i + 1}: ` : "";
  // Messages name the rule at fault ("when.all[1]: ..."); look-ahead is exit code 2 like any invalid input.
  if (!parsed.ok) invalid(parsed.errors.map((e) => `${where}${e.message}`).join("\n"));
  const forwardOnly = forwardOnlyReason(parsed.strategy);
  if (forwardOnly) invalid(`${where}${forwardOnly}`);
  strategies.push({ strategy: parsed.strategy, hash: await strategyHash(parsed.strategy) });
}

let files: string[];
try {
  files = await listImportFiles(source as ImportSource, args.path);
} catch (error) {
  fail((error as Error).message);
}
const inRange = (s: number) =>
  (fromSeason === undefined || s >= fromSeason) && (toSeason === undefined || s <= toSeason);
const games: BacktestGame[] = [];
const batches = [];
for (const file of files) {
  const batch = SOURCE_FORMATS[source as ImportSource].parse(decodeText(await readFile(file)), path.basename(file));
  batches.push(batch);
  games.push(...gamesFromBatch(batch).filter((g) => inRange(g.season)));
}
if (games.length === 0) fail(`no games${fromSeason || toSeason ? " in the seasons asked for" : ""} in ${args.path}`);

// Model probabilities are walk-forward predictions made once, before any strategy runs: every season's
// games are predicted by models trained on earlier seasons only (all files are used for training history).
const modelNames = [
  ...new Set(
    strategies
      .map((s) => s.strategy.probability)
      .filter((p) => p.startsWith("model:"))
      .map((p) => p.slice(6)),
  ),
];
const models = new Map<string, ModelProbabilities>();
if (modelNames.length) {
  const started = performance.now();
  const records = batches.flatMap((b) => recordsFromBatch(b));
  const trainer = process.env.GPU_SERVICE_URL
    ? httpTrainer(process.env.GPU_SERVICE_URL, process.env.GPU_SERVICE_TOKEN ?? "")
    : inProcessTrainer;
  try {
    const predictions = await walkForwardProbabilities(records, trainer, modelNames);
    for (const name of modelNames)
      models.set(
        name,
        new Map([...predictions].flatMap(([id, byModel]) => (byModel[name] ? [[id, byModel[name]!]] : []))),
      );
  } catch (error) {
    fail(`model predictions: ${(error as Error).message}`, 1);
  }
  console.error(
    `backtest: walk-forward predictions of ${modelNames.join(", ")} in ${((performance.now() - started) / 1000).toFixed(1)} s (not counted in "seconds")`,
  );
}

const started = performance.now();
try {
  const data = prepareData(games, models);
  const result = await runSweepInParallel(data, strategies);
  const notes = dataNotes(
    data,
    strategies.map((s) => s.strategy),
  );
  const output = {
    games: data.games.length,
    seconds: Number(((performance.now() - started) / 1000).toFixed(3)),
    variants: result.variants,
    deflatedSharpe: result.deflatedSharpe,
    pbo: result.pbo,
    notes,
  };
  for (const note of notes) console.error(`backtest: note: ${note}`);
  console.log(args.json ? JSON.stringify(output) : JSON.stringify(output, null, 2));
} catch (error) {
  fail((error as Error).message, 1);
}
