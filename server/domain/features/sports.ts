/**
 * Per-sport settings of the feature builder. The Elo constants are published values (FiveThirtyEight's
 * NFL and NBA Elo, World Football Elo's goal multiplier), fixed before any evaluation; never fitted to
 * the seasons a model is tested on.
 */
export interface SportSettings {
  sport: string;
  /** 3 for soccer's home/draw/away; 2 (home win or not, draws dropped) elsewhere. */
  classes: 2 | 3;
  elo: {
    k: number;
    homeAdvantage: number;
    /** Share of the distance to the mean a rating keeps between seasons (538: 2/3 NFL, 3/4 NBA). */
    carryOver: number;
    /** Rating for a team first seen after the first season (promoted clubs start below the mean). */
    newcomerOffset: number;
    marginMultiplier: (margin: number, winnerEloDiff: number) => number;
  };
  /** Cap on rest days, so an off-season does not read as a long rest. */
  maxRestDays: number;
  weather: boolean;
  /** Extra per-game information the sport's sources carry and the features use. */
  matchStats: "quarterbacks" | "shots" | null;
  /** Whether a starting quarterback listed out is a feature of its own (NFL: the position that moves lines most). */
  quarterbackInjuries: boolean;
}

const logMargin = (margin: number, winnerEloDiff: number) => (Math.log(Math.abs(margin) + 1) * 2.2) / (winnerEloDiff * 0.001 + 2.2);

export const SPORT_SETTINGS: Record<string, SportSettings> = {
  "american-football": {
    sport: "american-football",
    classes: 2,
    elo: { k: 20, homeAdvantage: 48, carryOver: 2 / 3, newcomerOffset: 0, marginMultiplier: logMargin },
    maxRestDays: 14,
    weather: true,
    matchStats: "quarterbacks",
    quarterbackInjuries: true,
  },
  basketball: {
    sport: "basketball",
    classes: 2,
    elo: {
      k: 20,
      homeAdvantage: 100,
      carryOver: 3 / 4,
      newcomerOffset: 0,
      marginMultiplier: (margin, diff) => Math.pow(Math.abs(margin) + 3, 0.8) / (7.5 + 0.006 * diff),
    },
    maxRestDays: 7,
    weather: false,
    matchStats: null,
    quarterbackInjuries: false,
  },
  soccer: {
    sport: "soccer",
    classes: 3,
    elo: {
      k: 20,
      homeAdvantage: 65,
      carryOver: 0.9,
      newcomerOffset: -100,
      marginMultiplier: (margin) => {
        const goals = Math.abs(margin);
        return goals <= 1 ? 1 : goals === 2 ? 1.5 : (11 + goals) / 8;
      },
    },
    maxRestDays: 14,
    weather: false,
    matchStats: "shots",
    quarterbackInjuries: false,
  },
};

export function settingsFor(sport: string): SportSettings {
  const s = SPORT_SETTINGS[sport];
  if (!s) throw new Error(`no model settings for sport "${sport}" (have: ${Object.keys(SPORT_SETTINGS).join(", ")})`);
  return s;
}
