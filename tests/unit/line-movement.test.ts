import { describe, expect, it } from "vitest";
import { detectSteamMoves, isReverseLineMovement, summarizeMovement, type PricePoint } from "@/server/domain/odds";

const t = (minutes: number) => new Date(Date.UTC(2024, 0, 7, 12, minutes));
const p = (bookmaker: string, minutes: number, decimal: number, extra: Partial<PricePoint> = {}): PricePoint => ({ bookmaker, at: t(minutes), decimal, line: null, ...extra });

describe("line movement", () => {
  it("finds opening, current and closing and the implied change", () => {
    const s = summarizeMovement([p("a", 0, 2.0, { phase: "OPENING" }), p("a", 30, 1.9), p("a", 60, 1.8, { phase: "CLOSING" })]);
    expect(s.opening?.decimal).toBe(2.0);
    expect(s.closing?.decimal).toBe(1.8);
    expect(s.impliedChange).toBeCloseTo(1 / 1.8 - 0.5, 12);
    expect(summarizeMovement([p("a", 0, 2.0), p("a", 30, 1.9), p("a", 60, 1.8)], t(45)).current?.decimal).toBe(1.9);
  });

  it("reports steam when enough books move the same way inside the window", () => {
    const points = [
      ...["a", "b", "c"].flatMap((b, i) => [p(b, 0, 2.0), p(b, 5 + i * 3, 1.85)]),
      p("d", 0, 2.0),
      p("d", 40, 1.85),
    ];
    const steam = detectSteamMoves(points);
    expect(steam).toHaveLength(1);
    expect(steam[0]!.direction).toBe("shortening");
    expect(steam[0]!.bookmakers.sort()).toEqual(["a", "b", "c"]);
  });

  it("ignores small moves, moves spread over too long, and too few books", () => {
    expect(detectSteamMoves(["a", "b", "c"].flatMap((b) => [p(b, 0, 2.0), p(b, 5, 1.97)]))).toEqual([]);
    expect(detectSteamMoves(["a", "b", "c"].flatMap((b, i) => [p(b, 0, 2.0), p(b, 1 + i * 20, 1.8)]))).toEqual([]);
    expect(detectSteamMoves(["a", "b", "c"].flatMap((b) => [p(b, 0, 2.0), p(b, 5, 1.8)]), { minBooks: 4 })).toEqual([]);
  });

  it("counts spread moves in points", () => {
    const points = ["a", "b", "c"].flatMap((b) => [p(b, 0, 1.91, { line: -3 }), p(b, 6, 1.91, { line: -4 })]);
    expect(detectSteamMoves(points)[0]?.direction).toBe("shortening");
  });

  it("flags reverse line movement only against the public side", () => {
    const s = summarizeMovement([p("a", 0, 2.0, { phase: "OPENING" }), p("a", 60, 1.8)]);
    expect(isReverseLineMovement(s, 0.3)).toBe(true);
    expect(isReverseLineMovement(s, 0.7)).toBe(false);
  });
});
