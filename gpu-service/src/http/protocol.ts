import { z } from "zod";
import { trainSpecSchema } from "../spec";

/** Wire format shared by the HTTP service and its client in the app: requests and answers. */
export const trainRequestSchema = z.strictObject({
  spec: trainSpecSchema,
  data: z.strictObject({
    featureNames: z.array(z.string().max(200)).min(1).max(10_000),
    classes: z.number().int().min(2).max(100),
    /** Row-major feature values, rows x featureNames.length; null for a missing value. */
    x: z.array(z.number().nullable()),
    y: z.array(z.number().int().nonnegative()),
  }),
});

export type TrainRequest = z.infer<typeof trainRequestSchema>;

export const predictRequestSchema = z.strictObject({
  jobId: z.uuid(),
  x: z.array(z.number().nullable()),
});

export const jobStatusSchema = z.enum(["queued", "running", "succeeded", "failed"]);
export type JobStatus = z.infer<typeof jobStatusSchema>;

export const jobResultSchema = z.object({
  trainSeconds: z.number(),
  trainRows: z.number().int(),
  validationRows: z.number().int(),
  validationLogLoss: z.number().nullable(),
  importances: z.array(z.number()),
});
export type JobResult = z.infer<typeof jobResultSchema>;

/** The answer to POST /v1/jobs. */
export const submittedJobSchema = z.object({ id: z.uuid(), status: jobStatusSchema });
export type SubmittedJob = z.infer<typeof submittedJobSchema>;

/** The answer to GET /v1/jobs/:id. */
export const jobViewSchema = z.object({
  id: z.uuid(),
  status: jobStatusSchema,
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
  result: jobResultSchema.nullable(),
  onnxBytes: z.number().int().nullable(),
});
export type JobView = z.infer<typeof jobViewSchema>;

/** Every 4xx/5xx answer. */
export const errorBodySchema = z.object({ error: z.string() });
