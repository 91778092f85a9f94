import { describe, expect, it } from "vitest";
import { dayRange, pickLabel } from "@/components/bots/format";

describe("bot page formatting", () => {
  it("bounds a day in the user's zone, clock changes included", () => {
    expect(dayRange("2026-12-05", "UTC")).toEqual({ from: new Date("2026-12-05T00:00:00Z"), to: new Date("2026-12-06T00:00:00Z") });
    expect(dayRange("2026-12-05", "America/New_York")).toEqual({ from: new Date("2026-12-05T05:00:00Z"), to: new Date("2026-12-06T05:00:00Z") });
    // Europe/London goes to summer time on 2026-03-29: that day has 23 hours.
    const spring = dayRange("2026-03-29", "Europe/London");
    expect(spring).toEqual({ from: new Date("2026-03-29T00:00:00Z"), to: new Date("2026-03-29T23:00:00Z") });
  });
  it("names picks as a person reads them", () => {
    expect(pickLabel("SPREAD", "AWAY", 1.5)).toBe("Spread / handicap Away +1.5");
    expect(pickLabel("ONE_X_TWO", "HOME", null)).toBe("1X2 Home");
  });
});
