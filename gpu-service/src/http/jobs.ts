import { randomUUID } from "node:crypto";
import type { Dataset } from "../data/matrix";
import { yieldToEventLoop } from "../data/yield";
import type { TrainSpec } from "../spec";
import { train, type Predictor } from "../train";
import type { JobResult, JobStatus } from "./protocol";

export interface TrainingJob {
  id: string;
  status: JobStatus;
  createdAt: string;
  finishedAt: string | null;
  error: string | null;
  result: JobResult | null;
  predictor: Predictor | null;
  onnx: Uint8Array | null;
}

/**
 * Training jobs run one at a time (each already uses every core for its histograms); finished jobs are
 * kept for `retainMs` so the app can fetch the artefact, then dropped.
 */
export class JobQueue {
  private readonly jobs = new Map<string, TrainingJob>();
  private readonly pending: { job: TrainingJob; data: Dataset; spec: TrainSpec }[] = [];
  private running = false;

  constructor(private readonly retainMs = 60 * 60 * 1000) {}

  submit(data: Dataset, spec: TrainSpec): TrainingJob {
    const job: TrainingJob = { id: randomUUID(), status: "queued", createdAt: new Date().toISOString(), finishedAt: null, error: null, result: null, predictor: null, onnx: null };
    this.jobs.set(job.id, job);
    this.pending.push({ job, data, spec });
    void this.drain();
    return job;
  }

  get(id: string): TrainingJob | undefined {
    return this.jobs.get(id);
  }

  counts(): Record<JobStatus, number> {
    const out: Record<JobStatus, number> = { queued: 0, running: 0, succeeded: 0, failed: 0 };
    for (const job of this.jobs.values()) out[job.status]++;
    return out;
  }

  /** Resolves when nothing is queued or running (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running || this.pending.length) await new Promise((r) => setTimeout(r, 10));
  }

  private async drain() {
    if (this.running) return;
    this.running = true;
    try {
      for (let next = this.pending.shift(); next; next = this.pending.shift()) {
        const { job, data, spec } = next;
        job.status = "running";
        // Let the HTTP response for the submit go out before training takes the thread.
        await yieldToEventLoop();
        try {
          const result = await train(data, spec);
          job.predictor = result.predictor;
          job.onnx = result.predictor.toOnnx();
          job.result = {
            trainSeconds: result.trainSeconds,
            trainRows: result.trainRows,
            validationRows: result.validationRows,
            validationLogLoss: result.validationLogLoss,
            importances: result.predictor.importances(),
          };
          job.status = "succeeded";
        } catch (error) {
          job.status = "failed";
          job.error = error instanceof Error ? error.message : String(error);
        }
        job.finishedAt = new Date().toISOString();
        setTimeout(() => this.jobs.delete(job.id), this.retainMs).unref();
      }
    } finally {
      this.running = false;
    }
  }
}
