import type { ProbabilityProvider } from "@/server/domain/bots/probability-source";

/**
 * Probability providers a bot can name as its source ("provider:<id>"). A provider may be per user (the LLM
 * analyst keeps each user's token budget), so the registry holds a factory by id; the analyst is registered at
 * start-up as `registerProbabilityProvider("analyst", (userId) => analystProvider(pool, userId))`, tests
 * register fakes. One registry per process (Next bundles route handlers separately, so it lives on globalThis).
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
  return registry.has(id);
}

/** The provider `id` for `userId`, or null when none is registered under that id. */
export function probabilityProvider(id: string, userId: string): ProbabilityProvider | null {
  return registry.get(id)?.(userId) ?? null;
}
