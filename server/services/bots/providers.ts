import type { ProbabilityProvider } from "@/server/domain/bots/probability-source";

/**
 * Probability providers a bot can name as its source ("provider:<id>"). feat/analyst registers the LLM
 * analyst here at start-up; tests register fakes. One registry per process (Next bundles route handlers
 * separately, so it lives on globalThis).
 */
const holder = globalThis as unknown as { linesmithProbabilityProviders?: Map<string, ProbabilityProvider> };
const registry = (holder.linesmithProbabilityProviders ??= new Map());

export const PROVIDER_SOURCE = /^provider:([a-z0-9][a-z0-9_-]{0,63})$/;

export function registerProbabilityProvider(provider: ProbabilityProvider): void {
  registry.set(provider.id, provider);
}

export function unregisterProbabilityProvider(id: string): void {
  registry.delete(id);
}

export function probabilityProvider(id: string): ProbabilityProvider | null {
  return registry.get(id) ?? null;
}
