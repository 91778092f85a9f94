import { describe, expect, it } from "vitest";
import { overrideInForce, withOverride, type Entitlement } from "@/server/domain/billing/entitlement";

const NOW = new Date("2030-06-01T12:00:00Z");
const paid: Entitlement = { plan: "ELITE", reason: "Active.", endsAt: null };

describe("withOverride (an administrator's plan override)", () => {
  it("replaces the subscription's plan while in force, even with a lower plan", () => {
    expect(withOverride(paid, { plan: "PRO", endsAt: null }, NOW)).toEqual({ plan: "PRO", reason: "Set by an administrator.", endsAt: null });
    const until = new Date("2030-07-01T00:00:00Z");
    expect(withOverride({ plan: "FREE", reason: "No subscription.", endsAt: null }, { plan: "ELITE", endsAt: until }, NOW)).toMatchObject({
      plan: "ELITE",
      endsAt: until,
    });
  });

  it("lapses at its end date and is ignored when absent", () => {
    expect(withOverride(paid, { plan: "FREE", endsAt: NOW }, NOW)).toBe(paid);
    expect(withOverride(paid, { plan: "FREE", endsAt: new Date(NOW.getTime() + 1) }, NOW).plan).toBe("FREE");
    expect(withOverride(paid, null, NOW)).toBe(paid);
    expect(overrideInForce(null, NOW)).toBe(false);
  });
});
