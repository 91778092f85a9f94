import { ANALYST_SOURCE } from "./forward-only";
import { DEFAULT_TOP_PICKS, type Stake, type StrategyInput } from "./schema";

/**
 * Staking for a new strategy: a quarter of Kelly, never more than 2% of the bankroll, no bet below a 3% edge
 * (the product specification's defaults: full Kelly overbets whenever the probabilities are a little off).
 */
export const DEFAULT_STAKE = {
  kind: "kelly",
  fraction: 0.25,
  maxFraction: 0.02,
  minEdge: 0.03,
} as const satisfies Stake;

export interface StrategyTemplate {
  id: string;
  title: string;
  description: string;
  strategy: StrategyInput;
}

// Model templates use the logistic model: it is trained for every league the importers cover.
const MODEL = "model:logistic";

export const STRATEGY_TEMPLATES: readonly StrategyTemplate[] = [
  {
    id: "value-hunter",
    title: "Value hunter",
    description:
      "Bets where the model's probability times the best available price is at least 3% above break-even, one selection per game.",
    strategy: {
      schemaVersion: 1,
      name: "Value hunter",
      markets: ["1x2", "moneyline"],
      probability: MODEL,
      price: "best",
      decideAt: "opening",
      when: { all: [{ field: "edge", op: "gte", value: 0.03 }] },
      pick: "best-per-game",
      stake: { ...DEFAULT_STAKE },
    },
  },
  {
    id: "high-confidence-favourites",
    title: "High-confidence favourites",
    description:
      "Backs favourites the model gives at least an 80% chance, at the best price, when that price still leaves an edge.",
    strategy: {
      schemaVersion: 1,
      name: "High-confidence favourites",
      markets: ["1x2", "moneyline"],
      probability: MODEL,
      price: "best",
      decideAt: "opening",
      when: {
        all: [
          { field: "probability", op: "gte", value: 0.8 },
          { field: "role", op: "in", value: ["favourite"] },
        ],
      },
      stake: { ...DEFAULT_STAKE },
    },
  },
  {
    id: "weather-edge",
    title: "Weather edge",
    description:
      "Unders in outdoor NFL games with wind of 25 km/h or more, where the model sees an edge. NFL sources carry closing prices only, so it decides at the close.",
    strategy: {
      schemaVersion: 1,
      name: "Weather edge",
      markets: ["total"],
      leagues: ["nfl"],
      probability: MODEL,
      price: "best",
      decideAt: "closing",
      when: {
        all: [
          { field: "roof", op: "in", value: ["outdoors"] },
          { field: "windKph", op: "gte", value: 25 },
          { field: "selection", op: "in", value: ["under"] },
        ],
      },
      stake: { ...DEFAULT_STAKE },
    },
  },
  {
    id: "closing-line-chaser",
    title: "Closing-line chaser",
    description:
      "Takes bet365's opening price when it beats Pinnacle's opening no-vig probability by 3% or more: the sharp book's line as the truth, the soft book's lag as the edge.",
    strategy: {
      schemaVersion: 1,
      name: "Closing-line chaser",
      markets: ["1x2"],
      probability: "market:pinnacle-opening",
      price: "book:bet365",
      decideAt: "opening",
      when: {
        all: [
          { field: "edge", op: "gte", value: 0.03 },
          { field: "price", op: "lte", value: 6 },
        ],
      },
      pick: "best-per-game",
      stake: { ...DEFAULT_STAKE },
    },
  },
  {
    id: "top-3-daily",
    title: "Top 3 of the day",
    description:
      "Each day, the three best picks by a composite of confidence (40%), expected value (35%) and risk-adjusted return (25%), among picks with at least 65% confidence and 5% EV.",
    strategy: {
      schemaVersion: 1,
      name: "Top 3 of the day",
      markets: ["1x2", "moneyline"],
      probability: MODEL,
      price: "best",
      decideAt: "opening",
      pick: "top-3-daily",
      topPicks: { ...DEFAULT_TOP_PICKS },
      stake: { ...DEFAULT_STAKE },
    },
  },
  {
    id: "benny",
    title: "Benny, the AI analyst",
    description:
      "An LLM reads the facts Linesmith holds on each upcoming game and gives probabilities; the strategy bets half Kelly where they beat the best price, only at 65% confidence or more. Paper trading only: never backtested (an LLM knows past results).",
    strategy: {
      schemaVersion: 1,
      name: "Benny, the AI analyst",
      markets: ["1x2", "moneyline"],
      probability: ANALYST_SOURCE,
      price: "best",
      decideAt: "opening",
      when: { all: [{ field: "edge", op: "gte", value: 0.02 }] },
      pick: "best-per-game",
      // Half Kelly, as the source system sizes Benny's bets; the LLM never sizes a bet.
      stake: { kind: "kelly", fraction: 0.5, maxFraction: 0.05 },
    },
  },
];
