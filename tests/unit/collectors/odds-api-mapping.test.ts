import { describe, expect, it } from "vitest";
import {
  mapOddsEvents,
  mapOddsScores,
  ODDS_API_SPORTS,
  type OddsApiEventInput,
  type OddsApiScoreInput,
} from "@/server/domain/collectors/odds-api";
import { refusedAmericanPrice, refusedKickOff, refusedLine, refusedPrice } from "@/server/domain/collectors/validation";

const receivedAt = new Date("2026-09-12T12:00:00Z");

function event(
  overrides: Partial<OddsApiEventInput> = {},
  markets: NonNullable<OddsApiEventInput["bookmakers"]>[number]["markets"] = [],
): OddsApiEventInput {
  return {
    id: "e1",
    sport_key: "soccer_epl",
    commence_time: "2026-09-13T14:00:00Z",
    home_team: "Arsenal",
    away_team: "Chelsea",
    bookmakers: [{ key: "pinnacle", title: "Pinnacle", last_update: "2026-09-12T11:58:00Z", markets }],
    ...overrides,
  };
}

describe("The Odds API mapping", () => {
  it("maps soccer h2h to 1X2 with the draw, and keeps the event's identity", () => {
    const { rows, rejected } = mapOddsEvents(
      [
        event({}, [
          {
            key: "h2h",
            last_update: "2026-09-12T11:59:00Z",
            outcomes: [
              { name: "Arsenal", price: 2.1 },
              { name: "Draw", price: 3.4 },
              { name: "Chelsea", price: 3.6 },
            ],
          },
        ]),
      ],
      { receivedAt },
    );
    expect(rejected).toEqual([]);
    expect(rows.map((r) => [r.market, r.selection, r.line, r.price])).toEqual([
      ["ONE_X_TWO", "HOME", null, 2.1],
      ["ONE_X_TWO", "DRAW", null, 3.4],
      ["ONE_X_TWO", "AWAY", null, 3.6],
    ]);
    expect(rows[0]!.event).toEqual({
      provider: "the-odds-api",
      externalId: "e1",
      sport: "soccer",
      league: "eng-premier-league",
      startsAt: new Date("2026-09-13T14:00:00Z"),
      home: "Arsenal",
      away: "Chelsea",
    });
    expect(rows[0]!.bookmaker).toEqual({ key: "pinnacle", name: "Pinnacle", isSharp: true, isAggregate: false });
    expect(rows[0]!.period).toBe("FULL_GAME");
    expect(rows[0]!.providerUpdatedAt).toEqual(new Date("2026-09-12T11:59:00Z"));
  });

  it("maps h2h to moneyline outside soccer, and refuses a draw there", () => {
    const nba = event({ sport_key: "basketball_nba", home_team: "Boston Celtics", away_team: "Miami Heat" }, [
      {
        key: "h2h",
        outcomes: [
          { name: "Boston Celtics", price: 1.5 },
          { name: "Miami Heat", price: 2.7 },
          { name: "Draw", price: 30 },
        ],
      },
    ]);
    const { rows, rejected } = mapOddsEvents([nba], { receivedAt });
    expect(rows.map((r) => [r.event.league, r.market, r.selection])).toEqual([
      ["nba", "MONEYLINE", "HOME"],
      ["nba", "MONEYLINE", "AWAY"],
    ]);
    expect(rejected).toEqual([{ event: "e1", message: expect.stringMatching(/unknown outcome "Draw"/) }]);
    // Without a market last_update, the bookmaker's stands.
    expect(rows[0]!.providerUpdatedAt).toEqual(new Date("2026-09-12T11:58:00Z"));
  });

  it("takes each spread side's own handicap, by team name, whatever the order", () => {
    const nfl = event(
      { sport_key: "americanfootball_nfl", home_team: "Kansas City Chiefs", away_team: "Buffalo Bills" },
      [
        {
          key: "spreads",
          outcomes: [
            { name: "Buffalo Bills", price: 1.95, point: 2.5 },
            { name: "Kansas City Chiefs", price: 1.87, point: -2.5 },
          ],
        },
        {
          key: "totals",
          outcomes: [
            { name: "Over", price: 1.91, point: 47.5 },
            { name: "Under", price: 1.91, point: 47.5 },
          ],
        },
      ],
    );
    const { rows, rejected } = mapOddsEvents([nfl], { receivedAt });
    expect(rejected).toEqual([]);
    expect(rows.map((r) => [r.market, r.selection, r.line, r.price])).toEqual([
      ["SPREAD", "AWAY", 2.5, 1.95],
      ["SPREAD", "HOME", -2.5, 1.87],
      ["TOTAL", "OVER", 47.5, 1.91],
      ["TOTAL", "UNDER", 47.5, 1.91],
    ]);
  });

  it("refuses prices of 0 and 1e9, lines out of range and unknown outcomes one by one, keeping the rest", () => {
    const e = event({}, [
      {
        key: "h2h",
        outcomes: [
          { name: "Arsenal", price: 0 },
          { name: "Draw", price: 1e9 },
          { name: "Chelsea", price: 3.6 },
          { name: "Arsenal FC", price: 2 },
        ],
      },
      {
        key: "spreads",
        outcomes: [
          { name: "Arsenal", price: 1.9, point: -60 },
          { name: "Chelsea", price: 1.9 },
        ],
      },
      {
        key: "totals",
        outcomes: [
          { name: "Over", price: 1.9, point: 12.5 },
          { name: "Under", price: 1.9, point: 2.5 },
          { name: "More", price: 1.9, point: 2.5 },
        ],
      },
      { key: "h2h_lay", outcomes: [{ name: "Arsenal", price: 2.12 }] },
    ]);
    const { rows, rejected } = mapOddsEvents([e], { receivedAt });
    expect(rows.map((r) => `${r.market} ${r.selection}`)).toEqual(["ONE_X_TWO AWAY", "TOTAL UNDER"]);
    expect(rejected.map((r) => r.message)).toEqual([
      expect.stringMatching(/pinnacle h2h Arsenal: price 0 is outside 1.01..1000/),
      expect.stringMatching(/pinnacle h2h Draw: price 1000000000 is outside/),
      expect.stringMatching(/unknown outcome "Arsenal FC"/),
      expect.stringMatching(/spreads Arsenal -60: spread -60 is outside ±50/),
      expect.stringMatching(/spreads Chelsea: spread without a line/),
      expect.stringMatching(/totals Over 12.5: total 12.5 is outside 0.5..10 for soccer/),
      expect.stringMatching(/unknown outcome "More"/),
    ]);
    expect(rejected.every((r) => r.event === "e1")).toBe(true);
  });

  it("refuses a whole event for an unknown sport, a kick-off over a year away or missing team names", () => {
    const good = event({ id: "good" }, [{ key: "h2h", outcomes: [{ name: "Arsenal", price: 2 }] }]);
    const { rows, rejected } = mapOddsEvents(
      [
        event({ id: "cricket", sport_key: "cricket_ipl" }, [{ key: "h2h", outcomes: [{ name: "Arsenal", price: 2 }] }]),
        event({ id: "far", commence_time: "2028-01-01T00:00:00Z" }, [
          { key: "h2h", outcomes: [{ name: "Arsenal", price: 2 }] },
        ]),
        event({ id: "no-home", home_team: "" }),
        event({ id: "same", away_team: "Arsenal" }),
        good,
      ],
      { receivedAt },
    );
    expect(rows.map((r) => r.event.externalId)).toEqual(["good"]);
    expect(rejected).toEqual([
      { event: "cricket", message: expect.stringMatching(/sport cricket_ipl is not collected/) },
      { event: "far", message: expect.stringMatching(/more than a year/) },
      { event: "no-home", message: "event without both team names" },
      { event: "same", message: expect.stringMatching(/same team/) },
    ]);
  });

  it("maps every collected sport key to a product league", () => {
    expect(ODDS_API_SPORTS).toMatchObject({
      americanfootball_nfl: { sport: "american-football", league: "nfl" },
      basketball_nba: { sport: "basketball", league: "nba" },
      soccer_epl: { sport: "soccer", league: "eng-premier-league" },
      soccer_spain_la_liga: { sport: "soccer", league: "esp-la-liga" },
      soccer_efl_champ: { sport: "soccer", league: "eng-championship" },
    });
    const custom = mapOddsEvents(
      [event({ sport_key: "soccer_germany_bundesliga" }, [{ key: "h2h", outcomes: [{ name: "Draw", price: 3 }] }])],
      {
        receivedAt,
        sportMap: { soccer_germany_bundesliga: { sport: "soccer", league: "ger-bundesliga" } },
      },
    );
    expect(custom.rows[0]!.event.league).toBe("ger-bundesliga");
  });
});

