import type { Dataset, TrainSpec } from "@linesmith/gpu-service";
import { buildFeatures, INJURY_REPORT_KNOWN, type FeatureRow, type FeatureSet } from "@/server/domain/features/build";
import { fairProbabilities, type GameRecord } from "@/server/domain/features/records";
import { settingsFor } from "@/server/domain/features/sports";
import { calibrationGate, reliability, scoreProbabilities } from "@/server/domain/evaluation/metrics";
import { REPORT_VERSION, type EvaluationReport } from "@/server/domain/evaluation/report";
import { runValueStrategy, type StrategyGame } from "@/server/domain/evaluation/value-strategy";
import { walkForwardWindows, type WindowOptions } from "@/server/domain/evaluation/windows";
import { predictRows, SessionCache } from "./inference";
import { modelCatalogue, type ModelDefinition } from "./models";
import type { Trainer } from "./trainer";

export interface EvaluationOptions extends Partial<WindowOptions> {
  /** Last test season (default: the latest). A development period ends before the seasons reported. */
  toSeason?: number;
  /** Model names to run (default: all that apply). Ensembles pull in their members. */
  models?: string[];
}

export type Progress = (done: number, total: number, message: string) => void;

/** Class order of model outputs and market probabilities: home, draw, away (3) or away, home (2). */
function marketProbabilities(g: GameRecord, classes: number): number[] {
  const [h, d, a] = fairProbabilities(g.closing!);
  if (classes === 3) return [h!, d!, a!];
  const sum = h! + a!;
  return [a! / sum, h! / sum];
}

function pricesOf(g: GameRecord, classes: number, useOpening: boolean): (number | null)[] {
  const p = useOpening ? g.opening : g.closing;
  if (!p) return classes === 3 ? [null, null, null] : [null, null];
  return classes === 3 ? [p.home, p.draw, p.away] : [p.away, p.home];
}

function dataset(rows: FeatureRow[], columns: number[], names: string[], classes: number): Dataset {
  const x = new Float32Array(rows.length * columns.length);
  rows.forEach((r, i) => columns.forEach((c, j) => (x[i * columns.length + j] = r.values[c]!)));
  return { x: { rows: rows.length, cols: columns.length, data: x }, y: Int32Array.from(rows, (r) => r.label!), classes, featureNames: names };
}

/** A league's features and the models that will be evaluated on them. */
export interface PreparedModels {
  sport: string;
  classes: number;
  features: FeatureSet;
  labelled: FeatureRow[];
  models: ModelDefinition[];
  /** Models that are trained (ensembles are averaged from these). */
  trained: ModelDefinition[];
  columnsOf(m: ModelDefinition): number[];
}

/** Features for every game, and the models that apply (market-aware only where opening prices exist). */
export function prepareModels(records: GameRecord[], requested?: string[]): PreparedModels {
  if (records.length === 0) throw new Error("no games to evaluate");
  const sport = records[0]!.sport;
  if (records.some((r) => r.sport !== sport)) throw new Error("evaluate one sport at a time");
  const settings = settingsFor(sport);
  const classes = settings.classes;
  const features: FeatureSet = buildFeatures(records, settings);
  const labelled = features.rows.filter((r) => r.label !== null);
  const catalogue = availableModels(classes, labelled.some((r) => r.game.opening !== null));
  const wanted = new Set(requested ?? catalogue.map((m) => m.name));
  for (const m of catalogue) if (wanted.has(m.name) && "ensembleOf" in m.spec) m.spec.ensembleOf.forEach((n) => wanted.add(n));
  const unknown = [...wanted].filter((n) => !catalogue.some((m) => m.name === n));
  if (unknown.length) throw new Error(`unknown or unavailable models: ${unknown.join(", ")} (available: ${catalogue.map((m) => m.name).join(", ")})`);
  const models = catalogue.filter((m) => wanted.has(m.name));
  return {
    sport,
    classes,
    features,
    labelled,
    models,
    trained: models.filter((m) => !("ensembleOf" in m.spec)),
    columnsOf: (m) =>
      features.specs.flatMap((s, i) => ((m.features ? m.features.includes(s.name) : s.group === "stats-only" || m.group === "market-aware") ? [i] : [])),
  };
}

export function availableModels(classes: number, hasOpeningPrices: boolean): ModelDefinition[] {
  return modelCatalogue(classes).filter((m) => m.group === "stats-only" || hasOpeningPrices);
}

export function trainSpecOf(m: ModelDefinition, validationFraction: number): TrainSpec {
  if ("ensembleOf" in m.spec) throw new Error(`${m.name} is an ensemble, not a trained model`);
  return { ...m.spec, validationFraction };
}

