import { ANALYST_CONFIDENCE_GATE } from "@/server/domain/analyst/answer";
import type { ProbabilityProvider } from "@/server/domain/bots/probability-source";
import { bulkPool } from "@/server/db/client";
import { env } from "@/server/env";
import { llmSettingOf } from "@/server/integrations/llm/config";
import { ANALYST_PROVIDER_ID, analystProvider } from "@/server/services/analyst/provider";

/**
 * Probability providers a bot can name as its source ("provider:<id>"). A provider may be per user (the LLM
 * analyst keeps each user's token budget), so the registry holds a factory by id; the analyst is built in
 * (available when an LLM is configured), tests register fakes. One registry per process (Next bundles route handlers separately, so it lives on globalThis).
 */
export type ProviderFactory = (userId: string) => ProbabilityProvider;

const holder = globalThis as unknown as { linesmithProbabilityProviders?: Map<string, ProviderFactory> };
const registry = (holder.linesmithProbabilityProviders ??= new Map<string, ProviderFactory>());

export const PROVIDER_SOURCE = /^provider:([a-z0-9][a-z0-9_-]{0,63})$/;

export function registerProbabilityProvider(id: string, factory: ProviderFactory): void {
  registry.set(id, factory);
}

export function unregisterProbabilityProvider(id: string): void {
  registry.delete(id);
}

export function hasProbabilityProvider(id: string): boolean {
  return factoryOf(id) !== null;
}

/**
 * Built in: Benny, the AI analyst, whenever an LLM is configured (LLM_PROVIDER...). Its answers below 65%
 * confidence are never bet on; sizing stays with the strategy (half Kelly in Benny's template).
 */
function builtIn(id: string): ProviderFactory | null {
  if (id !== ANALYST_PROVIDER_ID || !llmSettingOf(env()).on) return null;
  return (userId) => ({ ...analystProvider(bulkPool, userId), minConfidence: ANALYST_CONFIDENCE_GATE });
}

function factoryOf(id: string): ProviderFactory | null {
  return registry.get(id) ?? builtIn(id);
}

/** The provider `id` for `userId`, or null when none is registered under that id. */
export function probabilityProvider(id: string, userId: string): ProbabilityProvider | null {
  return factoryOf(id)?.(userId) ?? null;
}

/** The providers a bot can use on this server now, for the new-bot form; the analyst says why it is off. */
export function availableProviders(): { id: string; label: string; available: boolean; reason: string | null }[] {
  const llm = llmSettingOf(env());
  const analyst = {
    id: ANALYST_PROVIDER_ID,
    label: "Benny, the AI analyst (LLM)",
    available: llm.on,
    reason: llm.on ? null : llm.reason,
  };
  const others = [...registry.keys()]
    .filter((id) => id !== ANALYST_PROVIDER_ID)
    .map((id) => ({ id, label: id, available: true, reason: null }));
  return [analyst, ...others];
}
