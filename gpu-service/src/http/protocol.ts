import { z } from "zod";

/** Wire format shared by the HTTP service and its client in the app. */
export const trainRequestSchema = z.object({
  spec: z.object({
    model: z.enum(["logistic", "gbdt", "mlp"]),
    calibration: z.enum(["none", "platt", "isotonic", "temperature"]).optional(),
    validationFraction: z.number().min(0).max(0.9).optional(),
    logistic: z.object({ l2: z.number().nonnegative().optional(), maxIterations: z.number().int().positive().max(10_000).optional() }).optional(),
    gbdt: z
      .object({
        trees: z.number().int().positive().max(10_000).optional(),
        leaves: z.number().int().min(2).max(255).optional(),
        learningRate: z.number().positive().max(1).optional(),
        maxDepth: z.number().int().optional(),
        minDataInLeaf: z.number().int().positive().optional(),
        lambda: z.number().nonnegative().optional(),
        rowSample: z.number().positive().max(1).optional(),
        featureSample: z.number().positive().max(1).optional(),
        earlyStoppingRounds: z.number().int().positive().optional(),
        seed: z.number().int().optional(),
      })
      .optional(),
    mlp: z
      .object({
        hidden: z.number().int().positive().max(1024).optional(),
        epochs: z.number().int().positive().max(1000).optional(),
        learningRate: z.number().positive().max(1).optional(),
        l2: z.number().nonnegative().optional(),
        seed: z.number().int().optional(),
      })
      .optional(),
  }),
  data: z.object({
    featureNames: z.array(z.string().max(200)).min(1).max(10_000),
    classes: z.number().int().min(2).max(100),
    /** Row-major feature values, rows x featureNames.length; null for a missing value. */
    x: z.array(z.number().nullable()),
    y: z.array(z.number().int().nonnegative()),
  }),
});

export type TrainRequest = z.infer<typeof trainRequestSchema>;

export const predictRequestSchema = z.object({
  jobId: z.string().uuid(),
  x: z.array(z.number().nullable()),
});
