import { fitCalibrator } from "./calibrate";
import { columnMedians, impute } from "./data/impute";
import { InputError, sliceDataset, validateDataset, type Dataset, type Matrix } from "./data/matrix";
import { trainLogistic } from "./linear/logistic";
import { accuracy, logLoss } from "./metrics";
import { trainMlp } from "./mlp/mlp";
import type { CalibrationMethod, Calibrator, LogitModel, ModelKind } from "./model";
import { attr, GraphBuilder, INPUT } from "./onnx/graph";
import { parseTrainSpec, type TrainSpec } from "./spec";
import { trainGbdt } from "./trees/gbdt";

/** A trained model ready to serve: imputation, scorer and calibration, in JS and as ONNX. */
export interface Predictor {
  kind: ModelKind;
  classes: number;
  featureNames: string[];
  calibration: CalibrationMethod;
  /** Row-major [rows x classes] probabilities. */
  predict(x: Matrix): Float64Array;
  toOnnx(): Uint8Array;
  importances(): number[];
  summary: Record<string, number | string>;
}

export interface TrainResult {
  predictor: Predictor;
  trainSeconds: number;
  trainRows: number;
  validationRows: number;
  validationLogLoss: number | null;
}

export async function train(data: Dataset, given: TrainSpec): Promise<TrainResult> {
  validateDataset(data);
  const spec = parseTrainSpec(given);
  const calibration = spec.calibration ?? "none";
  const fraction = spec.validationFraction ?? 0;
  const started = performance.now();
  const fill = columnMedians(data.x);
  const clean: Dataset = { ...data, x: impute(data.x, fill) };
  const cut = Math.round(data.x.rows * (1 - fraction));
  const fit = fraction > 0 ? sliceDataset(clean, 0, cut) : clean;
  const held = fraction > 0 ? sliceDataset(clean, cut, data.x.rows) : null;
  if (fit.x.rows < 2 || (held && held.x.rows < 1)) throw new InputError("too few rows for this validation share");

  let model: LogitModel;
  if (spec.model === "logistic") model = trainLogistic(fit, spec.logistic);
  else if (spec.model === "gbdt") model = (await trainGbdt(fit, held, spec.gbdt)).model;
  else model = await trainMlp(fit, held, spec.mlp);

  const calibrator = held ? fitCalibrator(calibration, model.logits(held.x), held.y, data.classes) : fitCalibrator("none", new Float64Array(), new Int32Array(), data.classes);
  const predictor = makePredictor(model, calibrator, fill, data.featureNames);
  return {
    predictor,
    trainSeconds: (performance.now() - started) / 1000,
    trainRows: fit.x.rows,
    validationRows: held?.x.rows ?? 0,
    validationLogLoss: held ? logLoss(predictor.predict(held.x), held.y, data.classes) : null,
  };
}

function makePredictor(model: LogitModel, calibrator: Calibrator, fill: Float32Array, featureNames: string[]): Predictor {
  const K = model.classes;
  return {
    kind: model.kind,
    classes: K,
    featureNames,
    calibration: calibrator.method,
    summary: { ...model.summary, calibration: calibrator.method },
    importances: () => model.importances(),
    predict(x: Matrix) {
      if (x.cols !== model.features) throw new InputError(`expected ${model.features} features, got ${x.cols}`);
      return calibrator.apply(model.logits(impute(x, fill)), K);
    },
    toOnnx() {
      const g = new GraphBuilder();
      const imputed = g.node("Imputer", [INPUT], { imputed_value_floats: attr.floats(fill), replaced_value_float: attr.float(NaN) }, "ai.onnx.ml");
      const probabilities = calibrator.emitOnnx(g, model.emitOnnx(g, imputed), K);
      return g.encode(INPUT, model.features, probabilities, K, JSON.stringify({ kind: model.kind, classes: K, featureNames, calibration: calibrator.method }));
    },
  };
}

/** Held-out metrics of a predictor on a test set. */
export function evaluatePredictor(predictor: Predictor, test: Dataset) {
  const probs = predictor.predict(test.x);
  return { logLoss: logLoss(probs, test.y, test.classes), accuracy: accuracy(probs, test.y, test.classes), probs };
}
