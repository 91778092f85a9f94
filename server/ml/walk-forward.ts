import type { GameRecord } from "@/server/domain/features/records";
import { evaluatePreparedWithPredictions, namedProbabilities, prepareModels } from "./evaluate";
import type { Trainer } from "./trainer";

/** A model's probabilities for one game by outcome; draw is null in two-way markets. */
export interface OutcomeProbabilities {
  home: number;
  draw: number | null;
  away: number;
}

/** Named probabilities of a model output row (class order of `namedProbabilities`). */
export function outcomeProbabilities(row: number[], classes: number): OutcomeProbabilities {
  const named = namedProbabilities(row, classes);
  return { home: named.home!, draw: named.draw ?? null, away: named.away! };
}

/**
 * Walk-forward out-of-sample probabilities of `models` for games read from files (the backtest CLI; no
 * database): every season with at least two earlier seasons is predicted by models trained on those only.
 * Keyed by record id, then model name; games outside every test window (the first seasons, games without
 * closing prices the evaluation measures on) are absent.
 */
export async function walkForwardProbabilities(
  records: GameRecord[],
  trainer: Trainer,
  models: string[],
): Promise<Map<string, Record<string, OutcomeProbabilities>>> {
  const prepared = prepareModels(records, models);
  // Season 0: every season is a candidate test season; windows need two seasons of training before them.
  const { predictions } = await evaluatePreparedWithPredictions(prepared, trainer, {
    fromSeason: 0,
    minTrainSeasons: 2,
  });
  const wanted = new Set(models);
  const out = new Map<string, Record<string, OutcomeProbabilities>>();
  for (const p of predictions) {
    if (!wanted.has(p.model)) continue;
    const byModel = out.get(p.recordId) ?? {};
    byModel[p.model] = outcomeProbabilities(p.probabilities, prepared.classes);
    out.set(p.recordId, byModel);
  }
  return out;
}
