import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SOURCE_FORMATS } from "@/server/domain/imports";
import { createReplayClock } from "@/server/integrations/replay/clock";
import { feedEventAt, replayFeedAt, replayGamesFromBatch, type ReplayGame } from "@/server/integrations/replay/feed";
import { dataPath, hasSharedData } from "@/tests/support/shared-data";
import { at, FIRST_KICKOFF, hours, syntheticEplCsv } from "./fixtures";

const clock = createReplayClock({
  archiveStart: new Date(FIRST_KICKOFF.getTime() - hours(50)),
  realStart: new Date("2026-03-01T12:00:00Z"),
  speed: 60,
});
const { games } = replayGamesFromBatch(SOURCE_FORMATS["football-data"].parse(syntheticEplCsv(), "E0_2324.csv"));
const first = games.find((g) => g.home.name === "Ashcombe" && g.away.name === "Brackwell")!;

const eventAt = (game: ReplayGame, archive: Date) => replayFeedAt([game], archive, clock.toReal)[0];

describe("replay feed on a synthetic football-data season", () => {
  it("serves the file's games as EPL fixtures with stable ids", () => {
    expect(games).toHaveLength(90);
    expect(first.sport.key).toBe("soccer_epl");
    expect(first.kickoff.toISOString()).toBe(FIRST_KICKOFF.toISOString());
    expect(first.id).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(games.map((g) => g.id)).size).toBe(games.length);
    const again = replayGamesFromBatch(SOURCE_FORMATS["football-data"].parse(syntheticEplCsv(), "E0_2324.csv")).games;
    expect(again.map((g) => g.id)).toEqual(games.map((g) => g.id));
  });

  it("does not list a game 49 h before kick-off", () => {
    expect(eventAt(first, at(-hours(49)))).toBeUndefined();
    expect(eventAt(first, at(-hours(48)))).toBeDefined();
  });

  it("shows the opening prices 10 h before kick-off, updated when the game was listed", () => {
    const e = eventAt(first, at(-hours(10)))!;
    expect(e.state).toBe("pre");
    expect(e.pricePhase).toBe("opening");
    expect(e.commenceTime.toISOString()).toBe(clock.toReal(FIRST_KICKOFF).toISOString());
    expect(e.bookmakers.map((b) => b.key)).toEqual(["pinnacle"]);
    const [book] = e.bookmakers;
    expect(book!.lastUpdate.toISOString()).toBe(clock.toReal(at(-hours(48))).toISOString());
    expect(book!.markets).toEqual([
      {
        key: "h2h",
        lastUpdate: clock.toReal(at(-hours(48))),
        outcomes: [
          { name: "Ashcombe", price: 1.98 },
          { name: "Draw", price: 3.61 },
          { name: "Brackwell", price: 4.08 },
        ],
      },
    ]);
  });

  it("shows the closing prices from an hour before kick-off", () => {
    const e = eventAt(first, at(-30 * 60_000))!;
    expect(e.pricePhase).toBe("closing");
    const [book] = e.bookmakers;
    expect(book!.lastUpdate.toISOString()).toBe(clock.toReal(at(-hours(1))).toISOString());
    expect(book!.markets[0]!.outcomes.map((o) => o.price)).toEqual([1.99, 3.61, 4.07]);
    // The same moment polled twice reads the same.
    expect(eventAt(first, at(-30 * 60_000))).toEqual(e);
  });

  it("leaves aggregates (market maximum and average) out", () => {
    const keys = new Set(games.flatMap((g) => g.markets.map((m) => m.book.key)));
    expect([...keys]).toEqual(["pinnacle"]);
  });

  it("drops the game from the odds at kick-off and gives the final score 2 h after", () => {
    const live = eventAt(first, at(hours(1.5)))!;
    expect(live).toMatchObject({ state: "in", completed: false, scores: null, pricePhase: null, bookmakers: [] });
    const done = eventAt(first, at(hours(2)))!;
    expect(done).toMatchObject({ state: "post", completed: true, scores: { home: 2, away: 1 } });
    expect(done.scoresUpdatedAt!.toISOString()).toBe(clock.toReal(at(hours(2))).toISOString());
  });

  it("lists only the games within 48 h, in kick-off order", () => {
    const listed = replayFeedAt(games, at(-hours(10)), clock.toReal);
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((e) => e.game.kickoff.getTime() - hours(48) <= at(-hours(10)).getTime())).toBe(true);
    const starts = listed.map((e) => e.commenceTime.getTime());
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
  });
});

describe.skipIf(!hasSharedData)("replay feed on a real EPL fixture (Burnley v Man City, 11 Aug 2023)", () => {
  const file = dataPath("soccer/football-data/E0_2324.csv");
  const real = hasSharedData
    ? replayGamesFromBatch(SOURCE_FORMATS["football-data"].parse(readFileSync(file, "utf8"), "E0_2324.csv")).games
    : [];
  const game = real.find((g) => g.home.name === "Burnley" && g.away.name === "Man City")!;
  const kickoff = new Date("2023-08-11T19:00:00Z");
  const when = (ms: number) => feedEventAt(game, new Date(kickoff.getTime() + ms), clock.toReal);
  const market = (e: ReturnType<typeof when>, book: string, key: string) =>
    e.bookmakers.find((b) => b.key === book)!.markets.find((m) => m.key === key)!.outcomes;

  it("serves the season at its UK kick-off times", () => {
    expect(real).toHaveLength(380);
    expect(game.kickoff.toISOString()).toBe(kickoff.toISOString());
  });

  it("is unlisted 49 h before, then shows bookmakers' opening prices in all three markets", () => {
    expect(replayFeedAt([game], new Date(kickoff.getTime() - hours(49)), clock.toReal)).toEqual([]);
    const e = when(-hours(10));
    expect(e.bookmakers.map((b) => b.key).sort()).toEqual([
      "bet365",
      "betvictor",
      "bwin",
      "interwetten",
      "pinnacle",
      "williamhill",
    ]);
    expect(market(e, "pinnacle", "h2h")).toEqual([
      { name: "Burnley", price: 8.58 },
      { name: "Draw", price: 5.51 },
      { name: "Man City", price: 1.37 },
    ]);
    expect(market(e, "pinnacle", "totals")).toEqual([
      { name: "Over", price: 1.68, point: 2.5 },
      { name: "Under", price: 2.29, point: 2.5 },
    ]);
    expect(market(e, "pinnacle", "spreads")).toEqual([
      { name: "Burnley", price: 1.86, point: 1.5 },
      { name: "Man City", price: 2.07, point: -1.5 },
    ]);
    expect(market(e, "williamhill", "h2h")[0]).toEqual({ name: "Burnley", price: 8 });
  });

  it("moves to the closing prices 30 min before kick-off", () => {
    const e = when(-30 * 60_000);
    expect(market(e, "pinnacle", "h2h").map((o) => o.price)).toEqual([9.62, 5.81, 1.33]);
    expect(market(e, "pinnacle", "spreads")).toEqual([
      { name: "Burnley", price: 1.95, point: 1.5 },
      { name: "Man City", price: 1.97, point: -1.5 },
    ]);
    expect(market(e, "betvictor", "h2h")[0]!.price).toBe(10.5);
  });

  it("shows the half-time score in the second half and the result after the game", () => {
    expect(when(hours(1.5))).toMatchObject({ state: "in", scores: { home: 0, away: 2 } });
    expect(when(hours(2.5))).toMatchObject({ state: "post", completed: true, scores: { home: 0, away: 3 } });
  });
});
