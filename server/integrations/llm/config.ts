import type { Env } from "@/server/env";

export type LlmProviderName = "openai" | "anthropic";

export interface LlmConfig {
  provider: LlmProviderName;
  /** Without a trailing slash or "/v1": the client adds the API's path. */
  baseUrl: string;
  apiKey: string | null;
  model: string;
  timeoutMs: number;
}

export type LlmSetting = { on: true; config: LlmConfig } | { on: false; reason: string };

const DEFAULT_BASE_URL: Record<LlmProviderName, string> = {
  openai: "https://api.openai.com",
  anthropic: "https://api.anthropic.com",
};

/** "http://host:8000/v1/" and "http://host:8000" both name the same API root. */
export function normaliseBaseUrl(url: string): string {
  return url.replace(/\/+$/, "").replace(/\/v1$/, "");
}

/** The analyst's LLM as configured, or why it is off (the message the UI and the logs show). */
export function llmSettingOf(env: Pick<Env, "LLM_PROVIDER" | "LLM_BASE_URL" | "LLM_API_KEY" | "LLM_MODEL" | "LLM_TIMEOUT_MS">): LlmSetting {
  if (!env.LLM_PROVIDER) {
    return { on: false, reason: "The AI analyst is off: set LLM_PROVIDER (openai or anthropic), LLM_MODEL and LLM_API_KEY to turn it on." };
  }
  if (!env.LLM_MODEL) return { on: false, reason: "The AI analyst is off: LLM_MODEL is not set." };
  return {
    on: true,
    config: {
      provider: env.LLM_PROVIDER,
      baseUrl: normaliseBaseUrl(env.LLM_BASE_URL ?? DEFAULT_BASE_URL[env.LLM_PROVIDER]),
      apiKey: env.LLM_API_KEY ?? null,
      model: env.LLM_MODEL,
      timeoutMs: env.LLM_TIMEOUT_MS,
    },
  };
}
