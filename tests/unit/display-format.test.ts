import { describe, expect, it } from "vitest";
import { formatKickoff, formatMatchup, plural, toDateTimeInput } from "@/lib/format";

describe("matchups read the way each sport's readers expect", () => {
  it("US sports put the away side first with @; soccer and tennis home first with v", () => {
    expect(formatMatchup({ home: "Kansas City Chiefs", away: "Detroit Lions", sport: "american-football" })).toBe("Detroit Lions @ Kansas City Chiefs");
    expect(formatMatchup({ home: "Boston Celtics", away: "New York Knicks", sport: "basketball" })).toBe("New York Knicks @ Boston Celtics");
    expect(formatMatchup({ home: "Arsenal", away: "Chelsea", sport: "soccer" })).toBe("Arsenal v Chelsea");
    expect(formatMatchup({ home: "Arsenal", away: "Chelsea", sport: "soccer", neutralSite: true })).toBe("Arsenal vs Chelsea");
    expect(formatMatchup({ home: "Chiefs", away: "Eagles", sport: "american-football", neutralSite: true })).toBe("Eagles vs Chiefs");
  });
});

describe("plural", () => {
  it("says 1 game, not 1 games", () => {
    expect(plural(1, "game")).toBe("1 game");
    expect(plural(0, "game")).toBe("0 games");
    expect(plural(29455, "box score")).toBe("29,455 box scores");
    expect(plural(2, "match", "matches")).toBe("2 matches");
  });
});

describe("times in the user's zone", () => {
  const kickoff = new Date("2024-05-19T15:00:00Z");
  it("shows a known kick-off in the zone, named", () => {
    expect(formatKickoff(kickoff, true, "UTC")).toBe("Sun, 19 May 2024, 15:00 UTC");
    expect(formatKickoff(kickoff, true, "Europe/London")).toBe("Sun, 19 May 2024, 16:00 GMT+1");
    expect(formatKickoff(kickoff, true, "Pacific/Auckland")).toBe("Mon, 20 May 2024, 03:00 GMT+12");
  });
  it("never moves a date-only game to another day", () => {
    expect(formatKickoff(new Date("2024-05-19T12:00:00Z"), false, "Pacific/Auckland")).toBe("Sun, 19 May 2024");
    expect(formatKickoff(new Date("2024-05-19T12:00:00Z"), false, "Pacific/Honolulu")).toBe("Sun, 19 May 2024");
  });
  it("fills a datetime-local input with the zone's wall clock", () => {
    expect(toDateTimeInput(kickoff, "America/New_York")).toBe("2024-05-19T11:00");
  });
});