/**
 * Injury features when no training row had an injury report known: archives carry none, so the models saw
 * constants and any importance shown for them would be made up.
 */
function featuresWithoutData(features: FeatureSet, trainRows: FeatureRow[]): string[] {
  const known = features.specs.findIndex((s) => s.name === INJURY_REPORT_KNOWN);
  if (known < 0 || trainRows.some((r) => r.values[known] === 1)) return [];
  return features.specs.filter((s) => s.fromInjuryReports).map((s) => s.name);
}

/** Train rows' share that belongs to their last season: held out for early stopping and calibration. */
function lastSeasonShare(rows: FeatureRow[]): number {
  const last = Math.max(...rows.map((r) => r.game.season));
  return rows.filter((r) => r.game.season === last).length / rows.length;
}

/**
 * Walk-forward evaluation of the model catalogue against the closing market, on exactly the games that
 * have closing prices. Each window trains on earlier seasons only, holds out its last training season
 * for early stopping and calibration, exports ONNX and predicts the test season through ONNX Runtime.
 */
export async function evaluateModels(records: GameRecord[], trainer: Trainer, options: EvaluationOptions = {}, progress: Progress = () => {}): Promise<EvaluationReport> {
  return evaluatePrepared(prepareModels(records, options.models), trainer, options, progress);
}

/** evaluateModels on features already built (the app goes on to train final models on the same ones). */
export async function evaluatePrepared(prepared: PreparedModels, trainer: Trainer, options: EvaluationOptions = {}, progress: Progress = () => {}): Promise<EvaluationReport> {
  return (await evaluatePreparedWithPredictions(prepared, trainer, options, progress)).report;
}

/**
 * One out-of-sample prediction of the walk-forward: `model` trained on seasons before `testSeason` only,
 * predicting game record `recordId`. Probabilities are in the model's class order (home, draw, away for
 * three-way markets; away, home for two-way: see `namedProbabilities`).
 */
export interface WalkForwardRow {
  recordId: string;
  model: string;
  testSeason: number;
  probabilities: number[];
}

/**
 * evaluatePrepared, also returning every window's out-of-sample predictions of every model (ensembles
 * included) for the games the report measures: kept beside the report, never inside its JSON.
 */
