import type {
  CollectedInjury,
  CollectedPrice,
  CollectedScore,
  CollectedWeather,
  Mapped,
} from "@/server/domain/collectors/types";
import type { Queryable } from "@/server/db/pool";
import type { Env } from "@/server/env";
import { PROVIDER_FACTORIES } from "./adapters";

/**
 * What a live provider offers the collection services: whether it is configured, and one collection pass
 * that returns mapped rows (the provider's client and pure mapping do the fetching and validation).
 */
export const PROVIDER_NAMES = ["the-odds-api", "espn", "open-meteo", "espn-injuries", "replay"] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];

export function isProviderName(value: string): value is ProviderName {
  return (PROVIDER_NAMES as readonly string[]).includes(value);
}

export interface CollectPass {
  /** HTTP requests the pass made. */
  requests: number;
  prices?: Mapped<CollectedPrice>;
  scores?: Mapped<CollectedScore>;
  weather?: Mapped<CollectedWeather>;
  injuries?: Mapped<CollectedInjury>;
  /** Leagues whose whole injury report was read without a refused row (recovered players are cleared there). */
  injuriesCompleteLeagues?: string[];
  /** From the provider's quota headers; null or absent when it has none. */
  quota?: { remaining: number; used: number } | null;
}

export interface CollectContext {
  sport?: string;
  now: Date;
  /** The job running the pass (odds, scores, weather, injuries); absent from the command line: read everything. */
  kind?: "odds" | "scores" | "weather" | "injuries";
  /** For providers that ask about stored games (the weather collector asks which games are outdoors). */
  db?: Queryable;
}

export interface Provider {
  name: ProviderName;
  /** Why the provider cannot run ("set ODDS_API_KEY"), or null when it can. */
  notConfigured(): string | null;
  /**
   * One pass. Throws when the provider could not be reached, refused the key or answered with something
   * unusable as a whole; rows it refuses one by one come back in `rejected`.
   */
  collect(ctx: CollectContext): Promise<CollectPass>;
}

/** What each Inngest collection job polls. */
export const PROVIDER_KINDS: Record<"odds" | "scores" | "weather" | "injuries", ProviderName[]> = {
  odds: ["the-odds-api", "replay"],
  scores: ["espn", "the-odds-api", "replay"],
  weather: ["open-meteo"],
  injuries: ["espn-injuries"],
};

/** Every provider, configured or not, by name. */
export function providers(env: Env): Record<ProviderName, Provider> {
  return Object.fromEntries(PROVIDER_NAMES.map((name) => [name, PROVIDER_FACTORIES[name](env)])) as Record<
    ProviderName,
    Provider
  >;
}
