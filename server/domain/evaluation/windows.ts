import type { WalkForwardWindow } from "./report";

/*
 * Walk-forward windows over seasons: each test season is predicted by models trained only on earlier
 * seasons (all of them, or the last `trainSeasons`), then the window steps forward one season.
 */

export interface WindowOptions {
  fromSeason: number;
  /** Only the last N seasons before the test season; undefined uses all of them. */
  trainSeasons?: number;
  /** Seasons needed before the first window (ratings and form need a warm-up). */
  minTrainSeasons?: number;
}

export function walkForwardWindows(seasons: number[], options: WindowOptions): WalkForwardWindow[] {
  const sorted = [...new Set(seasons)].sort((a, b) => a - b);
  const { fromSeason, trainSeasons, minTrainSeasons = 2 } = options;
  return sorted
    .filter((s) => s >= fromSeason)
    .map((testSeason) => {
      const before = sorted.filter((s) => s < testSeason);
      return { testSeason, trainSeasons: trainSeasons ? before.slice(-trainSeasons) : before };
    })
    .filter((w) => w.trainSeasons.length >= minTrainSeasons);
}
