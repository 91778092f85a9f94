import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/lib/safe-callback";

describe("safeCallbackPath", () => {
  it("keeps a path on this site with its query and hash", () => {
    expect(safeCallbackPath("/bets?bankroll=2#open")).toBe("/bets?bankroll=2#open");
    expect(safeCallbackPath("/games/12")).toBe("/games/12");
  });

  it.each([
    "https://evil.example/",
    "//evil.example/path",
    "/\\evil.example",
    "/\t/evil.example",
    "javascript:alert(1)",
    "games",
    "",
  ])("refuses %j and falls back to the games list", (value) => {
    expect(safeCallbackPath(value)).toBe("/games");
  });

  it("falls back when there is no callbackUrl", () => {
    expect(safeCallbackPath(null)).toBe("/games");
    expect(safeCallbackPath(undefined)).toBe("/games");
  });
});
