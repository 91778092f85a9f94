import { describe, expect, it } from "vitest";
import { StrategyV1, type StrategyInput } from "@/server/domain/strategies/schema";
import { joinWords, percent, summarizeStrategy } from "@/server/domain/strategies/summary";
import { DEFAULT_STAKE, STRATEGY_TEMPLATES } from "@/server/domain/strategies/templates";
import { forwardOnlyReason } from "@/server/domain/strategies/forward-only";
import { lookAheadFields, parseStrategy } from "@/server/domain/strategies/validate";

const LEAGUES: Record<string, string> = {
  "eng-premier-league": "the Premier League",
  "esp-la-liga": "La Liga",
  nfl: "the NFL",
};
const BOOKS: Record<string, string> = { bet365: "bet365", pinnacle: "Pinnacle", "william-hill": "William Hill" };
const names = { league: (k: string) => LEAGUES[k] ?? k, book: (k: string) => BOOKS[k] ?? k };

const base: StrategyInput = {
  schemaVersion: 1,
  name: "s",
  markets: ["1x2"],
  probability: "model:logistic",
  price: "book:bet365",
  decideAt: "opening",
  stake: { kind: "kelly", fraction: 0.25, maxFraction: 0.02 },
};
const summary = (overrides: Partial<StrategyInput>) =>
  summarizeStrategy(StrategyV1.parse({ ...base, ...overrides }), names);

describe("summarizeStrategy", () => {
  it("reads the issue's example", () => {
    expect(
      summary({
        leagues: ["eng-premier-league"],
        when: {
          all: [
            { field: "selection", op: "in", value: ["home"] },
            { field: "edge", op: "gte", value: 0.02 },
            { field: "price", op: "lte", value: 3 },
          ],
        },
      }),
    ).toBe(
      "Bet the home side on 1X2 in the Premier League when the logistic model's edge at bet365's opening price is at least 2% and the price is at most 3.0; stake a quarter of Kelly, never more than 2% of the bankroll.",
    );
  });

  it("covers nested groups, every op, the price and probability sources, limits and tiers", () => {
    expect(
      summary({
        markets: ["spread", "total"],
        leagues: ["nfl", "esp-la-liga"],
        probability: "market:consensus-opening",
        inverse: true,
        price: "best",
        bookmakers: ["bet365", "william-hill"],
        decideAt: "closing",
        bankroll: 250,
        when: {
          any: [
            {
              all: [
                { field: "hoursToKickoff", op: "between", value: [1, 48] },
                { field: "tier", op: "notIn", value: ["C", "D"] },
              ],
            },
            { not: { field: "season", op: "in", value: [2019, 2020, 2021] } },
            {
              not: {
                any: [
                  { field: "restDays", op: "lt", value: 1 },
                  { field: "marketProbability", op: "gt", value: 0.5 },
                ],
              },
            },
          ],
        },
        stake: { kind: "flat", units: 1 },
        limits: {
          maxBetsPerDay: 5,
          maxBetsPerGame: 1,
          maxDailyExposure: 0.1,
          maxOpenExposure: 0.2,
          stopAfterDrawdown: 0.3,
          pauseAfterLosses: { losses: 5, lastBets: 10, days: 3 },
        },
        tiers: { a: 0.7, b: 0.62, c: 0.55 },
      }),
    ).toBe(
      "Bet any selection on the spread and totals in the NFL and La Liga at the best closing price among bet365 and William Hill" +
        " when (the time to kick-off is between 1 hour and 48 hours and the signal tier is neither C nor D), the season is none of 2019, 2020 and 2021" +
        " or it is not true that (the team's rest is below 1 day or Pinnacle's no-vig probability is above 50%); stake 1 unit a bet." +
        " It bets against the bookmakers' consensus opening no-vig line: each probability is turned into the chance of the other outcomes." +
        " The bankroll starts at 250." +
        " Limits: at most 5 bets a day; at most 1 bet per game; at most 10% of the bankroll staked in a day; at most 20% of the bankroll on open bets;" +
        " stop after a drawdown of 30%; pause 3 days after 5 losses in the last 10 bets." +
        " Signal tiers: A from 70%, B from 62%, C from 55%, D below.",
    );
  });

  it.each<[string, Partial<StrategyInput>, string]>([
    ["gt", { when: { field: "edge", op: "gt", value: 0.05 } }, "edge at bet365's opening price is above 5%"],
    ["lt on odds", { when: { field: "price", op: "lt", value: 2.25 } }, "the price is below 2.25"],
    [
      "notIn with one value",
      { when: { field: "selection", op: "notIn", value: ["draw"] } },
      "the selection is not draw",
    ],
    [
      "notIn with three values",
      { when: { field: "tier", op: "notIn", value: ["B", "C", "D"] } },
      "the signal tier is none of B, C and D",
    ],
    ["not of gte", { when: { not: { field: "windKph", op: "gte", value: 25 } } }, "the wind is not at least 25 km/h"],
    ["not of notIn", { when: { not: { field: "roof", op: "notIn", value: ["outdoors"] } } }, "the stadium is outdoors"],
    [
      "leagues and books as data keys",
      { when: { field: "league", op: "in", value: ["eng-premier-league", "esp-la-liga"] } },
      "the league is the Premier League or La Liga",
    ],
    ["role", { when: { field: "role", op: "in", value: ["underdog"] } }, "the selection is the underdog"],
    [
      "several selections",
      { when: { field: "selection", op: "in", value: ["home", "draw"] } },
      "Bet the home side or the draw on 1X2",
    ],
    [
      "an empty any is never",
      { when: { all: [{ field: "edge", op: "gte", value: 0 }, { any: [] }] } },
      "is at least 0% and never",
    ],
    ["Pinnacle's price", { price: "pinnacle" }, "at Pinnacle's opening price"],
    [
      "market source",
      { probability: "market:pinnacle-opening", when: { field: "probability", op: "gte", value: 0.5 } },
      "the probability by Pinnacle's opening no-vig line is at least 50%",
    ],
    ["no conditions", {}, "Bet any selection on 1X2 in every league at bet365's opening price; stake"],
    ["best per game", { pick: "best-per-game" }, "only the selection with the largest edge in each game"],
    [
      "top picks",
      { pick: "top-3-daily", topPicks: { count: 5, minConfidence: 0.7, minEdge: 0.04, maxRisk: 0.5 } },
      "only the day's top 5 by a score of confidence (40%), expected value (35%) and risk-adjusted return (25%) among picks with a confidence of at least 70%, an expected value of at least 4% and a risk of at most 0.5",
    ],
    ["percent stake", { stake: { kind: "percent", fraction: 0.015 } }, "stake 1.5% of the bankroll a bet"],
    ["flat units", { stake: { kind: "flat", units: 2.5 } }, "stake 2.5 units a bet"],
    [
      "half Kelly with a minimum edge",
      { stake: { kind: "kelly", fraction: 0.5, maxFraction: 0.05, minEdge: 0.03 } },
      "stake half Kelly, never more than 5% of the bankroll, and only at an edge of at least 3%",
    ],
    [
      "other Kelly fractions",
      { stake: { kind: "kelly", fraction: 0.15, maxFraction: 0.07 } },
      "stake 15% of Kelly, never more than 7% of the bankroll",
    ],
    [
      "probability source when no rule names it",
      { when: { field: "price", op: "lte", value: 3 } },
      "Probabilities come from the logistic model.",
    ],
  ])("%s", (_name, overrides, expected) => {
    expect(summary(overrides)).toContain(expected);
  });

  it("formats numbers without float noise", () => {
    expect(percent(0.07)).toBe("7%");
    expect(percent(0.025)).toBe("2.5%");
    expect(joinWords(["a", "b", "c"], "or")).toBe("a, b or c");
    expect(joinWords(["a"])).toBe("a");
  });

  it("uses keys when no names are given", () => {
    expect(summarizeStrategy(StrategyV1.parse({ ...base, leagues: ["esp-la-liga"] }))).toContain(
      "in esp-la-liga at bet365's opening price",
    );
  });
});