export async function evaluatePreparedWithPredictions(
  prepared: PreparedModels,
  trainer: Trainer,
  options: EvaluationOptions = {},
  progress: Progress = () => {},
): Promise<{ report: EvaluationReport; predictions: WalkForwardRow[] }> {
  const { sport, classes, features, labelled, models, trained, columnsOf } = prepared;
  const windows = walkForwardWindows(
    labelled.map((r) => r.game.season),
    { fromSeason: options.fromSeason ?? 2016, trainSeasons: options.trainSeasons, minTrainSeasons: options.minTrainSeasons ?? 2 },
  ).filter((w) => options.toSeason === undefined || w.testSeason <= options.toSeason);
  if (windows.length === 0) throw new Error("no test season has enough earlier seasons to train on");

  const withoutData = featuresWithoutData(features, labelled.filter((r) => windows.some((w) => w.trainSeasons.includes(r.game.season))));
  const predictions = new Map<string, number[][]>(models.map((m) => [m.name, []]));
  const importanceSums = new Map<string, number[]>();
  const testRows: FeatureRow[] = [];
  const sessions = new SessionCache(4);
  const total = windows.length * trained.length;
  let done = 0;
  try {
    for (const w of windows) {
      const trainRows = labelled.filter((r) => w.trainSeasons.includes(r.game.season));
      const test = labelled.filter((r) => r.game.season === w.testSeason && r.game.closing !== null);
      if (test.length === 0) continue;
      const lastSeason = w.trainSeasons.at(-1)!;
      const validationFraction = lastSeasonShare(trainRows);
      testRows.push(...test);
      for (const m of trained) {
        progress(done, total, `${m.name}: training on ${w.trainSeasons[0]}-${lastSeason}, testing ${w.testSeason}`);
        const columns = columnsOf(m);
        const names = columns.map((c) => features.specs[c]!.name);
        const artifact = await trainer.train(dataset(trainRows, columns, names, classes), trainSpecOf(m, validationFraction));
        const session = await sessions.get(`${m.name}:${w.testSeason}`, () => artifact.onnx);
        const probs = await predictRows(session, test.map((r) => columns.map((c) => r.values[c]!)), columns.length);
        predictions.get(m.name)!.push(...probs);
        const sums = importanceSums.get(m.name) ?? new Array<number>(columns.length).fill(0);
        artifact.importances.forEach((v, i) => (sums[i]! += v / windows.length));
        importanceSums.set(m.name, sums);
        done++;
      }
      await sessions.clear();
    }
  } finally {
    await sessions.clear();
  }
  for (const m of models) {
    if (!("ensembleOf" in m.spec)) continue;
    const members = m.spec.ensembleOf.map((n) => predictions.get(n)!);
    predictions.set(m.name, testRows.map((_, i) => members[0]![i]!.map((_, k) => members.reduce((s, p) => s + p[i]![k]!, 0) / members.length)));
  }

  // Without them every figure would be NaN, which JSON stores as null.
  if (testRows.length === 0) throw new Error("no test season has games with closing prices to measure the models against");
  const labels = testRows.map((r) => r.label!);
  const homeClass = classes === 3 ? 0 : 1;
  const seasons = [...new Set(testRows.map((r) => r.game.season))];
  const perSeason = (probs: number[][]) =>
    seasons.map((season) => {
      const idx = testRows.flatMap((r, i) => (r.game.season === season ? [i] : []));
      return { season, ...scoreProbabilities(idx.map((i) => probs[i]!), idx.map((i) => labels[i]!), homeClass) };
    });
  const market = testRows.map((r) => marketProbabilities(r.game, classes));
  const useOpening = testRows.some((r) => r.game.opening !== null);
  const strategyGames = (probs: number[][]): StrategyGame[] =>
    testRows.map((r, i) => ({ model: probs[i]!, price: pricesOf(r.game, classes, useOpening), closingFair: market[i]!, label: labels[i]! }));
  const sources = [...new Set(testRows.map((r) => r.game.closingSource))].join(", ");

  const report: EvaluationReport = {
    reportVersion: REPORT_VERSION,
    sport,
    classes,
    testSeasons: seasons,
    windows: windows.filter((w) => seasons.includes(w.testSeason)),
    games: labelled.length,
    testGames: testRows.length,
    market: { ...scoreProbabilities(market, labels, homeClass), source: sources, perSeason: perSeason(market), reliability: reliability(market, labels).bins },
    models: models.map((m) => {
      const probs = predictions.get(m.name)!;
      const columns = columnsOf(m);
      const sums = importanceSums.get(m.name);
      const scores = scoreProbabilities(probs, labels, homeClass);
      return {
        name: m.name,
        group: m.group,
        description: m.description,
        ...scores,
        calibration: calibrationGate(scores),
        perSeason: perSeason(probs),
        reliability: reliability(probs, labels).bins,
        importances: sums
          ? columns
              .map((c, i) => ({ feature: features.specs[c]!.name, importance: sums[i]! }))
              .filter((f) => !withoutData.includes(f.feature))
              .sort((a, b) => b.importance - a.importance)
          : [],
        strategy: runValueStrategy(strategyGames(probs)),
      };
    }),
    strategyPricing: useOpening ? "opening prices" : "closing prices",
    trainer: trainer.where,
    featuresWithoutData: withoutData,
  };
  const rows = models.flatMap((m) =>
    predictions.get(m.name)!.map((probabilities, i) => ({ recordId: testRows[i]!.game.id, model: m.name, testSeason: testRows[i]!.game.season, probabilities })),
  );
  return { report, predictions: rows };
}

export interface FinalModel {
  definition: ModelDefinition;
  featureNames: string[];
  columns: number[];
  trainedFrom: Date;
  trainedTo: Date;
  trainGames: number;
  spec: TrainSpec;
  onnx: Uint8Array;
  importances: number[];
}

/** Each trained model fitted on every played game, for serving (its quality is the walk-forward report's). */
export async function trainFinalModels(prepared: PreparedModels, trainer: Trainer, progress: Progress = () => {}): Promise<FinalModel[]> {
  const rows = prepared.labelled;
  if (rows.length === 0) return [];
  const out: FinalModel[] = [];
  for (const [i, m] of prepared.trained.entries()) {
    progress(i, prepared.trained.length, `${m.name}: training on every played game`);
    const columns = prepared.columnsOf(m);
    const featureNames = columns.map((c) => prepared.features.specs[c]!.name);
    const spec = trainSpecOf(m, lastSeasonShare(rows));
    const artifact = await trainer.train(dataset(rows, columns, featureNames, prepared.classes), spec);
    out.push({
      definition: m,
      featureNames,
      columns,
      trainedFrom: rows[0]!.game.startsAt,
      trainedTo: rows.at(-1)!.game.startsAt,
      trainGames: rows.length,
      spec,
      onnx: artifact.onnx,
      importances: artifact.importances,
    });
  }
  return out;
}

/** Probabilities by outcome name for a model's output row. */
export function namedProbabilities(row: number[], classes: number): Record<string, number> {
  return classes === 3 ? { home: row[0]!, draw: row[1]!, away: row[2]! } : { home: row[1]!, away: row[0]! };
}