describe("The Odds API scores mapping", () => {
  const score = (overrides: Partial<OddsApiScoreInput>): OddsApiScoreInput => ({
    id: "s1",
    sport_key: "basketball_nba",
    commence_time: "2026-09-12T00:00:00Z",
    completed: false,
    home_team: "Boston Celtics",
    away_team: "Miami Heat",
    scores: null,
    last_update: null,
    ...overrides,
  });

  it("reads final, in-progress and scheduled games, scores as integers by team name", () => {
    const { rows, rejected } = mapOddsScores(
      [
        score({
          id: "final",
          completed: true,
          scores: [
            { name: "Miami Heat", score: "101" },
            { name: "Boston Celtics", score: "112" },
          ],
          last_update: "2026-09-12T02:40:00Z",
        }),
        score({
          id: "live",
          scores: [
            { name: "Boston Celtics", score: "54" },
            { name: "Miami Heat", score: "50" },
          ],
          last_update: "2026-09-12T01:10:00Z",
        }),
        score({ id: "later" }),
      ],
      { receivedAt },
    );
    expect(rejected).toEqual([]);
    expect(rows.map((r) => [r.event.externalId, r.state, r.homeScore, r.awayScore])).toEqual([
      ["final", "final", 112, 101],
      ["live", "in-progress", 54, 50],
      ["later", "scheduled", null, null],
    ]);
    expect(rows[0]!.providerUpdatedAt).toEqual(new Date("2026-09-12T02:40:00Z"));
    expect(rows[2]!.providerUpdatedAt).toEqual(receivedAt);
  });

  it("refuses unparsable scores, unknown names and finished games without scores", () => {
    const { rows, rejected } = mapOddsScores([
      score({
        id: "text",
        completed: true,
        scores: [
          { name: "Boston Celtics", score: "n/a" },
          { name: "Miami Heat", score: "3" },
        ],
      }),
      score({
        id: "decimal",
        scores: [
          { name: "Boston Celtics", score: "1.5" },
          { name: "Miami Heat", score: "3" },
        ],
      }),
      score({
        id: "names",
        scores: [
          { name: "Celtics", score: "1" },
          { name: "Miami Heat", score: "3" },
        ],
      }),
      score({ id: "empty", completed: true }),
    ]);
    expect(rows).toEqual([]);
    expect(rejected.map((r) => r.event)).toEqual(["text", "decimal", "names", "empty"]);
    expect(rejected[0]!.message).toMatch(/unparsable score "n\/a"/);
    expect(rejected[3]!.message).toBe("completed without scores");
  });
});