describe("STRATEGY_TEMPLATES", () => {
  it("has the five templates the issue names and Benny's, with distinct ids", () => {
    expect(STRATEGY_TEMPLATES.map((t) => t.title)).toEqual([
      "Value hunter",
      "High-confidence favourites",
      "Weather edge",
      "Closing-line chaser",
      "Top 3 of the day",
      "Benny, the AI analyst",
    ]);
    expect(new Set(STRATEGY_TEMPLATES.map((t) => t.id)).size).toBe(STRATEGY_TEMPLATES.length);
  });

  it.each(STRATEGY_TEMPLATES.filter((t) => t.id !== "benny").map((t) => [t.id, t] as const))(
    "%s parses without errors or look-ahead and summarises",
    (_id, template) => {
      const parsed = parseStrategy(template.strategy);
      expect(parsed).toMatchObject({ ok: true });
      if (!parsed.ok) return;
      expect(lookAheadFields(parsed.strategy)).toEqual([]);
      expect(parsed.strategy.stake).toEqual(DEFAULT_STAKE);
      expect(summarizeStrategy(parsed.strategy, names)).toMatch(
        /^Bet .+; stake a quarter of Kelly, never more than 2% of the bankroll, and only at an edge of at least 3%\./,
      );
    },
  );

  it("Benny's template sizes by half Kelly from the analyst's probabilities and cannot be backtested", () => {
    const benny = STRATEGY_TEMPLATES.find((t) => t.id === "benny")!;
    const parsed = parseStrategy(benny.strategy);
    expect(parsed).toMatchObject({ ok: true });
    if (!parsed.ok) return;
    expect(lookAheadFields(parsed.strategy)).toEqual([]);
    expect(parsed.strategy.stake).toMatchObject({ kind: "kelly", fraction: 0.5 });
    expect(summarizeStrategy(parsed.strategy, names)).toContain("stake half Kelly");
    expect(forwardOnlyReason(parsed.strategy)).toMatch(/never backtested/);
    expect(forwardOnlyReason(STRATEGY_TEMPLATES[0]!.strategy as never)).toBeNull();
  });

  it("says what each template promises", () => {
    const byId = Object.fromEntries(
      STRATEGY_TEMPLATES.map((t) => [t.id, summarizeStrategy(StrategyV1.parse(t.strategy), names)]),
    );
    expect(byId["value-hunter"]).toContain("the logistic model's edge at the best opening price is at least 3%");
    expect(byId["high-confidence-favourites"]).toContain(
      "the logistic model's probability is at least 80% and the selection is the favourite",
    );
    expect(byId["weather-edge"]).toContain(
      "Bet the under on totals in the NFL at the best closing price when the stadium is outdoors and the wind is at least 25 km/h",
    );
    expect(byId["closing-line-chaser"]).toContain(
      "the edge at bet365's opening price over Pinnacle's opening no-vig line is at least 3%",
    );
    expect(byId["top-3-daily"]).toContain("only the day's top 3");
  });

  it("DEFAULT_STAKE is a quarter Kelly capped at 2% with a 3% minimum edge", () => {
    expect(DEFAULT_STAKE).toEqual({ kind: "kelly", fraction: 0.25, maxFraction: 0.02, minEdge: 0.03 });
  });
});
