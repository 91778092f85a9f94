import { describe, expect, it } from "vitest";
import { slipsMessage } from "@/server/services/bots/notify-slips";

describe("the new-slips notification", () => {
  it("names each pick as the slips page does, never by the database's codes", () => {
    const { title, body } = slipsMessage(
      "Chaser",
      [
        { slipId: 1, game: "Ashcombe v Brackwell", market: "ONE_X_TWO", selection: "AWAY", line: null, bookmaker: "bet365", price: 4.6, minPrice: 4.36, stakeCents: 607 },
        { slipId: 2, game: "Coldharbour v Dunmere", market: "SPREAD", selection: "HOME", line: 1.5, bookmaker: "pinnacle", price: 1.95, minPrice: null, stakeCents: 1_000 },
      ],
      "USD",
    );
    expect(title).toBe("2 new slips from Chaser");
    expect(body).toBe(
      "Ashcombe v Brackwell: 1X2 Away at bet365 @ 4.60 (still qualifies down to 4.36), stake 6.07 USD\n" +
        "Coldharbour v Dunmere: Spread / handicap Home +1.5 at pinnacle @ 1.95, stake 10.00 USD",
    );
  });
});
