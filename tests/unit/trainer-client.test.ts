import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Dataset } from "@/gpu-service/src/data/matrix";
import { JobQueue } from "@/gpu-service/src/http/jobs";
import { createService } from "@/gpu-service/src/http/server";
import { recordsFromBatch } from "@/server/domain/features/records";
import { parseFootballData } from "@/server/domain/imports/football-data";
import { evaluateModels } from "@/server/ml/evaluate";
import { httpTrainer, inProcessTrainer } from "@/server/ml/trainer";
import { syntheticLeagueCsv } from "../support/synthetic-league";

const token = "test-token-0123456789";
const queue = new JobQueue();
const server = createService({ token, maxBodyBytes: 2 * 1024 * 1024, queue });
let base = "";

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const tiny: Dataset = { x: { rows: 4, cols: 1, data: Float32Array.of(0, 1, 2, 3) }, y: Int32Array.of(0, 1, 0, 1), classes: 2, featureNames: ["a"] };

/** A service that answers every route with the given bodies, to see what the client does with them. */
async function fakeService(job: unknown): Promise<{ url: string; close: () => Promise<void> }> {
  const fake = createServer((req, res) => {
    if (req.url?.endsWith("/model")) return res.writeHead(200, { "content-type": "application/octet-stream" }).end(Buffer.from([1, 2, 3]));
    const status = req.method === "POST" ? 202 : 200;
    const body = req.method === "POST" ? { id: "00000000-0000-4000-8000-000000000000", status: "queued" } : job;
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => fake.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(fake.address() as AddressInfo).port}`, close: () => new Promise((resolve) => fake.close(() => resolve())) };
}

describe("the app's trainer client", () => {
  it("evaluates through the service exactly as in-process", async () => {
    const records = recordsFromBatch(parseFootballData(syntheticLeagueCsv([2015, 2016, 2017]), "synthetic.csv"));
    const options = { fromSeason: 2017, models: ["logistic", "gbdt"] };
    const remote = await evaluateModels(records, httpTrainer(base, token, 10), options);
    const local = await evaluateModels(records, inProcessTrainer, options);
    expect(remote.trainer).toBe("gpu-service");
    expect(remote.models.map((m) => m.rps)).toEqual(local.models.map((m) => m.rps));
    await expect(httpTrainer(base, "wrong-token-wrong-token").train({ x: { rows: 2, cols: 1, data: Float32Array.of(0, 1) }, y: Int32Array.of(0, 1), classes: 2, featureNames: ["a"] }, { model: "logistic" })).rejects.toThrow(/401/);
  }, 60_000);

  it("sends every trainer parameter, and the service trains with them", async () => {
    const submit = vi.spyOn(queue, "submit");
    const spec = { model: "gbdt" as const, gbdt: { trees: 3, threads: 1, maxBins: 64 }, mlp: { batchSize: 8, patience: 3 } };
    await httpTrainer(base, token, 10).train(tiny, spec);
    expect(submit.mock.lastCall?.[1]).toEqual(spec);
    submit.mockRestore();
  });

  it("refuses an answer of the wrong shape instead of trusting it", async () => {
    const fake = await fakeService({ id: "00000000-0000-4000-8000-000000000000", status: "succeeded", createdAt: "x", finishedAt: null, error: null, result: { importances: "all", trainSeconds: 1 } });
    try {
      await expect(httpTrainer(fake.url, token, 10).train(tiny, { model: "logistic" })).rejects.toThrow(/gpu-service.*result/);
    } finally {
      await fake.close();
    }
  });
});
