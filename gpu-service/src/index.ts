/** The trainer as a library: the app imports this when GPU_SERVICE_URL is not set. */
export { parseNumericCsv, formatNumericCsv } from "./data/csv";
export { InputError, matrix, fromRows, type Dataset, type Matrix } from "./data/matrix";
export { syntheticBinary, bayesLogLoss } from "./data/synthetic";
export { accuracy, logLoss } from "./metrics";
export type { CalibrationMethod, ModelKind } from "./model";
export { describeIssues, trainSpecSchema, type TrainSpec } from "./spec";
export { errorBodySchema, jobViewSchema, submittedJobSchema, type TrainRequest } from "./http/protocol";
export { loadOnnx, executionProviders, type OnnxModel } from "./onnx/runtime";
export { train, evaluatePredictor, type Predictor, type TrainResult } from "./train";
