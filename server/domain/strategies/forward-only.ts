import type { Strategy } from "./schema";

/**
 * Probability sources that are never backtested on past seasons. The AI analyst ("Benny") asks an LLM, and an
 * LLM has read match reports up to its training cut-off: on a past season it would "predict" results it
 * already knows, and a backtest would show skill it does not have. Its record counts only picks it locked
 * before kick-off while paper trading forward (the bot's hash chain).
 */
export const ANALYST_MODEL = "analyst";
export const ANALYST_SOURCE = `model:${ANALYST_MODEL}` as const;

export const FORWARD_ONLY_REASON =
  "The AI analyst is never backtested on past seasons: an LLM knows results up to its training cut-off, so a backtest would credit it with hindsight. Its record counts only picks locked before kick-off while paper trading forward.";

/** Why this strategy cannot be backtested, or null when it can. */
export function forwardOnlyReason(strategy: Pick<Strategy, "probability">): string | null {
  return strategy.probability === ANALYST_SOURCE ? FORWARD_ONLY_REASON : null;
}
