import { env } from "@/server/env";
import { createLlmClient, type LlmClient, type LlmClientOptions } from "./client";
import { llmSettingOf } from "./config";

export { createLlmClient, type LlmClient, type LlmCompletion, type LlmRequest } from "./client";
export { llmSettingOf, type LlmConfig, type LlmProviderName } from "./config";

/** The client the environment configures, or why the analyst is off. */
export function llmClientFromEnv(options: LlmClientOptions = {}): { client: LlmClient } | { off: string } {
  const setting = llmSettingOf(env());
  return setting.on ? { client: createLlmClient(setting.config, options) } : { off: setting.reason };
}
