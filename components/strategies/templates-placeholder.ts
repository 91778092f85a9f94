import type { StrategyInput } from "@/server/domain/strategies/schema";

/**
 * PLACEHOLDER, delete when server/domain/strategies/templates.ts lands on this branch: the template picker
 * imports STRATEGY_TEMPLATES from here until then, with the same shape as the real module's export.
 */
export interface StrategyTemplate {
  id: string;
  title: string;
  description: string;
  strategy: StrategyInput;
}

const kelly = { kind: "kelly", fraction: 0.25, maxFraction: 0.02, minEdge: 0.03 } as const;

export const STRATEGY_TEMPLATES: StrategyTemplate[] = [
  {
    id: "value-hunter",
    title: "Value hunter",
    description: "Bet whenever the model's edge at the best price is at least 3%.",
    strategy: {
      schemaVersion: 1,
      name: "Value hunter",
      markets: ["1x2"],
      probability: "model:elo",
      price: "best",
      decideAt: "opening",
      when: { all: [{ field: "edge", op: "gte", value: 0.03 }] },
      stake: kelly,
    },
  },
  {
    id: "high-confidence-favourites",
    title: "High-confidence favourites",
    description: "Favourites the model gives at least 80%.",
    strategy: {
      schemaVersion: 1,
      name: "High-confidence favourites",
      markets: ["1x2", "moneyline"],
      probability: "model:elo",
      price: "best",
      decideAt: "opening",
      when: {
        all: [
          { field: "probability", op: "gte", value: 0.8 },
          { field: "role", op: "in", value: ["favourite"] },
        ],
      },
      stake: { kind: "flat", units: 1 },
    },
  },
  {
    id: "weather-edge",
    title: "Weather edge",
    description: "Outdoor NFL games with wind of 25 km/h or more: the under.",
    strategy: {
      schemaVersion: 1,
      name: "Weather edge",
      markets: ["total"],
      leagues: ["nfl"],
      probability: "market:consensus-opening",
      price: "best",
      decideAt: "closing",
      when: {
        all: [
          { field: "roof", op: "in", value: ["outdoors"] },
          { field: "windKph", op: "gte", value: 25 },
          { field: "selection", op: "in", value: ["under"] },
        ],
      },
      stake: { kind: "flat", units: 1 },
    },
  },
  {
    id: "closing-line-chaser",
    title: "Closing-line chaser",
    description: "bet365's price against Pinnacle's opening no-vig probability.",
    strategy: {
      schemaVersion: 1,
      name: "Closing-line chaser",
      markets: ["1x2"],
      probability: "market:pinnacle-opening",
      price: "book:bet365",
      decideAt: "opening",
      when: { all: [{ field: "edge", op: "gte", value: 0.01 }] },
      stake: kelly,
    },
  },
  {
    id: "top-3-of-the-day",
    title: "Top 3 of the day",
    description: "The day's three best by confidence, expected value and risk.",
    strategy: {
      schemaVersion: 1,
      name: "Top 3 of the day",
      markets: ["1x2"],
      probability: "model:elo",
      price: "best",
      decideAt: "opening",
      pick: "top-3-daily",
      stake: kelly,
    },
  },
];
