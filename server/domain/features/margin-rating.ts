/**
 * Ratings in points (goals in soccer) that predict the margin: expected home margin = home - away +
 * home advantage, each result moving both ratings by a share of the surprise. A linear counterpart to
 * Elo, which only sees win or loss (scaled by margin); carries over between seasons like Elo.
 */
export class MarginRatings {
  private readonly ratings = new Map<string, { rating: number; season: number }>();
  private homeAdvantage = 0;

  constructor(
    private readonly gain: number,
    private readonly carryOver: number,
  ) {}

  rating(team: string, season: number): number {
    const entry = this.ratings.get(team);
    if (!entry) {
      this.ratings.set(team, { rating: 0, season });
      return 0;
    }
    if (entry.season !== season) {
      entry.rating *= this.carryOver;
      entry.season = season;
    }
    return entry.rating;
  }

  expectedMargin(home: string, away: string, season: number, neutral: boolean): number {
    return this.rating(home, season) - this.rating(away, season) + (neutral ? 0 : this.homeAdvantage);
  }

  update(home: string, away: string, season: number, neutral: boolean, homeScore: number, awayScore: number): void {
    const surprise = homeScore - awayScore - this.expectedMargin(home, away, season, neutral);
    this.ratings.get(home)!.rating += this.gain * surprise;
    this.ratings.get(away)!.rating -= this.gain * surprise;
    // Home advantage is learnt from the same results, slowly.
    if (!neutral) this.homeAdvantage += (this.gain / 20) * surprise;
  }
}
