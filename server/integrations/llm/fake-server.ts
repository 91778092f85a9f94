import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { fakeAnalystAnswer } from "./fake-analyst";

/**
 * A stand-in for both LLM APIs on 127.0.0.1 (random port) for tests, e2e and the demo: `POST /v1/chat/completions`
 * answers in OpenAI's shape, `POST /v1/messages` in Anthropic's (and checks its `anthropic-version` header), with
 * each API's error bodies and token usage. Tests script the next answers with `enqueue`; with nothing queued it
 * plays a plausible analyst built from the prompt's facts (fake-analyst.ts).
 */

export type FakeLlmAnswer =
  /** The model's text as given: valid JSON, not JSON, wrong sums, missing fields ... */
  | { kind: "text"; text: string }
  /** An HTTP error in the provider's error shape (429, 500, 529 ...), with Retry-After when given. */
  | { kind: "status"; status: number; message?: string; retryAfter?: string }
  /** Waits before answering `then` (default: the analyst), for timeouts and overlapping calls. */
  | { kind: "slow"; delayMs: number; then?: FakeLlmAnswer }
  /** A 200 whose body is not JSON (a proxy's page). */
  | { kind: "broken-body" }
  | { kind: "analyst" };

export interface FakeLlmRequest {
  api: "openai" | "anthropic";
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  at: Date;
}

export interface FakeLlmServer {
  url: string;
  enqueue(...answers: FakeLlmAnswer[]): void;
  /** Answers still queued. */
  pending(): number;
  requests: FakeLlmRequest[];
  close(): Promise<void>;
}

export interface FakeLlmOptions {
  /** When set, a request with another key is refused with 401. */
  apiKey?: string;
  port?: number;
  /** Delay before every default (analyst) answer; lets tests overlap calls. */
  defaultDelayMs?: number;
}

const tokensOf = (text: string) => Math.max(1, Math.ceil(text.length / 4));
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

function errorBody(api: "openai" | "anthropic", status: number, message: string) {
  if (api === "openai") return { error: { message, type: status === 429 ? "rate_limit_exceeded" : status === 401 ? "invalid_request_error" : "server_error", code: null } };
  const type = status === 401 ? "authentication_error" : status === 429 ? "rate_limit_error" : status === 529 ? "overloaded_error" : status >= 500 ? "api_error" : "invalid_request_error";
  return { type: "error", error: { type, message } };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

interface ParsedRequest {
  system: string;
  user: string;
  model: string;
}

function parseRequest(api: "openai" | "anthropic", body: unknown): ParsedRequest | string {
  if (typeof body !== "object" || body === null) return "body must be a JSON object";
  const b = body as Record<string, unknown>;
  if (typeof b.model !== "string") return "model: field required";
  if (!Array.isArray(b.messages) || b.messages.length === 0) return "messages: field required";
  const messages = b.messages as { role?: unknown; content?: unknown }[];
  const user = messages.filter((m) => m.role === "user").map((m) => String(m.content)).join("\n");
  if (api === "anthropic") {
    if (typeof b.max_tokens !== "number") return "max_tokens: field required";
    return { system: typeof b.system === "string" ? b.system : "", user, model: b.model };
  }
  const system = messages.filter((m) => m.role === "system").map((m) => String(m.content)).join("\n");
  return { system, user, model: b.model };
}

export async function startFakeLlmServer(options: FakeLlmOptions = {}): Promise<FakeLlmServer> {
  const queue: FakeLlmAnswer[] = [];
  const requests: FakeLlmRequest[] = [];

  async function answer(res: ServerResponse, api: "openai" | "anthropic", request: ParsedRequest, script: FakeLlmAnswer): Promise<void> {
    switch (script.kind) {
      case "slow":
        await sleep(script.delayMs);
        return answer(res, api, request, script.then ?? { kind: "analyst" });
      case "status": {
        const headers: Record<string, string> = script.retryAfter === undefined ? {} : { "retry-after": script.retryAfter };
        return send(res, script.status, errorBody(api, script.status, script.message ?? `scripted ${script.status}`), headers);
      }
      case "broken-body":
        res.writeHead(200, { "content-type": "text/html" });
        res.end("<html>upstream gateway</html>");
        return;
      case "text":
      case "analyst": {
        if (script.kind === "analyst" && options.defaultDelayMs) await sleep(options.defaultDelayMs);
        const text = script.kind === "text" ? script.text : fakeAnalystAnswer(request.user);
        const input = tokensOf(request.system + request.user);
        const output = tokensOf(text);
        if (api === "openai") {
          return send(res, 200, {
            id: `chatcmpl-fake-${requests.length}`,
            object: "chat.completion",
            created: Math.floor(Date.now() / 1000),
            model: request.model,
            choices: [{ index: 0, message: { role: "assistant", content: text, refusal: null }, logprobs: null, finish_reason: "stop" }],
            usage: { prompt_tokens: input, completion_tokens: output, total_tokens: input + output },
          });
        }
        return send(res, 200, {
          id: `msg_fake_${requests.length}`,
          type: "message",
          role: "assistant",
          model: request.model,
          content: [{ type: "text", text }],
          stop_reason: "end_turn",
          stop_sequence: null,
          usage: { input_tokens: input, output_tokens: output },
        });
      }
    }
  }

  const server = createServer((req, res) => {
    void (async () => {
      const path = (req.url ?? "/").split("?")[0]!;
      const api = req.method === "POST" && path === "/v1/chat/completions" ? "openai" : req.method === "POST" && path === "/v1/messages" ? "anthropic" : null;
      if (!api) return send(res, 404, { error: { message: `no route ${req.method} ${path}` } });
      const text = await readBody(req);
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return send(res, 400, errorBody(api, 400, "request body is not JSON"));
      }
      requests.push({ api, path, headers: req.headers, body, at: new Date() });
      const key = api === "openai" ? (req.headers.authorization ?? "").replace(/^Bearer /, "") : req.headers["x-api-key"];
      if (options.apiKey !== undefined && key !== options.apiKey) {
        return send(res, 401, errorBody(api, 401, api === "openai" ? "Incorrect API key provided." : "invalid x-api-key"));
      }
      if (api === "anthropic" && !req.headers["anthropic-version"]) return send(res, 400, errorBody(api, 400, "anthropic-version: header is required"));
      const parsed = parseRequest(api, body);
      if (typeof parsed === "string") return send(res, 400, errorBody(api, 400, parsed));
      await answer(res, api, parsed, queue.shift() ?? { kind: "analyst" });
    })().catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, { error: { message: String(error) } });
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    enqueue: (...answers) => void queue.push(...answers),
    pending: () => queue.length,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
