import type { AnalystFacts } from "@/server/domain/analyst/facts";

/** A soccer game's facts as gatherFacts would build them (shared by the analyst's unit tests). */
export function sampleFacts(overrides: Partial<AnalystFacts> = {}): AnalystFacts {
  return {
    gameId: 42,
    sport: "soccer",
    league: "Premier League",
    kickoff: "2031-03-08T15:00:00.000Z",
    home: "Arsenal",
    away: "Chelsea",
    selections: ["home", "draw", "away"],
    referenceBook: "Pinnacle",
    odds: [
      { selection: "home", opening: { price: 2.1, bookmaker: "Pinnacle", at: "2031-03-06T12:00:00.000Z" }, now: { price: 1.95, bookmaker: "Pinnacle", at: "2031-03-08T10:00:00.000Z" }, best: { price: 2.0, bookmaker: "Bet365", at: "2031-03-08T09:00:00.000Z" }, fairNow: 0.4938 },
      { selection: "draw", opening: { price: 3.5, bookmaker: "Pinnacle", at: "2031-03-06T12:00:00.000Z" }, now: { price: 3.6, bookmaker: "Pinnacle", at: "2031-03-08T10:00:00.000Z" }, best: { price: 3.7, bookmaker: "Bet365", at: "2031-03-08T09:00:00.000Z" }, fairNow: 0.2675 },
      { selection: "away", opening: { price: 3.6, bookmaker: "Pinnacle", at: "2031-03-06T12:00:00.000Z" }, now: { price: 4.03, bookmaker: "Pinnacle", at: "2031-03-08T10:00:00.000Z" }, best: { price: 4.1, bookmaker: "Bet365", at: "2031-03-08T09:00:00.000Z" }, fairNow: 0.2387 },
    ],
    models: [{ model: "elo", version: 1, probabilities: { home: 0.52, draw: 0.25, away: 0.23 }, predictedAt: "2031-03-07T00:00:00.000Z" }],
    form: {
      home: [{ date: "2031-03-01", opponent: "Everton", venue: "away", score: "2-0", result: "W" }],
      away: [{ date: "2031-03-02", opponent: "Fulham", venue: "home", score: "1-1", result: "D" }],
    },
    restDays: { home: 7, away: 6 },
    headToHead: [{ date: "2030-10-01", home: "Chelsea", away: "Arsenal", score: "0-1" }],
    injuries: { home: [], away: [{ player: "R. James", position: "D", status: "Out", reportedAt: null }] },
    weather: null,
    asOf: "2031-03-08T12:00:00.000Z",
    ...overrides,
  };
}
