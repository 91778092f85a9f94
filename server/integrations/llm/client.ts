import type { z } from "zod";
import { ProviderError, redactSecrets, type ProviderErrorKind } from "../provider-error";
import type { LlmConfig, LlmProviderName } from "./config";
import { anthropicMessageResponseSchema, llmErrorBodySchema, openAiChatResponseSchema } from "./schema";

/**
 * One client for both supported APIs: an OpenAI-compatible chat completions endpoint and Anthropic's messages
 * API. Each request has a timeout (AbortSignal); 429, 5xx (Anthropic's 529 "overloaded" included), timeouts and
 * network failures are retried with exponential backoff, honouring Retry-After up to a limit; 401/403 and other
 * 4xx fail at once. Failures are ProviderError; the key is sent only in a header and is scrubbed from every
 * message, so an error body that echoes it cannot leak it into a log.
 */

export interface LlmRequest {
  system: string;
  user: string;
  /** Cap on the answer's tokens (Anthropic requires one; sent to OpenAI-compatible servers too). */
  maxTokens: number;
  temperature?: number;
}

export interface LlmCompletion {
  text: string;
  inputTokens: number;
  outputTokens: number;
  /** HTTP requests made, retries included. */
  attempts: number;
}

export interface LlmClient {
  provider: LlmProviderName;
  model: string;
  complete(request: LlmRequest): Promise<LlmCompletion>;
}

export interface LlmClientOptions {
  fetch?: typeof fetch;
  /** Waits between retries; tests pass one that records instead of waiting. */
  sleep?: (ms: number) => Promise<void>;
  /** Tries per call, the first included (default 3). */
  maxAttempts?: number;
  /** First backoff delay, doubled on every retry (default 1 s). */
  backoffMs?: number;
  /** A Retry-After longer than this is not waited for: the call fails as rate-limited (default 60 s). */
  maxRetryAfterSeconds?: number;
}

