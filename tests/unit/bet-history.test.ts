import { describe, expect, it } from "vitest";
import { describeBetEvent } from "@/lib/bet-history";
import { formatDateTime, formatPrice } from "@/lib/format";

const decimal = { price: (d: number) => formatPrice(d, "decimal"), dateTime: (at: Date) => formatDateTime(at, "UTC") };
const american = { price: (d: number) => formatPrice(d, "american"), dateTime: (at: Date) => formatDateTime(at, "America/New_York") };

describe("the bet audit trail in words (it showed raw JSON)", () => {
  it("describes an edit field by field", () => {
    const changes = { stakeCents: { from: 1_000, to: 2_000 }, price: { from: 1.91, to: 2.1 }, note: { from: null, to: "upped" } };
    expect(describeBetEvent("EDIT", changes, decimal)).toBe("Edited: Stake 10.00 → 20.00, Price 1.91 → 2.10, Note none → “upped”");
    expect(describeBetEvent("EDIT", { price: { from: 1.909090909, to: 2.5 } }, american)).toBe("Edited: Price -110 → +150");
  });

  it("shows edited times in the user's zone", () => {
    const changes = { placedAt: { from: "2024-05-19T12:00:00.000Z", to: "2024-05-19T13:30:00.000Z" } };
    expect(describeBetEvent("EDIT", changes, american)).toBe("Edited: Placed Sun, 19 May 2024, 08:00 EDT → Sun, 19 May 2024, 09:30 EDT");
  });

  it("describes creation, settlement and voiding", () => {
    expect(describeBetEvent("CREATE", { origin: "MANUAL", stakeCents: 10_000, price: 2.3 }, decimal)).toBe("Entered by hand: stake 100.00 at 2.30");
    expect(describeBetEvent("CREATE", { origin: "CSV", stakeCents: 500, price: 2.5 }, american)).toBe("Imported from a CSV file: stake 5.00 at +150");
    expect(describeBetEvent("SETTLE", { outcome: "WIN", profitCents: 13_000, clv: 0.0321, clvPoints: null }, decimal)).toBe("Settled: won, profit +130.00, CLV 3.2%");
    expect(describeBetEvent("SETTLE", { outcome: "HALF_LOSS", profitCents: -250, clv: null, clvPoints: 1.5 }, decimal)).toBe("Settled: half lost, profit −2.50, CLV +1.5 points");
    expect(describeBetEvent("VOID", { reason: "wrong game", previousStatus: "SETTLED", previousOutcome: "WIN" }, decimal)).toBe("Voided: “wrong game” (was settled, won)");
    expect(describeBetEvent("VOID", { reason: "game cancelled" }, decimal)).toBe("Voided: “game cancelled”");
  });

  it("never falls back to JSON for the fields a bet has", () => {
    const text = describeBetEvent("EDIT", { line: { from: -0.25, to: -0.5 }, bookmakerKey: { from: null, to: "bet365" } }, decimal);
    expect(text).toBe("Edited: Line -0.25 → -0.5, Bookmaker none → bet365");
    expect(text).not.toMatch(/[{}"]/);
  });
});
