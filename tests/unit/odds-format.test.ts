import { describe, expect, it } from "vitest";
import { formatOdds, ODDS_FORMATS, parseOdds, parseOddsList } from "@/server/domain/odds";

describe("parseOdds reads what users type", () => {
  it.each([
    ["-110", "decimal", 1 + 100 / 110],
    ["+150", "decimal", 2.5],
    ["-110", "american", 1 + 100 / 110],
    ["150", "american", 2.5],
    ["10/11", "decimal", 1 + 10 / 11],
    ["10 / 11", "american", 1 + 10 / 11],
    ["5/2", "fractional", 3.5],
    ["evens", "fractional", 2],
    ["1.91", "decimal", 1.91],
    ["1.91", "fractional", 1.91],
    ["150", "decimal", 150],
    [" 2.30 ", "decimal", 2.3],
  ] as const)("%s (%s) is decimal %d", (text, format, decimal) => {
    expect(parseOdds(text, format)).toBeCloseTo(decimal, 9);
  });

  it.each([
    ["", "decimal", /Enter a price, for example 1.91/],
    ["-50", "decimal", /American prices are -100 or lower/],
    ["1.91", "american", /American prices are -100 or lower/],
    ["1", "decimal", /Decimal prices are above 1/],
    ["0.5", "fractional", /Decimal prices are above 1/],
    ["abc", "decimal", /is not a price/],
    ["1e3", "decimal", /is not a price/],
    ["0/4", "fractional", /is not a fractional price/],
    ["5/", "fractional", /is not a fractional price/],
  ] as const)("refuses %j (%s) in plain words", (text, format, message) => {
    expect(() => parseOdds(text, format)).toThrow(message);
  });
});

describe("formatOdds shows decimal prices in the user's format", () => {
  it.each([
    [1 + 100 / 110, "-110", "10/11", "1.91"],
    [2.5, "+150", "3/2", "2.50"],
    [2, "+100", "1/1", "2.00"],
    [1.91, "-110", "10/11", "1.91"],
    [2.05, "+105", "21/20", "2.05"],
    [34, "+3300", "33/1", "34.00"],
    [1.02, "-5000", "1/50", "1.02"],
  ])("%d reads %s, %s, %s", (decimal, american, fractional, dec) => {
    expect(formatOdds(decimal, "american")).toBe(american);
    expect(formatOdds(decimal, "fractional")).toBe(fractional);
    expect(formatOdds(decimal, "decimal")).toBe(dec);
  });

  it("round-trips every format within the precision it shows", () => {
    for (const decimal of [1.2, 1.5, 1.8, 1.91, 2.1, 2.75, 3.4, 5.5, 11, 26]) {
      for (const format of ODDS_FORMATS) {
        const back = parseOdds(formatOdds(decimal, format), format);
        expect(Math.abs(back - decimal) / decimal).toBeLessThan(0.005);
      }
    }
  });

  it("shows a dash for prices that are not prices", () => {
    expect(formatOdds(1, "american")).toBe("–");
    expect(formatOdds(Number.NaN, "decimal")).toBe("–");
  });
});

describe("parseOddsList reads a bookmaker's prices for every outcome", () => {
  it("takes American prices (the vig remover refused -110)", () => {
    expect(parseOddsList("-110, -110", "decimal")).toEqual([1 + 100 / 110, 1 + 100 / 110]);
    expect(parseOddsList("-110 -110", "american")).toHaveLength(2);
  });
  it("takes fractional prices with or without spaces around the slash", () => {
    expect(parseOddsList("10/11, 10 / 11", "fractional")).toEqual([1 + 10 / 11, 1 + 10 / 11]);
  });
  it("says which price is wrong", () => {
    expect(() => parseOddsList("2.3, x, 3.2", "decimal")).toThrow(/"x" is not a price/);
    expect(() => parseOddsList(" ", "decimal")).toThrow(/Enter the prices/);
  });
});