export const ANTHROPIC_VERSION = "2023-06-01";

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Retry-After in seconds: a number of seconds or an HTTP date. */
export function retryAfterSeconds(headers: Headers, now: number): number | null {
  const value = headers.get("retry-after");
  if (value === null || value.trim() === "") return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

export function createLlmClient(config: LlmConfig, options: LlmClientOptions = {}): LlmClient {
  const doFetch = options.fetch ?? fetch;
  const sleep = options.sleep ?? defaultSleep;
  const maxAttempts = Math.max(1, options.maxAttempts ?? 3);
  const backoffMs = options.backoffMs ?? 1_000;
  const maxRetryAfter = options.maxRetryAfterSeconds ?? 60;
  const label = config.provider === "openai" ? "OpenAI-compatible API" : "Anthropic API";
  const path = config.provider === "openai" ? "/v1/chat/completions" : "/v1/messages";
  const url = `${config.baseUrl}${path}`;

  /** Removes the key (and key-like query values) from any text bound for a message. */
  const scrub = (text: string) => {
    const redacted = redactSecrets(text);
    return config.apiKey ? redacted.split(config.apiKey).join("REDACTED") : redacted;
  };
  function fail(kind: ProviderErrorKind, message: string, extra: { status?: number; retryAfterSeconds?: number | null } = {}): never {
    throw new ProviderError(`llm-${config.provider}`, kind, scrub(`${label}: ${message}`), extra);
  }

  function requestOf(request: LlmRequest): { headers: Record<string, string>; body: unknown } {
    const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json" };
    if (config.provider === "openai") {
      if (config.apiKey) headers.authorization = `Bearer ${config.apiKey}`;
      return {
        headers,
        body: {
          model: config.model,
          messages: [
            { role: "system", content: request.system },
            { role: "user", content: request.user },
          ],
          temperature: request.temperature ?? 0,
          max_tokens: request.maxTokens,
          response_format: { type: "json_object" },
        },
      };
    }
    if (config.apiKey) headers["x-api-key"] = config.apiKey;
    headers["anthropic-version"] = ANTHROPIC_VERSION;
    return {
      headers,
      body: {
        model: config.model,
        max_tokens: request.maxTokens,
        system: request.system,
        messages: [{ role: "user", content: request.user }],
        temperature: request.temperature ?? 0,
      },
    };
  }

  function parse<T>(schema: z.ZodType<T>, body: unknown): T {
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      fail("invalid-response", `unexpected response shape at ${issue.path.join(".") || "body"}: ${issue.message}`);
    }
    return parsed.data as T;
  }

  function completionOf(body: unknown, attempts: number): LlmCompletion {
    if (config.provider === "openai") {
      const r = parse(openAiChatResponseSchema, body);
      const message = r.choices[0]!.message;
      if (message.content === null) fail("invalid-response", `the model gave no text${message.refusal ? ` (refusal: ${message.refusal.slice(0, 200)})` : ""}`);
      return { text: message.content, inputTokens: r.usage?.prompt_tokens ?? 0, outputTokens: r.usage?.completion_tokens ?? 0, attempts };
    }
    const r = parse(anthropicMessageResponseSchema, body);
    const text = r.content
      .filter((block): block is { type: "text"; text: string } => block.type === "text" && typeof (block as { text?: unknown }).text === "string")
      .map((block) => block.text)
      .join("");
    return { text, inputTokens: r.usage.input_tokens, outputTokens: r.usage.output_tokens, attempts };
  }

  async function errorMessage(response: Response): Promise<string> {
    const text = await response.text().catch(() => "");
    try {
      const parsed = llmErrorBodySchema.safeParse(JSON.parse(text));
      if (parsed.success && parsed.data.error.message) return `: ${parsed.data.error.message}`;
    } catch {
      // Not JSON (a proxy's HTML page): its first line says enough.
    }
    const line = text.trim().split("\n")[0]?.slice(0, 200) ?? "";
    return line ? `: ${line}` : "";
  }

  return {
    provider: config.provider,
    model: config.model,
    async complete(request) {
      const { headers, body } = requestOf(request);
      const payload = JSON.stringify(body);
      for (let attempt = 1; ; attempt++) {
        const retry = attempt < maxAttempts;
        let response: Response;
        try {
          response = await doFetch(url, { method: "POST", headers, body: payload, signal: AbortSignal.timeout(config.timeoutMs) });
        } catch (cause) {
          const timedOut = cause instanceof Error && (cause.name === "TimeoutError" || cause.name === "AbortError");
          const reason = timedOut
            ? `no answer within ${config.timeoutMs} ms`
            : cause instanceof Error
              ? `${cause.message}${cause.cause instanceof Error ? ` (${cause.cause.message})` : ""}`
              : String(cause);
          if (retry) {
            await sleep(backoffMs * 2 ** (attempt - 1));
            continue;
          }
          fail("unavailable", `POST ${path} failed after ${attempt} attempts: ${reason}`);
        }
        if (response.ok) {
          const text = await response.text();
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            fail("invalid-response", `POST ${path} answered ${response.status} with a body that is not JSON`, { status: response.status });
          }
          return completionOf(json, attempt);
        }
        const status = response.status;
        const said = await errorMessage(response);
        if (status === 401 || status === 403) fail("unauthorized", `the API key was refused (${status})${said}. Check LLM_API_KEY.`, { status });
        if (status === 429) {
          const after = retryAfterSeconds(response.headers, Date.now());
          if (retry && (after === null || after <= maxRetryAfter)) {
            await sleep(after === null ? backoffMs * 2 ** (attempt - 1) : after * 1000);
            continue;
          }
          fail("rate-limited", `too many requests (429) after ${attempt} attempts${said}`, { status, retryAfterSeconds: after });
        }
        if (status >= 500) {
          if (retry) {
            await sleep(backoffMs * 2 ** (attempt - 1));
            continue;
          }
          fail("unavailable", `POST ${path} answered ${status} after ${attempt} attempts${said}`, { status });
        }
        fail("bad-request", `POST ${path} was refused (${status})${said}`, { status });
      }
    },
  };
}
