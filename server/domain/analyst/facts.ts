/**
 * What the analyst is told about one upcoming game: only facts the product held at the moment the prompt was
 * built (see server/services/analyst/gather-facts.ts, which enforces that). Probabilities are in [0, 1], prices
 * decimal odds, times ISO 8601 UTC. Selections are the lower-case keys of the game's winner market
 * ("home", "draw", "away" for soccer; "home", "away" elsewhere): the analyst predicts the winner market only,
 * like the product's models.
 */
export type WinnerSelectionKey = "home" | "draw" | "away";

export interface PriceFact {
  /** Decimal odds. */
  price: number;
  bookmaker: string;
  /** When the price was taken; null for an archive opening price with no time. */
  at: string | null;
}

export interface SelectionOddsFact {
  selection: WinnerSelectionKey;
  /** The reference book's first known price. */
  opening: PriceFact | null;
  /** The reference book's latest price known now. */
  now: PriceFact | null;
  /** The highest latest price among bookmakers one can bet at. */
  best: PriceFact | null;
  /** The reference book's price now with its margin removed (multiplicative). */
  fairNow: number | null;
}

export interface ModelPredictionFact {
  model: string;
  version: number;
  /** Per selection key. */
  probabilities: Record<string, number>;
  predictedAt: string;
}

export interface FormGameFact {
  date: string;
  opponent: string;
  venue: "home" | "away";
  score: string;
  result: "W" | "D" | "L";
}

export interface HeadToHeadFact {
  date: string;
  home: string;
  away: string;
  score: string;
}

export interface InjuryFact {
  player: string;
  position: string | null;
  status: string;
  reportedAt: string | null;
}

export interface WeatherFact {
  temperatureC: number | null;
  windKph: number | null;
  gustKph: number | null;
  precipitationMm: number | null;
  forecastAt: string;
}

export interface AnalystFacts {
  gameId: number;
  sport: string;
  league: string;
  kickoff: string;
  home: string;
  away: string;
  /** The selection keys the answer must give probabilities for, in the order shown. */
  selections: WinnerSelectionKey[];
  /** The reference book the opening/now prices and fair probabilities come from, when any book priced the game. */
  referenceBook: string | null;
  odds: SelectionOddsFact[];
  models: ModelPredictionFact[];
  form: { home: FormGameFact[]; away: FormGameFact[] };
  /** Whole days since each side's previous game, null when none is known. */
  restDays: { home: number | null; away: number | null };
  headToHead: HeadToHeadFact[];
  injuries: { home: InjuryFact[]; away: InjuryFact[] };
  weather: WeatherFact | null;
  /** The moment the facts were gathered: nothing known later is in them. */
  asOf: string;
}

/** The winner market's selection keys of a sport: soccer has a draw. */
export function winnerSelectionsOf(sportKey: string): WinnerSelectionKey[] {
  return sportKey === "soccer" ? ["home", "draw", "away"] : ["home", "away"];
}
