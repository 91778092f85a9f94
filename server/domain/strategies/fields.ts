import { MARKET_KEYS, SELECTION_KEYS } from "../vocabulary";

/**
 * The field registry: every field a strategy can test or a report can show, with its type, unit, label and
 * when it becomes known. A field known only after the decision ("after": the closing price, the result) is
 * refused in a strategy's conditions, so look-ahead is a validation error rather than a convention.
 */
export type FieldKnown = "before" | "after";

interface FieldBase {
  label: string;
  /** Shown after values ("%", "hours", "decimal odds"); null when the value speaks for itself. */
  unit: string | null;
  known: FieldKnown;
  description: string;
}

export interface NumberField extends FieldBase {
  type: "number";
  /** Probabilities and edges are stored as fractions and shown as percentages. */
  format: "percent" | "odds" | "number";
  min: number;
  max: number;
  step: number;
}

export interface EnumField extends FieldBase {
  type: "enum";
  /** Fixed values, or null when they come from the data (league and bookmaker keys). */
  values: readonly string[] | null;
}

export type FieldDefinition = NumberField | EnumField;

const num = (label: string, unit: string | null, format: NumberField["format"], min: number, max: number, step: number, description: string, known: FieldKnown = "before"): NumberField => ({
  type: "number",
  label,
  unit,
  format,
  min,
  max,
  step,
  description,
  known,
});
const enumOf = (label: string, values: readonly string[] | null, description: string, known: FieldKnown = "before"): EnumField => ({
  type: "enum",
  label,
  unit: null,
  values,
  description,
  known,
});

export const TIER_VALUES = ["A", "B", "C", "D"] as const;
export const ROLE_VALUES = ["favourite", "underdog"] as const;
export const RESULT_VALUES = ["win", "half-win", "push", "half-loss", "loss"] as const;

export const FIELDS = {
  edge: num("Edge", "%", "percent", -1, 10, 0.005, "Expected value of a unit bet: probability × price − 1."),
  probability: num("Probability", "%", "percent", 0, 1, 0.01, "The strategy's probability of the selection (its model or market source)."),
  price: num("Price", "decimal odds", "odds", 1, 1000, 0.05, "The chosen book's decimal price at the decision time."),
  impliedProbability: num("Implied probability", "%", "percent", 0, 1, 0.01, "1 / price, the book's margin included."),
  marketProbability: num("Pinnacle no-vig probability", "%", "percent", 0, 1, 0.01, "Pinnacle's price at the decision time with the margin removed (multiplicative)."),
  selection: enumOf("Selection", SELECTION_KEYS, "home, draw, away, over or under."),
  market: enumOf("Market", MARKET_KEYS, "1x2, moneyline, spread or total."),
  role: enumOf("Favourite or underdog", ROLE_VALUES, "Favourite: the selection with the lowest price in its market at the chosen book."),
  tier: enumOf("Signal tier", TIER_VALUES, "A, B, C or D by the probability: the strategy's own thresholds, else the system settings' (by default A ≥ 65%, B ≥ 60%, C ≥ 55%)."),
  league: enumOf("League", null, "The league's key (epl, la-liga, nfl, nba, ...)."),
  bookmaker: enumOf("Bookmaker", null, "The key of the book whose price is taken."),
  season: num("Season", null, "number", 1900, 2200, 1, "The season's first year (2016 for 2016-17)."),
  line: num("Line", "points", "number", -100, 500, 0.25, "The handicap of a spread selection or the total of a total; no value for 1X2 and moneyline."),
  hoursToKickoff: num("Hours to kick-off", "hours", "number", 0, 24 * 365, 1, "Hours between the price's capture and kick-off; archives carry no capture time, so no value there."),
  restDays: num("Rest days", "days", "number", 0, 365, 1, "Days since the selected team's previous game in the data; no value for draw, over and under."),
  playersOut: num("Players out", "players", "number", 0, 60, 1, "Players of the selected team listed Out on the latest injury reports known at the decision (live games; archives carry no reports, so no value there); no value for draw, over and under."),
  opponentPlayersOut: num("Opponent's players out", "players", "number", 0, 60, 1, "The same count for the selected team's opponent."),
  quarterbackOut: num("Quarterback out", "1 = yes", "number", 0, 1, 1, "1 when a quarterback of the selected team is listed Out on the latest reports (NFL), 0 when the reports list none; no value without reports."),
  temperatureC: num("Temperature", "°C", "number", -50, 60, 1, "Temperature at kick-off for outdoor games where the source gives it (NFL)."),
  windKph: num("Wind", "km/h", "number", 0, 200, 1, "Wind speed at kick-off for outdoor games where the source gives it (NFL)."),
  roof: enumOf("Roof", ["outdoors", "dome", "closed", "open"], "The stadium's roof where the source gives it (NFL)."),
  closingPrice: num("Closing price", "decimal odds", "odds", 1, 1000, 0.05, "The chosen book's last price before kick-off.", "after"),
  closingProbability: num("Pinnacle closing no-vig probability", "%", "percent", 0, 1, 0.01, "Pinnacle's closing price with the margin removed.", "after"),
  clv: num("Closing line value", "%", "percent", -1, 10, 0.005, "price × Pinnacle's closing no-vig probability − 1.", "after"),
  result: enumOf("Result", RESULT_VALUES, "How the bet was graded on the final score.", "after"),
} as const satisfies Record<string, FieldDefinition>;

export type FieldName = keyof typeof FIELDS;
export const FIELD_NAMES = Object.keys(FIELDS) as FieldName[];

export function fieldOf(name: string): FieldDefinition | null {
  return Object.hasOwn(FIELDS, name) ? FIELDS[name as FieldName] : null;
}

/** Fields a condition may use: known before the decision. */
export const DECISION_FIELDS = FIELD_NAMES.filter((f) => FIELDS[f].known === "before");

/**
 * The columns the evaluators read: one entry per candidate selection. Numbers are NaN where the field has no
 * value; enum fields are codes into `dictionary(field)`, -1 where there is no value. A comparison on a field
 * with no value is false (and "not" inverts it).
 */
export interface ColumnTable {
  readonly length: number;
  numbers(field: string): Float64Array;
  codes(field: string): Int32Array;
  dictionary(field: string): readonly string[];
}

/** One candidate as the reference interpreter and the row evaluator see it: null where there is no value. */
export type FieldRow = Readonly<Record<string, number | string | null>>;
