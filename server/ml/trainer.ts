import { train, type Dataset, type TrainSpec } from "@linesmith/gpu-service";

/** What the app needs back from a training run, wherever it ran. */
export interface TrainedArtifact {
  onnx: Uint8Array;
  importances: number[];
  trainSeconds: number;
  validationLogLoss: number | null;
}

export interface Trainer {
  where: "in-process" | "gpu-service";
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

/** The gpu-service over HTTP: submit, poll until done, fetch the ONNX artefact. */
export function httpTrainer(baseUrl: string, token: string, pollMs = 250): Trainer {
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const call = async (path: string, init?: RequestInit) => {
    const res = await fetch(new URL(path, baseUrl), { ...init, headers });
    if (!res.ok) {
      const body = (await res.json().catch(() => ({}))) as { error?: string };
      throw new Error(`gpu-service ${path}: ${res.status} ${body.error ?? res.statusText}`);
    }
    return res;
  };
  return {
    where: "gpu-service",
    async train(data, spec) {
      const body = {
        spec,
        data: { featureNames: data.featureNames, classes: data.classes, x: Array.from(data.x.data, (v) => (Number.isNaN(v) ? null : v)), y: Array.from(data.y) },
      };
      const { id } = (await (await call("/v1/jobs", { method: "POST", body: JSON.stringify(body) })).json()) as { id: string };
      for (;;) {
        const job = (await (await call(`/v1/jobs/${id}`)).json()) as {
          status: string;
          error: string | null;
          result: { importances: number[]; trainSeconds: number; validationLogLoss: number | null } | null;
        };
        if (job.status === "failed") throw new Error(`gpu-service training failed: ${job.error}`);
        if (job.status === "succeeded" && job.result) {
          const onnx = new Uint8Array(await (await call(`/v1/jobs/${id}/model`)).arrayBuffer());
          return { onnx, ...job.result };
        }
        await new Promise((r) => setTimeout(r, pollMs));
      }
    },
  };
}

