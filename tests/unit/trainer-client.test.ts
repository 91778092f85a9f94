import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
});
