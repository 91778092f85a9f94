import { timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { z } from "zod";
import { InputError, matrix, type Dataset } from "../data/matrix";
import { executionProviders } from "../onnx/runtime";
import { JobQueue } from "./jobs";
import { describeIssues } from "../spec";
import { predictRequestSchema, trainRequestSchema, type JobView, type SubmittedJob } from "./protocol";

export interface ServiceOptions {
  token: string;
  maxBodyBytes?: number;
  queue?: JobQueue;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

function authorised(req: IncomingMessage, token: string): boolean {
  const header = req.headers.authorization ?? "";
  const given = Buffer.from(header.startsWith("Bearer ") ? header.slice(7) : "");
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > limit) throw new HttpError(413, `request body over ${limit} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, `request body over ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new HttpError(400, "body is not valid JSON");
  }
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (!result.success) throw new HttpError(400, describeIssues(result.error));
  return result.data;
}

function toMatrix(values: (number | null)[], cols: number): ReturnType<typeof matrix> {
  if (values.length % cols !== 0) throw new HttpError(400, `x has ${values.length} values, not a multiple of ${cols} features`);
  return matrix(values.length / cols, cols, Float32Array.from(values, (v) => (v === null ? NaN : v)));
}

/**
 * The trainer over HTTP: submit a training job, poll it, fetch its ONNX artefact, batch-predict with it.
 * Every route but /health needs the bearer token.
 */
export function createService({ token, maxBodyBytes = 64 * 1024 * 1024, queue = new JobQueue() }: ServiceOptions): Server {
  if (token.length < 16) throw new Error("GPU_SERVICE_TOKEN must be at least 16 characters");
  return createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", "http://service");
      if (req.method === "GET" && url.pathname === "/health") {
        return send(res, 200, { status: "ok", executionProviders: executionProviders(), jobs: queue.counts() });
      }
      if (!authorised(req, token)) throw new HttpError(401, "missing or wrong bearer token");

      if (req.method === "POST" && url.pathname === "/v1/jobs") {
        const body = parse(trainRequestSchema, await readJson(req, maxBodyBytes));
        const cols = body.data.featureNames.length;
        const x = toMatrix(body.data.x, cols);
        if (x.rows !== body.data.y.length) throw new HttpError(400, `${x.rows} rows of features but ${body.data.y.length} labels`);
        const data: Dataset = { x, y: Int32Array.from(body.data.y), classes: body.data.classes, featureNames: body.data.featureNames };
        const job = queue.submit(data, body.spec);
        return send(res, 202, { id: job.id, status: job.status } satisfies SubmittedJob);
      }
      const jobRoute = url.pathname.match(/^\/v1\/jobs\/([0-9a-f-]{36})(\/model)?$/);
      if (req.method === "GET" && jobRoute) {
        const job = queue.get(jobRoute[1]!);
        if (!job) throw new HttpError(404, "no such job (finished jobs are kept for an hour)");
        if (!jobRoute[2]) {
          const { predictor: _p, onnx, ...rest } = job;
          return send(res, 200, { ...rest, onnxBytes: onnx?.length ?? null } satisfies JobView);
        }
        if (!job.onnx) throw new HttpError(409, `job is ${job.status}; the model exists once it has succeeded`);
        res.writeHead(200, { "content-type": "application/octet-stream", "content-length": job.onnx.length });
        return res.end(Buffer.from(job.onnx));
      }
      if (req.method === "POST" && url.pathname === "/v1/predict") {
        const body = parse(predictRequestSchema, await readJson(req, maxBodyBytes));
        const job = queue.get(body.jobId);
        if (!job?.predictor) throw new HttpError(job ? 409 : 404, job ? `job is ${job.status}` : "no such job");
        const probabilities = job.predictor.predict(toMatrix(body.x, job.predictor.featureNames.length));
        return send(res, 200, { classes: job.predictor.classes, probabilities: Array.from(probabilities) });
      }
      throw new HttpError(404, `no route ${req.method} ${url.pathname}`);
    } catch (error) {
      if (error instanceof HttpError) return send(res, error.status, { error: error.message });
      if (error instanceof InputError) return send(res, 400, { error: error.message });
      console.error("gpu-service: request failed", error instanceof Error ? error.message : error);
      return send(res, 500, { error: "internal error" });
    }
  });
}
