import { describe, expect, it } from "vitest";
import { candidateKey, decideBot, gamesInWindow, LOCK_MARGIN_MS, type BankrollState, type BotDecisionInput, type LiveGame } from "@/server/domain/bots/decide";
import { minimumQualifyingPrice } from "@/server/domain/bots/min-price";
import { winnerProbabilities } from "@/server/domain/bots/probability-source";
import { fixedRunDue } from "@/server/domain/bots/schedule";
import { DEFAULT_TIERS, StrategyV1, type StrategyInput } from "@/server/domain/strategies/schema";

const now = new Date("2026-12-05T10:00:00Z");
const hours = (h: number) => new Date(now.getTime() + h * 3_600_000);

function quote(book: string, selection: "HOME" | "DRAW" | "AWAY", price: number, capturedAt: Date, kickoff: Date) {
  return { market: "ONE_X_TWO" as const, period: "FULL_GAME" as const, selection, line: null, phase: "SNAPSHOT" as const, capturedAt, bookmaker: { key: book, isAggregate: false }, price, gameStartsAt: kickoff };
}

/** Pinnacle 2.10 / 3.40 / 3.60 (no-vig home 0.454343), bet365 2.40 / 3.30 / 3.50. */
function game(gameId: number, kickoff: Date, extra: ReturnType<typeof quote>[] = []): LiveGame {
  const seen = new Date(now.getTime() - 3_600_000);
  return {
    gameId,
    league: "epl",
    sport: "soccer",
    season: 2026,
    startsAt: kickoff,
    home: `Home ${gameId}`,
    away: `Away ${gameId}`,
    homeScore: null,
    awayScore: null,
    roof: null,
    temperatureC: null,
    windKph: null,
    quotes: [
      quote("pinnacle", "HOME", 2.1, seen, kickoff),
      quote("pinnacle", "DRAW", 3.4, seen, kickoff),
      quote("pinnacle", "AWAY", 3.6, seen, kickoff),
      quote("bet365", "HOME", 2.4, seen, kickoff),
      quote("bet365", "DRAW", 3.3, seen, kickoff),
      quote("bet365", "AWAY", 3.5, seen, kickoff),
      ...extra,
    ],
  };
}

const strategyOf = (over: Partial<StrategyInput> = {}) =>
  StrategyV1.parse({
    schemaVersion: 1,
    name: "Value at the best price",
    markets: ["1x2"],
    probability: "market:pinnacle-opening",
    price: "best",
    decideAt: "opening",
    when: { all: [{ field: "edge", op: "gte", value: 0.05 }] },
    stake: { kind: "percent", fraction: 0.02 },
    ...over,
  });

const bankroll = (over: Partial<BankrollState> = {}): BankrollState => ({
  balanceCents: 100_000,
  openStakeCents: 0,
  equityCents: 100_000,
  peakEquityCents: 100_000,
  stakedTodayCents: 0,
  picksToday: 0,
  picksPerGame: new Map(),
  recentSettled: [],
  unitCents: 1_000,
  ...over,
});

const input = (over: Partial<BotDecisionInput> = {}): BotDecisionInput => ({
  strategy: strategyOf(),
  state: "ACTIVE",
  killSwitch: false,
  leagues: [],
  markets: [],
  windowHours: 48,
  now,
  games: [game(1, hours(24))],
  modelProbabilities: null,
  bankroll: bankroll(),
  lockedKeys: new Set(),
  tiers: DEFAULT_TIERS,
  ...over,
});

