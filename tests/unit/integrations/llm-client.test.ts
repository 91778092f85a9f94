import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildPrompt } from "@/server/domain/analyst/prompt";
import { parseAnalystAnswer } from "@/server/domain/analyst/answer";
import { createLlmClient, type LlmClient } from "@/server/integrations/llm/client";
import { llmSettingOf, normaliseBaseUrl } from "@/server/integrations/llm/config";
import { startFakeLlmServer, type FakeLlmServer } from "@/server/integrations/llm/fake-server";
import { ProviderError } from "@/server/integrations/provider-error";
import { sampleFacts } from "../analyst/facts-fixture";

const KEY = "sk-test-very-secret-key-0123456789";
let fake: FakeLlmServer;
const slept: number[] = [];

beforeAll(async () => {
  fake = await startFakeLlmServer({ apiKey: KEY });
});
afterAll(() => fake.close());

function client(provider: "openai" | "anthropic", overrides: { apiKey?: string; timeoutMs?: number } = {}): LlmClient {
  return createLlmClient(
    { provider, baseUrl: fake.url, apiKey: overrides.apiKey ?? KEY, model: provider === "openai" ? "gpt-test" : "claude-test", timeoutMs: overrides.timeoutMs ?? 5_000 },
    { sleep: async (ms) => void slept.push(ms), backoffMs: 10 },
  );
}

const prompt = buildPrompt(sampleFacts());
const request = { ...prompt, maxTokens: 400 };

async function failure(p: Promise<unknown>): Promise<ProviderError> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe.each(["openai", "anthropic"] as const)("%s client against the fake server", (provider) => {
  it("sends the API's request shape and reads the text and token usage", async () => {
    const before = fake.requests.length;
    const answer = await client(provider).complete(request);
    const sent = fake.requests.at(-1)!;
    expect(fake.requests.length).toBe(before + 1);
    if (provider === "openai") {
      expect(sent.path).toBe("/v1/chat/completions");
      expect(sent.headers.authorization).toBe(`Bearer ${KEY}`);
      expect(sent.body).toMatchObject({
        model: "gpt-test",
        response_format: { type: "json_object" },
        messages: [
          { role: "system", content: prompt.system },
          { role: "user", content: prompt.user },
        ],
      });
    } else {
      expect(sent.path).toBe("/v1/messages");
      expect(sent.headers["x-api-key"]).toBe(KEY);
      expect(sent.headers["anthropic-version"]).toBe("2023-06-01");
      expect(sent.body).toMatchObject({ model: "claude-test", max_tokens: 400, system: prompt.system, messages: [{ role: "user", content: prompt.user }] });
    }
    expect(answer.inputTokens).toBeGreaterThan(100);
    expect(answer.outputTokens).toBeGreaterThan(10);
    expect(answer.attempts).toBe(1);
    // The default analyst answers a valid, plausible answer from the prompt's facts.
    const parsed = parseAnalystAnswer(answer.text, ["home", "draw", "away"]);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.answer.probabilities.home).toBeGreaterThan(parsed.answer.probabilities.away!);
  });

  it("refuses a wrong key with 'unauthorized' at once, and never shows the key", async () => {
    const before = fake.requests.length;
    const wrong = "sk-wrong-key-that-must-not-leak-42";
    const error = await failure(client(provider, { apiKey: wrong }).complete(request));
    expect(error.kind).toBe("unauthorized");
    expect(error.status).toBe(401);
    expect(error.message).toMatch(/LLM_API_KEY/);
    expect(error.message).not.toContain(wrong);
    expect(fake.requests.length).toBe(before + 1);
  });

  it("waits Retry-After on a 429 and then succeeds", async () => {
    slept.length = 0;
    fake.enqueue({ kind: "status", status: 429, retryAfter: "7" }, { kind: "text", text: '{"ok":1}' });
    const answer = await client(provider).complete(request);
    expect(answer).toMatchObject({ text: '{"ok":1}', attempts: 2 });
    expect(slept).toEqual([7_000]);
  });

  it("retries 5xx with backoff, and gives up as 'unavailable' after three attempts", async () => {
    slept.length = 0;
    fake.enqueue({ kind: "status", status: 500 }, { kind: "status", status: provider === "anthropic" ? 529 : 503 }, { kind: "text", text: "{}" });
    expect(await client(provider).complete(request)).toMatchObject({ text: "{}", attempts: 3 });
    expect(slept).toEqual([10, 20]);
    fake.enqueue({ kind: "status", status: 500 }, { kind: "status", status: 502 }, { kind: "status", status: 500, message: `echo ${KEY}` });
    const error = await failure(client(provider).complete(request));
    expect(error.kind).toBe("unavailable");
    expect(error.message).toMatch(/500 after 3 attempts/);
    expect(error.message).not.toContain(KEY);
  });

  it("times out a slow answer and retries it", async () => {
    fake.enqueue({ kind: "slow", delayMs: 700, then: { kind: "text", text: "late" } }, { kind: "text", text: "in time" });
    expect(await client(provider, { timeoutMs: 300 }).complete(request)).toMatchObject({ text: "in time", attempts: 2 });
    fake.enqueue(...[1, 2, 3].map(() => ({ kind: "slow" as const, delayMs: 700 })));
    const error = await failure(client(provider, { timeoutMs: 300 }).complete(request));
    expect(error.kind).toBe("unavailable");
    expect(error.message).toMatch(/no answer within 300 ms/);
  });

  it("calls a 200 whose body is not JSON an invalid response", async () => {
    fake.enqueue({ kind: "broken-body" });
    expect((await failure(client(provider).complete(request))).kind).toBe("invalid-response");
  });

  it("passes the model's text on untouched when it is not JSON: the answer parser refuses it", async () => {
    fake.enqueue({ kind: "text", text: "I think the home side wins." });
    const answer = await client(provider).complete(request);
    expect(parseAnalystAnswer(answer.text, ["home", "draw", "away"])).toEqual({ ok: false, error: expect.stringMatching(/not JSON/) });
  });
});

describe("configuration", () => {
  it("is off with a clear message when LLM_PROVIDER is unset", () => {
    expect(llmSettingOf({ LLM_TIMEOUT_MS: 60_000 })).toEqual({ on: false, reason: expect.stringMatching(/set LLM_PROVIDER/) });
  });
  it("defaults the base URL per provider and accepts one given with /v1", () => {
    const s = llmSettingOf({ LLM_PROVIDER: "anthropic", LLM_MODEL: "m", LLM_API_KEY: "k", LLM_TIMEOUT_MS: 60_000 });
    expect(s.on && s.config.baseUrl).toBe("https://api.anthropic.com");
    expect(normaliseBaseUrl("http://127.0.0.1:8000/v1/")).toBe("http://127.0.0.1:8000");
  });
});
