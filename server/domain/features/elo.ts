import type { SportSettings } from "./sports";

const MEAN = 1500;

/** Elo ratings with margin-of-victory updates and regression to the mean between seasons. */
export class EloRatings {
  private readonly ratings = new Map<string, { rating: number; season: number }>();
  private firstSeason: number | null = null;

  constructor(private readonly settings: SportSettings["elo"]) {}

  /** A team's rating going into a game of `season` (regressed once when its season changes). */
  rating(team: string, season: number): number {
    this.firstSeason ??= season;
    const entry = this.ratings.get(team);
    if (!entry) {
      const start = MEAN + (season > this.firstSeason ? this.settings.newcomerOffset : 0);
      this.ratings.set(team, { rating: start, season });
      return start;
    }
    if (entry.season !== season) {
      entry.rating = MEAN + (entry.rating - MEAN) * this.settings.carryOver;
      entry.season = season;
    }
    return entry.rating;
  }

  /** Home rating minus away rating, home advantage included unless neutral. */
  difference(home: string, away: string, season: number, neutral: boolean): number {
    return this.rating(home, season) - this.rating(away, season) + (neutral ? 0 : this.settings.homeAdvantage);
  }

  update(home: string, away: string, season: number, neutral: boolean, homeScore: number, awayScore: number): void {
    const diff = this.difference(home, away, season, neutral);
    const expected = expectedScore(diff);
    const actual = homeScore > awayScore ? 1 : homeScore < awayScore ? 0 : 0.5;
    const margin = homeScore - awayScore;
    const winnerDiff = margin >= 0 ? diff : -diff;
    const multiplier = margin === 0 ? 1 : this.settings.marginMultiplier(margin, winnerDiff);
    const change = this.settings.k * multiplier * (actual - expected);
    this.ratings.get(home)!.rating += change;
    this.ratings.get(away)!.rating -= change;
  }
}

export function expectedScore(eloDifference: number): number {
  return 1 / (1 + Math.pow(10, -eloDifference / 400));
}
