import { describe, expect, it } from "vitest";
import { bookmakerOfOddsApi, oddsApiKeyOf } from "@/server/domain/collectors/odds-api-books";
import { mapOddsEvents, type OddsApiEventInput } from "@/server/domain/collectors/odds-api";
import { BOOKMAKERS } from "@/server/domain/imports/catalogue";
import { ODDS_API_BOOKS } from "@/server/integrations/the-odds-api/sample-events";

describe("The Odds API's bookmakers as the catalogue's", () => {
  it("stores a feed's book under the archives' key and name, with the archives' sharp flag", () => {
    // Without this, a live-only installation stored Pinnacle as a soft book (no sharp consensus for value scans)
    // and the same book twice when archives and feeds both carry it ("william-hill" and "williamhill").
    expect(bookmakerOfOddsApi("pinnacle", "Pinnacle")).toEqual(BOOKMAKERS.pinnacle);
    expect(bookmakerOfOddsApi("pinnacle", "Pinnacle").isSharp).toBe(true);
    expect(bookmakerOfOddsApi("williamhill", "William Hill")).toEqual(BOOKMAKERS.williamHill);
    expect(bookmakerOfOddsApi("bet365", "Bet365")).toEqual(BOOKMAKERS.bet365);
    expect(bookmakerOfOddsApi("betfair_ex_uk", "Betfair")).toEqual(BOOKMAKERS.betfairExchange);
  });

  it("keeps books the archives do not carry as the feed names them", () => {
    expect(bookmakerOfOddsApi("draftkings", "DraftKings")).toEqual({ key: "draftkings", name: "DraftKings", isSharp: false, isAggregate: false });
    // Caesars' US key is not William Hill's UK book.
    expect(bookmakerOfOddsApi("williamhill_us", "Caesars").key).toBe("williamhill_us");
  });

  it("never makes two of the feed's books one (a pass would then hold the same price twice)", () => {
    const stored = ODDS_API_BOOKS.map((b) => bookmakerOfOddsApi(b.key, b.title).key);
    expect(new Set(stored).size).toBe(ODDS_API_BOOKS.length);
  });

  it("round-trips every bettable archive book through the replay's feed keys", () => {
    for (const book of Object.values(BOOKMAKERS).filter((b) => !b.isAggregate)) {
      expect(bookmakerOfOddsApi(oddsApiKeyOf(book.key), book.name)).toEqual(book);
    }
  });

  it("maps the books of a feed event", () => {
    const event: OddsApiEventInput = {
      id: "e1",
      sport_key: "soccer_epl",
      commence_time: "2026-09-13T14:00:00Z",
      home_team: "Arsenal",
      away_team: "Chelsea",
      bookmakers: [
        { key: "williamhill", title: "William Hill", last_update: "2026-09-12T11:58:00Z", markets: [{ key: "h2h", outcomes: [{ name: "Arsenal", price: 2 }, { name: "Chelsea", price: 4 }, { name: "Draw", price: 3.4 }] }] },
      ],
    };
    const { rows } = mapOddsEvents([event], { receivedAt: new Date("2026-09-12T12:00:00Z") });
    expect(rows.map((r) => r.bookmaker.key)).toEqual(["william-hill", "william-hill", "william-hill"]);
  });
});
