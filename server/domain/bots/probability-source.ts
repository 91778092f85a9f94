import type { Market, SelectionKey } from "../vocabulary";

/**
 * Where a bot's probabilities come from besides the market and stored model predictions: a pluggable
 * provider (the LLM analyst "Benny" implements one in feat/analyst). The provider only says how likely each
 * selection is; deterministic code (the strategy's one evaluator and its staking) decides and sizes the bet.
 */

/** What the product knows about one upcoming game when a bot runs: the provider's input. */
export interface UpcomingGameFacts {
  gameId: number;
  league: string;
  sport: string;
  home: string;
  away: string;
  kickoff: Date;
  /** Prices known at the run (latest per book and selection), decimal odds. */
  prices: { bookmaker: string; market: Market; selection: string; line: number | null; price: number; capturedAt: Date | null }[];
}

export interface ProbabilityContext {
  /** The run's time: nothing the provider uses may be newer. */
  now: Date;
  userId: string;
  botId: number;
  /** The strategy's markets (the provider answers the game's winner market: home/draw/away or home/away). */
  markets: Market[];
}

export interface ProviderProbability {
  /** By lower-case selection key ("home", "draw", "away"); must sum to 1. */
  probabilities: Partial<Record<SelectionKey, number>>;
  /** 0..1, the provider's own confidence. */
  confidence: number;
  /** Locked with the prediction ("benny@gpt-4o-mini", ...). */
  modelVersion: string;
  /** The analyst's prompt and answer, word for word: part of the locked entry's hash. */
  analyst?: { prompt: string; answer: string };
}

export interface ProbabilityProvider {
  /** Named by a bot as its source "provider:<id>". */
  id: string;
  /** Answers below this confidence are not bet on (the analyst's 65% gate); absent = no gate. */
  minConfidence?: number;
  probabilities(games: UpcomingGameFacts[], ctx: ProbabilityContext): Promise<Map<number, ProviderProbability>>;
}

/** How far a provider's probabilities may be from summing to 1 (rounding in a model's output). */
export const PROBABILITY_SUM_TOLERANCE = 0.01;

/**
 * A provider's answer as the winner market's probabilities, or a reason it cannot be used: a bad answer is
 * never turned into a bet.
 */
export function winnerProbabilities(
  answer: ProviderProbability,
  threeWay: boolean,
): { home: number; draw: number | null; away: number } | { problem: string } {
  const { home, draw, away } = answer.probabilities;
  const values = threeWay ? [home, draw, away] : [home, away];
  if (values.some((v) => typeof v !== "number" || !Number.isFinite(v) || v < 0 || v > 1))
    return { problem: threeWay ? "needs home, draw and away probabilities in [0, 1]" : "needs home and away probabilities in [0, 1]" };
  const sum = (values as number[]).reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 1) > PROBABILITY_SUM_TOLERANCE) return { problem: `probabilities sum to ${sum.toFixed(3)}, not 1` };
  if (!(answer.confidence >= 0 && answer.confidence <= 1)) return { problem: "confidence must be in [0, 1]" };
  return { home: home!, draw: threeWay ? draw! : null, away: away! };
}
