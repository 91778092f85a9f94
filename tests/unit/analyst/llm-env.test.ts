import { describe, expect, it } from "vitest";
import { parseEnv } from "@/server/env";

const valid = { DATABASE_URL: "postgresql://u@127.0.0.1:5432/db", NEXTAUTH_SECRET: "x".repeat(32) };

describe("LLM settings", () => {
  it("leave the analyst off by default, with a 200,000-token monthly budget", () => {
    const e = parseEnv(valid);
    expect(e.LLM_PROVIDER).toBeUndefined();
    expect(e.LLM_MONTHLY_TOKEN_BUDGET).toBe(200_000);
  });

  it("name what is missing or wrong", () => {
    expect(() => parseEnv({ ...valid, LLM_PROVIDER: "gemini" })).toThrow(/LLM_PROVIDER must be openai .* or anthropic/);
    expect(() => parseEnv({ ...valid, LLM_PROVIDER: "openai", LLM_API_KEY: "k" })).toThrow(/LLM_MODEL is required/);
    expect(() => parseEnv({ ...valid, LLM_PROVIDER: "anthropic", LLM_MODEL: "m" })).toThrow(/LLM_API_KEY is required/);
    expect(() => parseEnv({ ...valid, LLM_MONTHLY_TOKEN_BUDGET: "lots" })).toThrow(/LLM_MONTHLY_TOKEN_BUDGET must be a whole number/);
    // A local OpenAI-compatible server may need no key.
    expect(parseEnv({ ...valid, LLM_PROVIDER: "openai", LLM_MODEL: "m", LLM_BASE_URL: "http://127.0.0.1:11434" }).LLM_API_KEY).toBeUndefined();
  });
});
