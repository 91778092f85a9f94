import { z } from "zod";
import { InputError } from "./data/matrix";
import { CALIBRATION_METHODS, MODEL_KINDS } from "./model";

/*
 * Every parameter the trainer accepts, defined once: the library, the HTTP service and the app's client take
 * their types from these schemas. Objects are strict, so a misspelt or unsupported parameter is refused by
 * name instead of silently dropped, and bounds keep a request from asking for a job that cannot finish.
 */

const count = (max: number) => z.number().int().min(1).max(max);
const share = z.number().gt(0).max(1);
const seed = z.number().int().min(0).max(0xffff_ffff);

export const logisticOptionsSchema = z.strictObject({
  /** L2 strength on standardised weights (not on intercepts), per row: objective = mean log loss + l2/2 * |w|^2. */
  l2: z.number().min(0).max(1e6).optional(),
  maxIterations: count(10_000).optional(),
});

export const gbdtOptionsSchema = z.strictObject({
  trees: count(10_000).optional(),
  leaves: z.number().int().min(2).max(255).optional(),
  learningRate: z.number().gt(0).max(1).optional(),
  /** -1 (or 0) for no depth limit; growth is leaf-wise and bounded by `leaves` anyway. */
  maxDepth: z.number().int().min(-1).max(64).optional(),
  minDataInLeaf: count(1_000_000).optional(),
  minSumHessian: z.number().min(0).max(1e6).optional(),
  lambda: z.number().min(0).max(1e6).optional(),
  /** Bin indices are stored as bytes, so at most 256 bins per feature. */
  maxBins: z.number().int().min(2).max(256).optional(),
  /** Fraction of rows each tree sees (bagging); 1 uses all. */
  rowSample: share.optional(),
  /** Fraction of features each tree may split on. */
  featureSample: share.optional(),
  /** Stop when the validation loss has not improved for this many rounds (needs a validation set). */
  earlyStoppingRounds: count(10_000).optional(),
  threads: count(64).optional(),
  seed: seed.optional(),
});

export const mlpOptionsSchema = z.strictObject({
  hidden: count(1024).optional(),
  epochs: count(1000).optional(),
  batchSize: count(65_536).optional(),
  learningRate: z.number().gt(0).max(1).optional(),
  l2: z.number().min(0).max(1e6).optional(),
  /** Stop after this many epochs without a better validation loss. */
  patience: count(1000).optional(),
  seed: seed.optional(),
});

export const trainSpecSchema = z
  .strictObject({
    model: z.enum(MODEL_KINDS),
    calibration: z.enum(CALIBRATION_METHODS).optional(),
    /**
     * Share of the training rows, taken from the end (rows are assumed in time order), held out for early
     * stopping and calibration. 0 trains on everything and allows no calibration.
     */
    validationFraction: z.number().min(0).lt(0.9).optional(),
    logistic: logisticOptionsSchema.optional(),
    gbdt: gbdtOptionsSchema.optional(),
    mlp: mlpOptionsSchema.optional(),
  })
  .refine((s) => (s.calibration ?? "none") === "none" || (s.validationFraction ?? 0) > 0, {
    path: ["validationFraction"],
    message: "calibration needs a validation share above 0",
  });

export type TrainSpec = z.infer<typeof trainSpecSchema>;
export type LogisticOptions = z.infer<typeof logisticOptionsSchema>;
export type GbdtOptions = z.infer<typeof gbdtOptionsSchema>;
export type MlpOptions = z.infer<typeof mlpOptionsSchema>;

/** Every problem of a failed parse, each with the path of its field, in one line. */
export function describeIssues(error: z.ZodError, root = "body"): string {
  return error.issues.map((issue) => `${issue.path.length ? issue.path.join(".") : root}: ${issue.message}`).join("; ");
}

/** The spec, checked; callers without types (JSON, JavaScript) get an InputError naming each bad field. */
export function parseTrainSpec(spec: unknown): TrainSpec {
  const result = trainSpecSchema.safeParse(spec);
  if (!result.success) throw new InputError(describeIssues(result.error, "spec"));
  return result.data;
}
