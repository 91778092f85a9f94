import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { decodeText, SOURCE_FORMATS, type ImportSource } from "../server/domain/imports";
import { recordsFromBatch, type GameRecord } from "../server/domain/features/records";
import { evaluateModels } from "../server/ml/evaluate";
import { httpTrainer, inProcessTrainer } from "../server/ml/trainer";
import { listImportFiles } from "../server/services/imports/import-paths";

/** Walk-forward evaluation straight from files: no database needed. */
const SOURCES = ["nflverse", "football-data", "sbr-nba"] as const;
const USAGE =
  `usage: npm run -s evaluate -- --source <${SOURCES.join("|")}> --path <file or folder> ` +
  "[--from-season YYYY] [--to-season YYYY] [--train-seasons N] [--league key,key] [--models name,name] [--json]";

function fail(message: string): never {
  console.error(`evaluate: ${message}\n${USAGE}`);
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    options: {
      source: { type: "string" },
      path: { type: "string" },
      "from-season": { type: "string" },
      "to-season": { type: "string" },
      "train-seasons": { type: "string" },
      league: { type: "string" },
      models: { type: "string" },
      json: { type: "boolean", default: false },
    },
  }).values;
} catch (error) {
  fail((error as Error).message);
}
const source = args.source as (typeof SOURCES)[number] | undefined;
if (!source || !SOURCES.includes(source)) fail(args.source ? `unsupported source "${args.source}"` : "--source is required");
if (!args.path) fail("--path is required");
const integer = (name: string, raw: string | undefined) => {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw)) fail(`--${name} must be a whole number`);
  return Number(raw);
};
const fromSeason = integer("from-season", args["from-season"]);
const toSeason = integer("to-season", args["to-season"]);
const trainSeasons = integer("train-seasons", args["train-seasons"]);
const leagues = args.league?.split(",").map((s) => s.trim());
const log = (line: string) => console.error(line);

let files: string[];
try {
  files = await listImportFiles(source as ImportSource, args.path);
} catch (error) {
  fail((error as Error).message);
}
const records: GameRecord[] = [];
for (const file of files) {
  const text = decodeText(await readFile(file));
  const batch = SOURCE_FORMATS[source as ImportSource].parse(text, path.basename(file));
  records.push(...recordsFromBatch(batch).filter((r) => !leagues || leagues.includes(r.league)));
}
if (records.length === 0) fail(leagues ? `no games of league ${leagues.join(", ")} in ${args.path}` : `no games in ${args.path}`);

const trainer = process.env.GPU_SERVICE_URL ? httpTrainer(process.env.GPU_SERVICE_URL, process.env.GPU_SERVICE_TOKEN ?? "") : inProcessTrainer;
const started = performance.now();
try {
  const report = await evaluateModels(records, trainer, { fromSeason, toSeason, trainSeasons, models: args.models?.split(",") }, (done, total, message) => {
    if (!args.json) log(`[${done + 1}/${total}] ${message}`);
  });
  const round = (x: number | null) => (x === null ? null : Number(x.toFixed(5)));
  const summary = {
    source,
    testSeasons: report.testSeasons,
    games: report.games,
    testGames: report.testGames,
    market: { logLoss: round(report.market.logLoss), brier: round(report.market.brier), rps: round(report.market.rps), ece: round(report.market.ece), eceNoise: round(report.market.eceNoise), source: report.market.source },
    models: report.models.map((m) => ({
      name: m.name,
      group: m.group,
      logLoss: round(m.logLoss),
      brier: round(m.brier),
      rps: round(m.rps),
      ece: round(m.ece),
      eceNoise: round(m.eceNoise),
      calibrated: m.calibration.passed,
      accuracy: round(m.accuracy),
      auc: round(m.auc),
      strategy: { bets: m.strategy.bets, roi: round(m.strategy.roi), meanClv: round(m.strategy.meanClv) },
    })),
    strategyPricing: report.strategyPricing,
    seconds: Number(((performance.now() - started) / 1000).toFixed(1)),
  };
  if (args.json) console.log(JSON.stringify(summary));
  else console.log(JSON.stringify(summary, null, 2));
} catch (error) {
  console.error(`evaluate: ${(error as Error).message}`);
  process.exit(1);
}
