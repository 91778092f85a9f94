import type { Strategy, Tiers } from "../strategies/schema";
import { prepareData, type ModelProbabilities } from "./dataset";
import type { BacktestGame } from "./games";
import { runSweep, type VariantSummary } from "./run";

/**
 * Walk-forward optimisation: at each step the variant with the best daily Sharpe on the earlier seasons
 * (first in input order on ties; a variant with no Sharpe never wins) is chosen, then run on the next season
 * alone, starting from the strategy's bankroll. The out-of-sample figures are what choosing parameters this
 * way would have earned; set beside the in-sample ones, the gap shows how much of the sweep's best was luck.
 */
export interface WalkForwardStep {
  testSeason: number;
  trainSeasons: number[];
  chosen: number;
  inSample: VariantSummary;
  outOfSample: VariantSummary;
}

export interface WalkForwardOptions {
  /** Earlier seasons each step learns from (default: all of them). */
  trainSeasons?: number;
  /** Fewest earlier seasons before a season is tested (default 1). */
  minTrainSeasons?: number;
  /** Signal tier thresholds for variants without their own (default: the built-in ones). */
  tiers?: Tiers;
}

export function walkForwardOptimise(
  games: BacktestGame[],
  variants: { strategy: Strategy; hash: string }[],
  models: ReadonlyMap<string, ModelProbabilities> = new Map(),
  options: WalkForwardOptions = {},
): WalkForwardStep[] {
  const seasons = [...new Set(games.map((g) => g.season))].sort((a, b) => a - b);
  const steps: WalkForwardStep[] = [];
  const minTrain = options.minTrainSeasons ?? 1;
  seasons.forEach((testSeason, i) => {
    if (i < minTrain) return;
    const trainSeasons = seasons.slice(options.trainSeasons ? Math.max(0, i - options.trainSeasons) : 0, i);
    const inSample = runSweep(
      prepareData(
        games.filter((g) => trainSeasons.includes(g.season)),
        models,
        options.tiers,
      ),
      variants,
    ).variants;
    let chosen = -1;
    inSample.forEach((v, k) => {
      if (v.sharpe !== null && (chosen < 0 || v.sharpe > inSample[chosen]!.sharpe!)) chosen = k;
    });
    if (chosen < 0) return;
    const test = runSweep(
      prepareData(
        games.filter((g) => g.season === testSeason),
        models,
        options.tiers,
      ),
      [variants[chosen]!],
    ).variants[0]!;
    steps.push({ testSeason, trainSeasons, chosen, inSample: inSample[chosen]!, outOfSample: test });
  });
  return steps;
}
