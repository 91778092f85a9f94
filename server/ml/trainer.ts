import type { z } from "zod";
import type { EvaluationReport } from "@/server/domain/evaluation/report";
import { describeIssues, errorBodySchema, jobViewSchema, submittedJobSchema, train, type Dataset, type TrainRequest, type TrainSpec } from "@linesmith/gpu-service";

/** What the app needs back from a training run, wherever it ran. */
export interface TrainedArtifact {
  onnx: Uint8Array;
  importances: number[];
  trainSeconds: number;
  validationLogLoss: number | null;
}

export interface Trainer {
  where: EvaluationReport["trainer"];
  train(data: Dataset, spec: TrainSpec): Promise<TrainedArtifact>;
}

/** The trainer library in this process (no GPU_SERVICE_URL). */
export const inProcessTrainer: Trainer = {
  where: "in-process",
  async train(data, spec) {
    const result = await train(data, spec);
    return {
      onnx: result.predictor.toOnnx(),
      importances: result.predictor.importances(),
      trainSeconds: result.trainSeconds,
      validationLogLoss: result.validationLogLoss,
    };
  },
};

/** The gpu-service over HTTP: submit, poll until done, fetch the ONNX artefact. Answers are checked, not trusted. */
export function httpTrainer(baseUrl: string, token: string, pollMs = 250): Trainer {
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const call = async (path: string, init?: RequestInit) => {
    const res = await fetch(new URL(path, baseUrl), { ...init, headers });
    if (!res.ok) {
      const body = errorBodySchema.safeParse(await res.json().catch(() => null));
      throw new Error(`gpu-service ${path}: ${res.status} ${body.success ? body.data.error : res.statusText}`);
    }
    return res;
  };
  const answer = async <T>(schema: z.ZodType<T>, path: string, init?: RequestInit): Promise<T> => {
    const parsed = schema.safeParse(await (await call(path, init)).json().catch(() => null));
    if (!parsed.success) throw new Error(`gpu-service ${path} answered in an unexpected shape: ${describeIssues(parsed.error)}`);
    return parsed.data;
  };
  return {
    where: "gpu-service",
    async train(data, spec) {
      const body: TrainRequest = {
        spec,
        data: { featureNames: data.featureNames, classes: data.classes, x: Array.from(data.x.data, (v) => (Number.isNaN(v) ? null : v)), y: Array.from(data.y) },
      };
      const { id } = await answer(submittedJobSchema, "/v1/jobs", { method: "POST", body: JSON.stringify(body) });
      for (;;) {
        const job = await answer(jobViewSchema, `/v1/jobs/${id}`);
        if (job.status === "failed") throw new Error(`gpu-service training failed: ${job.error}`);
        if (job.status === "succeeded") {
          if (!job.result) throw new Error(`gpu-service /v1/jobs/${id} answered in an unexpected shape: result: missing on a finished job`);
          const onnx = new Uint8Array(await (await call(`/v1/jobs/${id}/model`)).arrayBuffer());
          const { importances, trainSeconds, validationLogLoss } = job.result;
          return { onnx, importances, trainSeconds, validationLogLoss };
        }
        await new Promise((r) => setTimeout(r, pollMs));
      }
    },
  };
}