describe("a bot's decisions", () => {
  it("takes the one value signal at the best book, sized from the bankroll now, with its minimum price", () => {
    const out = decideBot(input());
    expect(out.games).toBe(1);
    expect(out.signals).toBe(1);
    expect(out.decisions).toHaveLength(1);
    const d = out.decisions[0]!;
    expect(d).toMatchObject({ gameId: 1, market: "ONE_X_TWO", selection: "HOME", bookmaker: "bet365", price: 2.4, taken: true, reason: null, stakeCents: 2_000 });
    expect(d.probability).toBeCloseTo(0.454343, 6);
    expect(d.edge).toBeCloseTo(0.090423, 6);
    // edge >= 5% needs price >= 1.05 / 0.454343 = 2.3110: 2.31 gives 4.95%, 2.32 gives 5.41%.
    expect(d.minPrice).toBe(2.32);
  });

  it("sizes Kelly stakes and flat units in cents", () => {
    const kelly = decideBot(input({ strategy: strategyOf({ when: { all: [] }, stake: { kind: "kelly", fraction: 0.5, maxFraction: 0.05 } }) }));
    // Full Kelly (0.090423 / 1.4) = 0.064588; half of it on 100,000 cents = 3,229.
    expect(kelly.decisions.map((x) => [x.selection, x.stakeCents, x.taken])).toEqual([["HOME", 3_229, true]]);
    // Any positive Kelly stake qualifies: price > 1 / 0.454343 = 2.2010, so 2.21.
    expect(kelly.decisions[0]!.minPrice).toBe(2.21);
    const flat = decideBot(input({ strategy: strategyOf({ stake: { kind: "flat", units: 2.5 } }) }));
    expect(flat.decisions[0]!.stakeCents).toBe(2_500);
  });

  it("never looks at games inside the lock margin, past the window, or prices captured after the run", () => {
    const late = new Date(now.getTime() + LOCK_MARGIN_MS - 1);
    const later = quote("bet365", "HOME", 3.5, new Date(now.getTime() + 60_000), hours(24));
    const out = decideBot(input({ games: [game(1, hours(24), [later]), game(2, late), game(3, hours(49))] }));
    expect(out.games).toBe(1);
    expect(out.decisions.map((d) => [d.gameId, d.price])).toEqual([[1, 2.4]]);
    expect(gamesInWindow([{ startsAt: hours(48) }, { startsAt: hours(48.01) }], now, 48)).toHaveLength(1);
  });

  it("records the limit that stopped each signal", () => {
    const reasonOf = (over: Partial<BotDecisionInput>) => decideBot(input(over)).decisions.map((d) => [d.taken, d.reason]);
    expect(reasonOf({ state: "PAUSED" })).toEqual([[false, "botNotActive"]]);
    expect(reasonOf({ killSwitch: true })).toEqual([[false, "killSwitch"]]);
    expect(reasonOf({ strategy: strategyOf({ limits: { maxBetsPerDay: 3 } }), bankroll: bankroll({ picksToday: 3 }) })).toEqual([[false, "maxBetsPerDay"]]);
    expect(reasonOf({ strategy: strategyOf({ limits: { maxBetsPerGame: 1 } }), bankroll: bankroll({ picksPerGame: new Map([[1, 1]]) }) })).toEqual([[false, "maxBetsPerGame"]]);
    // 9,000 open + 2,000 > 10% of 100,000.
    expect(reasonOf({ strategy: strategyOf({ limits: { maxOpenExposure: 0.1 } }), bankroll: bankroll({ openStakeCents: 9_000 }) })).toEqual([[false, "maxOpenExposure"]]);
    expect(reasonOf({ strategy: strategyOf({ limits: { maxOpenExposure: 0.11 } }), bankroll: bankroll({ openStakeCents: 9_000 }) })).toEqual([[true, null]]);
    // (130,000 - 100,000) / 130,000 = 23% >= 20%.
    expect(reasonOf({ strategy: strategyOf({ limits: { stopAfterDrawdown: 0.2 } }), bankroll: bankroll({ peakEquityCents: 130_000 }) })).toEqual([[false, "stopAfterDrawdown"]]);
    expect(reasonOf({ strategy: strategyOf({ limits: { stopAfterDrawdown: 0.25 } }), bankroll: bankroll({ peakEquityCents: 130_000 }) })).toEqual([[true, null]]);
    expect(reasonOf({ bankroll: bankroll({ balanceCents: 1_999 }) })).toEqual([[false, "bankrollExhausted"]]);
    const lost = (daysAgo: number) => ({ lost: true, settledAt: new Date(now.getTime() - daysAgo * 86_400_000) });
    const pause = strategyOf({ limits: { pauseAfterLosses: { losses: 2, lastBets: 3, days: 2 } } });
    expect(reasonOf({ strategy: pause, bankroll: bankroll({ recentSettled: [lost(3), lost(1)] }) })).toEqual([[false, "pauseAfterLosses"]]);
    expect(reasonOf({ strategy: pause, bankroll: bankroll({ recentSettled: [lost(4), lost(3)] }) })).toEqual([[true, null]]);
  });

  it("counts the run's own picks against the limits as it goes", () => {
    const out = decideBot(input({ strategy: strategyOf({ limits: { maxBetsPerDay: 2 } }), games: [game(1, hours(20)), game(2, hours(21)), game(3, hours(22))] }));
    expect(out.decisions.map((d) => [d.gameId, d.taken, d.reason])).toEqual([
      [1, true, null],
      [2, true, null],
      [3, false, "maxBetsPerDay"],
    ]);
  });

  it("skips picks already locked and narrows, never widens, the strategy's markets", () => {
    const locked = decideBot(input({ lockedKeys: new Set([candidateKey(1, "ONE_X_TWO", "HOME")]) }));
    expect(locked).toMatchObject({ signals: 0, decisions: [] });
    expect(decideBot(input({ markets: ["total"] })).decisions).toEqual([]);
  });

  it("reads a model's probabilities for the winner market", () => {
    const out = decideBot(input({ strategy: strategyOf({ probability: "model:elo" }), modelProbabilities: new Map([[1, { home: 0.5, draw: 0.25, away: 0.25 }]]) }));
    expect(out.decisions.map((d) => [d.selection, d.price, d.edge.toFixed(4)])).toEqual([["HOME", 2.4, "0.2000"]]);
    expect(decideBot(input({ strategy: strategyOf({ probability: "model:elo" }), modelProbabilities: null })).decisions).toEqual([]);
  });
});

