import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { syntheticBinary } from "../src/data/synthetic";
import { JobQueue } from "../src/http/jobs";
import { createService } from "../src/http/server";
import { loadOnnx } from "../src/onnx/runtime";

const token = "test-token-0123456789";
const queue = new JobQueue();
const server = createService({ token, maxBodyBytes: 2 * 1024 * 1024, queue });
let base = "";
const auth = { authorization: `Bearer ${token}`, "content-type": "application/json" };

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function trainBody(rows = 800) {
  const { data } = syntheticBinary(rows, 31, 5);
  return { spec: { model: "logistic", calibration: "platt", validationFraction: 0.2 }, data: { featureNames: data.featureNames, classes: 2, x: Array.from(data.x.data), y: Array.from(data.y) } };
}

describe("gpu-service over HTTP", () => {
  it("reports its ONNX Runtime execution providers without a token", async () => {
    const res = await fetch(`${base}/health`);
    const body = await res.json();
    expect(res.status).toBe(200);
    expect(body.executionProviders.map((p: { name: string }) => p.name)).toContain("cpu");
  });

  it("refuses requests without the right bearer token", async () => {
    expect((await fetch(`${base}/v1/jobs`, { method: "POST", body: "{}" })).status).toBe(401);
    expect((await fetch(`${base}/v1/jobs`, { method: "POST", body: "{}", headers: { authorization: "Bearer wrong-token-0123456" } })).status).toBe(401);
  });

  it("answers bad input with a 4xx that says what is wrong", async () => {
    const bad = await fetch(`${base}/v1/jobs`, { method: "POST", headers: auth, body: JSON.stringify({ ...trainBody(), spec: { model: "forest" } }) });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/spec.model/);
    const ragged = trainBody();
    ragged.data.x.pop();
    const shape = await fetch(`${base}/v1/jobs`, { method: "POST", headers: auth, body: JSON.stringify(ragged) });
    expect(shape.status).toBe(400);
    expect((await shape.json()).error).toMatch(/multiple of 5/);
    expect((await fetch(`${base}/v1/jobs`, { method: "POST", headers: auth, body: "{not json" })).status).toBe(400);
    const huge = await fetch(`${base}/v1/jobs`, { method: "POST", headers: auth, body: JSON.stringify(trainBody(60_000)) });
    expect(huge.status).toBe(413);
    expect((await fetch(`${base}/v1/jobs/00000000-0000-4000-8000-000000000000`, { headers: auth })).status).toBe(404);
  });

  it("passes every trainer parameter through to the trainer", async () => {
    const spec = {
      model: "gbdt",
      calibration: "platt",
      validationFraction: 0.2,
      gbdt: { trees: 10, threads: 1, maxBins: 64, minSumHessian: 0.01 },
      mlp: { batchSize: 8, patience: 3 },
    };
    const submit = vi.spyOn(queue, "submit");
    const res = await fetch(`${base}/v1/jobs`, { method: "POST", headers: auth, body: JSON.stringify({ ...trainBody(), spec }) });
    expect(res.status).toBe(202);
    expect(submit.mock.lastCall?.[1]).toEqual(spec);
    submit.mockRestore();
    await queue.idle();
  });

  it("refuses parameters it does not know, naming them", async () => {
    const res = await fetch(`${base}/v1/jobs`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ ...trainBody(), spec: { model: "gbdt", gbdt: { trees: 10, tres: 5, maxbins: 64 } } }),
    });
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error).toMatch(/spec\.gbdt/);
    expect(error).toMatch(/"tres"/);
    expect(error).toMatch(/"maxbins"/);
  });

  it("refuses parameters out of their bounds, naming the field", async () => {
    const res = await fetch(`${base}/v1/jobs`, { method: "POST", headers: auth, body: JSON.stringify({ ...trainBody(), spec: { model: "gbdt", gbdt: { maxBins: 1000 } } }) });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/spec\.gbdt\.maxBins/);
  });

  it("runs a job end to end: submit, poll, fetch ONNX, batch-predict", async () => {
    const submit = await fetch(`${base}/v1/jobs`, { method: "POST", headers: auth, body: JSON.stringify(trainBody()) });
    expect(submit.status).toBe(202);
    const { id } = await submit.json();
    await queue.idle();
    const job = await (await fetch(`${base}/v1/jobs/${id}`, { headers: auth })).json();
    expect(job.status).toBe("succeeded");
    expect(job.result.trainRows).toBe(640);
    expect(job.result.importances).toHaveLength(5);
    const model = await fetch(`${base}/v1/jobs/${id}/model`, { headers: auth });
    expect(model.headers.get("content-type")).toBe("application/octet-stream");
    const session = await loadOnnx(new Uint8Array(await model.arrayBuffer()));
    const rows = [0.1, -0.3, 1.2, 0, 2, -1, 0.5, 0.5, 0.5, null];
    const predicted = await (await fetch(`${base}/v1/predict`, { method: "POST", headers: auth, body: JSON.stringify({ jobId: id, x: rows }) })).json();
    const onnx = await session.run({ rows: 2, cols: 5, data: Float32Array.from(rows, (v) => v ?? NaN) });
    expect(predicted.probabilities).toHaveLength(4);
    predicted.probabilities.forEach((p: number, i: number) => expect(Math.abs(p - onnx[i]!)).toBeLessThan(1e-5));
    await session.release();
  });
});
