import { describe, expect, it } from "vitest";
import { findReverseMoves, findSteam } from "@/server/domain/scanners/line-moves";
import { at, snap } from "./live-quotes";

describe("steam from live histories", () => {
  const burst = (minutesApart: number, to = 1.85) =>
    ["bet365", "williamhill", "unibet"].flatMap((b, i) => [snap(b, "HOME", 2.0, at(0)), snap(b, "HOME", to, at(10 + i * minutesApart))]);

  it("finds three books shortening the same selection within 15 minutes, with its times and size", () => {
    const steam = findSteam(burst(4), null);
    expect(steam).toHaveLength(1);
    expect(steam[0]).toMatchObject({ gameId: 1, market: "ONE_X_TWO", selection: "HOME", direction: "shortening", start: at(10), end: at(18) });
    expect(steam[0]!.bookmakers.sort()).toEqual(["bet365", "unibet", "williamhill"]);
    expect(steam[0]!.impliedChange).toBeCloseTo(1 / 1.85 - 1 / 2.0, 10);
  });

  it("does not call it steam when the books move too slowly, too little or too few", () => {
    expect(findSteam(burst(10), null)).toEqual([]); // 20 minutes from first to last
    expect(findSteam(burst(4, 1.97), null)).toEqual([]); // under 2 points each
    expect(findSteam(burst(4).filter((q) => q.bookmaker.key !== "unibet"), null)).toEqual([]);
  });

  it("only sees the moves known at the as-of time, and ignores aggregates", () => {
    expect(findSteam(burst(4), at(15))).toEqual([]);
    const aggregates = burst(4).map((q) => ({ ...q, bookmaker: { ...q.bookmaker, isAggregate: true } }));
    expect(findSteam(aggregates, null)).toEqual([]);
  });
});

describe("reverse line movement (sharp/soft proxy)", () => {
  const history = (pinnacleTo: number, softTo: number) => [
    snap("pinnacle", "AWAY", 4.0, at(0)), snap("pinnacle", "AWAY", pinnacleTo, at(60)),
    ...["bet365", "williamhill", "unibet"].flatMap((b) => [snap(b, "AWAY", 3.9, at(0)), snap(b, "AWAY", softTo, at(50))]),
  ];

  it("flags the sharp book shortening a side the soft books lengthen", () => {
    const found = findReverseMoves(history(3.5, 4.1), null);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ selection: "AWAY", sharpBook: "pinnacle", softBooks: 3, from: at(0), to: at(60) });
    expect(found[0]!.sharpChange).toBeCloseTo(1 / 3.5 - 1 / 4.0, 10);
    expect(found[0]!.softChange).toBeLessThan(0);
  });

  it("also when the soft books stand still, but not when everyone moves together", () => {
    expect(findReverseMoves(history(3.5, 3.9), null)).toHaveLength(1);
    expect(findReverseMoves(history(3.5, 3.4), null)).toEqual([]);
  });

  it("needs a real sharp move and a soft side to compare with", () => {
    expect(findReverseMoves(history(3.9, 4.1), null)).toEqual([]);
    expect(findReverseMoves(history(3.5, 4.1).filter((q) => q.bookmaker.key === "pinnacle" || q.bookmaker.key === "bet365"), null)).toEqual([]);
  });

  it("says nothing about prices without capture times", () => {
    const archive = history(3.5, 4.1).map((q) => ({ ...q, capturedAt: null, phase: "OPENING" as const }));
    expect(findReverseMoves(archive, null)).toEqual([]);
    expect(findSteam(archive, null)).toEqual([]);
  });
});