describe("the minimum qualifying price", () => {
  const row = { probability: 0.4543429844097996, price: 2.4, edge: 0.0904, impliedProbability: 1 / 2.4, market: "1x2", selection: "home" };
  it("walks down from the price seen while every price still qualifies", () => {
    const between = strategyOf({ when: { all: [{ field: "edge", op: "gte", value: 0.05 }, { field: "price", op: "between", value: [2.35, 2.6] }] } });
    expect(minimumQualifyingPrice(between, row, 2.4)).toBe(2.35);
    expect(minimumQualifyingPrice(between, { ...row, price: 2.7 }, 2.7)).toBeNull();
    const edgeOnly = strategyOf();
    expect(minimumQualifyingPrice(edgeOnly, row, 2.4)).toBe(2.32);
  });
});

describe("a provider's probabilities", () => {
  const answer = (probabilities: Record<string, number>, confidence = 0.7) => ({ probabilities, confidence, modelVersion: "benny@test" });
  it("are used only when complete and summing to 1", () => {
    expect(winnerProbabilities(answer({ home: 0.5, draw: 0.3, away: 0.2 }), true)).toEqual({ home: 0.5, draw: 0.3, away: 0.2 });
    expect(winnerProbabilities(answer({ home: 0.5, away: 0.2 }), true)).toHaveProperty("problem");
    expect(winnerProbabilities(answer({ home: 0.6, draw: 0.3, away: 0.2 }), true)).toHaveProperty("problem");
    expect(winnerProbabilities(answer({ home: 0.6, away: 0.4 }, 1.5), false)).toHaveProperty("problem");
  });
});

describe("fixed run times", () => {
  const at = (iso: string) => new Date(iso);
  it("are due once each day after their UTC time", () => {
    expect(fixedRunDue(["09:30"], null, at("2026-12-05T09:30:00Z"))).toBe(true);
    expect(fixedRunDue(["09:30"], at("2026-12-05T09:30:00Z"), at("2026-12-05T09:31:00Z"))).toBe(false);
    expect(fixedRunDue(["09:30"], at("2026-12-04T09:30:00Z"), at("2026-12-05T09:29:00Z"))).toBe(false);
    expect(fixedRunDue(["09:30", "18:00"], at("2026-12-05T09:30:00Z"), at("2026-12-05T18:00:30Z"))).toBe(true);
    // A missed time (the runner was down) is caught up on the next tick.
    expect(fixedRunDue(["23:59"], at("2026-12-03T23:59:00Z"), at("2026-12-05T00:01:00Z"))).toBe(true);
  });
});
