import { describe, expect, it } from "vitest";
import {
  espnLeague,
  leagueOfEspnPath,
  mapInjuries,
  mapScoreboard,
  mapVenues,
  scoreState,
} from "@/server/domain/collectors/espn";
import { sampleInjuryTeam, sampleScoreboardEvent } from "@/server/integrations/espn/fake-server";
import { espnEventSchema } from "@/server/integrations/espn/schema";

const KC = { id: "12", displayName: "Kansas City Chiefs", abbreviation: "KC" };
const BAL = { id: "33", displayName: "Baltimore Ravens", abbreviation: "BAL" };
const receivedAt = new Date("2026-09-11T04:00:00Z");

const event = (extra: Partial<Parameters<typeof sampleScoreboardEvent>[0]> = {}) =>
  espnEventSchema.parse(
    sampleScoreboardEvent({ id: "401671789", date: "2026-09-11T00:20Z", home: KC, away: BAL, ...extra }),
  );

describe("ESPN scoreboard mapping", () => {
  it("maps pre, in and post+completed to scheduled, in-progress and final with scores", () => {
    const { rows, rejected } = mapScoreboard(
      {
        events: [
          event({ id: "1" }),
          event({ id: "2", state: "in", homeScore: 14, awayScore: 10 }),
          event({ id: "3", state: "post", homeScore: 27, awayScore: 20 }),
        ],
      },
      "nfl",
      receivedAt,
    );
    expect(rejected).toEqual([]);
    expect(rows.map((r) => [r.event.externalId, r.state, r.homeScore, r.awayScore])).toEqual([
      ["1", "scheduled", null, null],
      ["2", "in-progress", 14, 10],
      ["3", "final", 27, 20],
    ]);
    expect(rows[0]!.event).toEqual({
      provider: "espn",
      externalId: "1",
      sport: "american-football",
      league: "nfl",
      startsAt: new Date("2026-09-11T00:20:00Z"),
      home: "Kansas City Chiefs",
      away: "Baltimore Ravens",
    });
    expect(rows[0]!.providerUpdatedAt).toEqual(receivedAt);
  });

  it("maps postponed and canceled games without scores", () => {
    const { rows } = mapScoreboard(
      {
        events: [
          event({ id: "p", state: "post", completed: false, description: "Postponed" }),
          event({ id: "p2", state: "pre", description: "Postponed" }),
          event({ id: "c", state: "post", completed: false, description: "Canceled" }),
        ],
      },
      "nfl",
      receivedAt,
    );
    expect(rows.map((r) => [r.event.externalId, r.state, r.homeScore])).toEqual([
      ["p", "postponed", null],
      ["p2", "postponed", null],
      ["c", "cancelled", null],
    ]);
  });

  it("rejects a missing competitor, a bad score and an unknown post state, keeping the others", () => {
    const noAway = event({ id: "x1" });
    noAway.competitions[0]!.competitors = noAway.competitions[0]!.competitors.filter((c) => c.homeAway === "home");
    const badScore = event({ id: "x2", state: "post" });
    badScore.competitions[0]!.competitors[0]!.score = "2.5";
    const odd = event({ id: "x3", state: "post", completed: false, description: "Final" });
    const { rows, rejected } = mapScoreboard(
      { events: [noAway, badScore, odd, event({ id: "ok" })] },
      "nfl",
      receivedAt,
    );
    expect(rows.map((r) => r.event.externalId)).toEqual(["ok"]);
    expect(rejected).toEqual([
      { event: "x1", message: "missing away competitor" },
      { event: "x2", message: "score is not a whole number" },
      { event: "x3", message: expect.stringMatching(/unknown status post/) },
    ]);
  });

  it("knows the soccer leagues and refuses others", () => {
    expect(espnLeague("eng-premier-league")?.path).toBe("soccer/eng.1");
    expect(leagueOfEspnPath("soccer/eng.2")?.league).toBe("eng-championship");
    const { rows } = mapScoreboard({ events: [event({ id: "s" })] }, "esp-la-liga", receivedAt);
    expect(rows[0]!.event.sport).toBe("soccer");
    expect(mapScoreboard({ events: [event()] }, "atp", receivedAt).rejected[0]!.message).toMatch(/not collected/);
  });

  it("reads state words robustly", () => {
    expect(
      scoreState({ type: { state: "in", completed: false, description: "Rain Delay", name: "STATUS_DELAYED" } }),
    ).toBe("in-progress");
    expect(scoreState({ type: { state: "post", completed: false, description: "Abandoned" } })).toBe("cancelled");
  });

  it("gives venues and ESPN's weather line for the weather collector", () => {
    const e = event({
      venue: { fullName: "GEHA Field at Arrowhead Stadium", city: "Kansas City", state: "MO", indoor: false },
      weather: { temperature: 77, conditionId: "1", displayValue: "Clear" },
    });
    expect(mapVenues({ events: [e] }, "nfl")).toEqual([
      expect.objectContaining({
        homeAbbreviation: "KC",
        venueName: "GEHA Field at Arrowhead Stadium",
        city: "Kansas City",
        indoor: false,
        weather: { temperatureF: 77, description: "Clear" },
      }),
    ]);
  });
});

describe("ESPN injuries mapping", () => {
  it("maps every player with a lower-case status, position, type and report date", () => {
    const team = sampleInjuryTeam({ id: "12", displayName: "Kansas City Chiefs" }, [
      { name: "Patrick Mahomes", position: "QB", status: "Out", type: "Ankle", date: "2026-09-09T18:42Z" },
      { name: "Travis Kelce", position: "TE", status: "Day-To-Day" },
    ]);
    const { rows, rejected } = mapInjuries({ injuries: [team as never] }, "nfl", receivedAt);
    expect(rejected).toEqual([]);
    expect(rows).toEqual([
      {
        league: "nfl",
        team: "Kansas City Chiefs",
        player: "Patrick Mahomes",
        position: "QB",
        status: "out",
        type: "Ankle",
        reportedAt: new Date("2026-09-09T18:42:00Z"),
      },
      expect.objectContaining({ player: "Travis Kelce", status: "day-to-day", type: null }),
    ]);
  });

  it("rejects rows without a player and leagues without a report", () => {
    const { rows, rejected } = mapInjuries(
      { injuries: [{ id: "1", displayName: "Team", injuries: [{ status: "Out", athlete: { displayName: " " } }] }] },
      "nba",
      receivedAt,
    );
    expect(rows).toEqual([]);
    expect(rejected).toEqual([{ event: "team:1", message: "injury row without player" }]);
    expect(mapInjuries({ injuries: [] }, "eng-premier-league", receivedAt).rejected).toHaveLength(1);
  });
});
