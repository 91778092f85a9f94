import { describe, expect, it } from "vitest";
import type { BacktestGame } from "@/server/domain/backtest/games";
import { strategySignals } from "@/server/domain/scanners/strategy-scan";
import { parseStrategy } from "@/server/domain/strategies/validate";
import { DEFAULT_TIERS, type Strategy } from "@/server/domain/strategies/schema";

const KICKOFF = new Date("2030-03-03T15:00:00Z");
const book = (key: string) => ({ key, isAggregate: false });
const quote = (bookKey: string, selection: "HOME" | "DRAW" | "AWAY", price: number, hoursBefore: number) => ({
  market: "ONE_X_TWO" as const, period: "FULL_GAME" as const, selection, line: null, phase: "SNAPSHOT" as const,
  capturedAt: new Date(KICKOFF.getTime() - hoursBefore * 3_600_000), bookmaker: book(bookKey), price, gameStartsAt: KICKOFF,
});
const game = (id: string, quotes: ReturnType<typeof quote>[]): BacktestGame => ({
  id, league: "esp-la-liga", sport: "soccer", season: 2030, startsAt: KICKOFF, home: "A", away: "B",
  homeScore: null, awayScore: null, roof: null, temperatureC: null, windKph: null, quotes,
});

function strategy(overrides: Record<string, unknown> = {}): Strategy {
  const parsed = parseStrategy({
    schemaVersion: 1, name: "Opening fair vs now", markets: ["1x2"], probability: "market:pinnacle-opening", price: "best",
    decideAt: "closing", when: { all: [{ field: "edge", op: "gte", value: 0.03 }] }, pick: "all",
    stake: { kind: "flat", units: 1 }, ...overrides,
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.strategy;
}

describe("a saved strategy over upcoming games", () => {
  // Pinnacle opened the away side at 4.00; it has drifted to 4.60 at a soft book since.
  const drifted = game("esp-la-liga:2030-03-03:A:B", [
    quote("pinnacle", "HOME", 2.0, 48), quote("pinnacle", "DRAW", 3.6, 48), quote("pinnacle", "AWAY", 4.0, 48),
    quote("pinnacle", "HOME", 1.95, 1), quote("pinnacle", "DRAW", 3.6, 1), quote("pinnacle", "AWAY", 4.2, 1),
    quote("softbook", "HOME", 1.9, 1), quote("softbook", "DRAW", 3.5, 1), quote("softbook", "AWAY", 4.6, 1),
  ]);
  const steady = game("esp-la-liga:2030-03-03:C:D", [
    quote("pinnacle", "HOME", 2.0, 48), quote("pinnacle", "DRAW", 3.6, 48), quote("pinnacle", "AWAY", 4.0, 48),
    quote("pinnacle", "HOME", 2.0, 1), quote("pinnacle", "DRAW", 3.6, 1), quote("pinnacle", "AWAY", 4.0, 1),
  ]);

  it("signals the selection whose current best price beats the opening fair probability, with the book and edge", () => {
    const signals = strategySignals(strategy(), [drifted, steady], new Map(), DEFAULT_TIERS);
    expect(signals).toHaveLength(1);
    const s = signals[0]!;
    expect(s).toMatchObject({ game: drifted.id, market: "1x2", selection: "away", bookmaker: "softbook", price: 4.6 });
    const fairAway = (1 / 4.0) / (1 / 2.0 + 1 / 3.6 + 1 / 4.0);
    expect(s.probability).toBeCloseTo(fairAway, 10);
    expect(s.edge).toBeCloseTo(fairAway * 4.6 - 1, 10);
  });

  it("applies the strategy's rules and leagues, as a backtest would", () => {
    expect(strategySignals(strategy({ when: { all: [{ field: "edge", op: "gte", value: 0.2 }] } }), [drifted, steady], new Map(), DEFAULT_TIERS)).toEqual([]);
    expect(strategySignals(strategy({ leagues: ["epl"] }), [drifted, steady], new Map(), DEFAULT_TIERS)).toEqual([]);
  });

  it("uses model probabilities when the strategy takes them from a model", () => {
    const models = new Map([["logistic", new Map([[steady.id, { home: 0.6, draw: 0.25, away: 0.15 }]])]]);
    const signals = strategySignals(strategy({ probability: "model:logistic" }), [drifted, steady], models, DEFAULT_TIERS);
    expect(signals.map((s) => [s.game, s.selection])).toEqual([[steady.id, "home"]]);
    expect(signals[0]!.edge).toBeCloseTo(0.6 * 2.0 - 1, 10);
  });
});