describe("live validation ranges", () => {
  it("bounds prices, American prices, spreads, totals by sport and kick-off", () => {
    expect(refusedPrice(1.01)).toBeNull();
    expect(refusedPrice(1000)).toBeNull();
    expect(refusedPrice(1.005)).toMatch(/outside/);
    expect(refusedPrice(Number.NaN)).toMatch(/not a number/);
    expect(refusedAmericanPrice(-110)).toBeNull();
    expect(refusedAmericanPrice(100_001)).toMatch(/outside/);
    expect(refusedAmericanPrice(50)).toMatch(/between -100 and \+100/);
    expect(refusedLine("basketball", "SPREAD", -50)).toBeNull();
    expect(refusedLine("basketball", "SPREAD", 50.5)).toMatch(/±50/);
    expect(refusedLine("american-football", "TOTAL", 19.5)).toMatch(/20..80/);
    expect(refusedLine("basketball", "TOTAL", 149)).toMatch(/150..300/);
    expect(refusedLine("basketball", "TOTAL", 220.5)).toBeNull();
    expect(refusedLine("soccer", "TOTAL", 0.5)).toBeNull();
    expect(refusedLine("soccer", "MONEYLINE", null)).toBeNull();
    expect(refusedKickOff(new Date("2027-09-01T00:00:00Z"), receivedAt)).toBeNull();
    expect(refusedKickOff(new Date("2025-09-01T00:00:00Z"), receivedAt)).toMatch(/more than a year/);
    expect(refusedKickOff(new Date("nonsense"), receivedAt)).toMatch(/not a date/);
  });
});
