import { describe, expect, it } from "vitest";
import { stillPending, withChanges } from "@/components/games/use-url-filters";

describe("filters kept in the URL", () => {
  it("a second change made before the first reached the URL keeps the first (a date range typed quickly)", () => {
    const shown = "league=eng-premier-league";
    const asked: string[] = [];
    // Both changes happen while the URL still shows `shown`.
    asked.push(withChanges(asked.at(-1) ?? shown, { from: "2023-08-11" }));
    asked.push(withChanges(asked.at(-1) ?? shown, { to: "2023-08-11" }));
    expect(Object.fromEntries(new URLSearchParams(asked.at(-1)))).toEqual({
      league: "eng-premier-league",
      from: "2023-08-11",
      to: "2023-08-11",
    });
    // The first arrives: the second is still on its way, and a third change builds on it.
    const pending = stillPending(asked, asked[0]!);
    expect(pending).toEqual([asked[1]]);
    expect(new URLSearchParams(withChanges(pending.at(-1)!, { q: "Burnley" })).get("from")).toBe("2023-08-11");
    // Only the last arrives (the router skipped the first): nothing is pending.
    expect(stillPending(asked, asked[1]!)).toEqual([]);
  });

  it("a URL from elsewhere (a link) drops what was pending, and an empty value removes its key", () => {
    expect(stillPending(["from=2023-08-11"], "view=played")).toEqual([]);
    expect(withChanges("league=nfl&season=2023", { league: "nba", season: undefined })).toBe("league=nba");
  });
});
