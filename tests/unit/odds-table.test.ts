import { describe, expect, it } from "vitest";
import { americanToDecimal, decimalToAmerican, overround } from "@/server/domain/odds";
import { buildLineMovement, buildOddsTables } from "@/server/domain/odds/odds-table";
import type { Quote } from "@/server/domain/quotes";
import { freshness } from "@/components/games/odds-table";

let nextBookId = 1;
const book = (key: string, extra: Partial<Quote["bookmaker"]> = {}) => ({
  id: nextBookId++,
  key,
  name: key,
  isSharp: false,
  isAggregate: false,
  ...extra,
});
const quote = (
  b: Quote["bookmaker"],
  selection: Quote["selection"],
  price: number,
  phase: Quote["phase"] = "CLOSING",
): Quote => ({
  gameId: 1,
  gameStartsAt: new Date("2024-01-07T15:00:00Z"),
  bookmaker: b,
  market: "ONE_X_TWO",
  period: "FULL_GAME",
  selection,
  phase,
  line: null,
  price,
  capturedAt: null,
});

describe("odds conversions", () => {
  it("converts American odds both ways", () => {
    expect(americanToDecimal(150)).toBe(2.5);
    expect(americanToDecimal(-200)).toBe(1.5);
    expect(decimalToAmerican(2.5)).toBe(150);
    expect(decimalToAmerican(1.5)).toBeCloseTo(-200, 10);
    expect(() => americanToDecimal(50)).toThrow(RangeError);
  });

  it("computes the overround", () => {
    expect(overround([1.9, 1.9])).toBeCloseTo(2 / 1.9 - 1, 12);
  });
});

describe("buildOddsTables", () => {
  const pin = book("pinnacle", { isSharp: true });
  const b365 = book("bet365");
  const max = book("market-max", { isAggregate: true });
  const quotes = [
    quote(pin, "HOME", 2.1),
    quote(pin, "DRAW", 3.4),
    quote(pin, "AWAY", 3.9),
    quote(b365, "HOME", 2.2),
    quote(b365, "DRAW", 3.3),
    quote(b365, "AWAY", 3.6),
    quote(max, "HOME", 2.3),
    quote(max, "DRAW", 3.5),
    quote(max, "AWAY", 4.0),
  ];
  const [table] = buildOddsTables(quotes);

  it("marks the best price among real books, never an aggregate", () => {
    const best = (s: "HOME" | "DRAW" | "AWAY") =>
      table!.rows.filter((r) => r.cells[s]?.best).map((r) => r.bookmaker.key);
    expect(best("HOME")).toEqual(["bet365"]);
    expect(best("DRAW")).toEqual(["pinnacle"]);
    expect(best("AWAY")).toEqual(["pinnacle"]);
  });

  it("gives fair probabilities that sum to 1 and the row's overround", () => {
    const row = table!.rows.find((r) => r.bookmaker.key === "pinnacle")!;
    const fair = ["HOME", "DRAW", "AWAY"].map((s) => row.cells[s as "HOME"]!.fair!);
    expect(fair.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(row.overround).toBeCloseTo(1 / 2.1 + 1 / 3.4 + 1 / 3.9 - 1, 12);
    expect(table!.rows.at(-1)!.bookmaker.key).toBe("market-max");
  });

  it("says when live prices were last updated, and nothing for archive prices", () => {
    expect(table!.updatedAt).toBeNull();
    const at = (q: Quote, iso: string): Quote => ({ ...q, phase: "SNAPSHOT", capturedAt: new Date(iso) });
    const [live] = buildOddsTables([
      at(quote(pin, "HOME", 2.1), "2024-01-07T12:00:00Z"),
      at(quote(pin, "HOME", 2.2), "2024-01-07T13:00:00Z"),
      at(quote(b365, "AWAY", 3.6), "2024-01-07T12:30:00Z"),
    ]);
    expect(live!.updatedAt).toEqual(new Date("2024-01-07T13:00:00Z"));
    expect(freshness(new Date(1_000_000), 1_040_000)).toBe("updated 40 s ago");
    expect(freshness(new Date(0), 3 * 3_600_000)).toBe("updated 3 h ago");
  });

  it("charts movement only where a price was seen at two moments", () => {
    expect(buildLineMovement(quotes)).toEqual([]);
    const moved = buildLineMovement([...quotes, quote(pin, "HOME", 2.3, "OPENING")]);
    expect(moved).toHaveLength(1);
    expect(moved[0]!.points.map((p) => p.label)).toEqual(["opening", "closing"]);
    expect(moved[0]!.points[1]!.values).toMatchObject({ pinnacle: 2.1 });
  });
});
