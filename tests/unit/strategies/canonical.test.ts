import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { canonicalJson, sha256Hex, strategyHash } from "@/server/domain/strategies/canonical";
import { StrategyV1, type StrategyInput } from "@/server/domain/strategies/schema";

const fromBits = (hex: string) =>
  new DataView(new Uint8Array(hex.match(/../g)!.map((b) => parseInt(b, 16))).buffer).getFloat64(0);

describe("canonicalJson (RFC 8785)", () => {
  // RFC 8785 Appendix B: IEEE 754 bit patterns and their canonical serialization.
  it.each([
    ["0000000000000000", "0"],
    ["8000000000000000", "0"],
    ["0000000000000001", "5e-324"],
    ["8000000000000001", "-5e-324"],
    ["7fefffffffffffff", "1.7976931348623157e+308"],
    ["ffefffffffffffff", "-1.7976931348623157e+308"],
    ["4340000000000000", "9007199254740992"],
    ["c340000000000000", "-9007199254740992"],
    ["4430000000000000", "295147905179352830000"],
    ["44b52d02c7e14af5", "9.999999999999997e+22"],
    ["44b52d02c7e14af6", "1e+23"],
    ["44b52d02c7e14af7", "1.0000000000000001e+23"],
    ["444b1ae4d6e2ef4e", "999999999999999700000"],
    ["444b1ae4d6e2ef4f", "999999999999999900000"],
    ["444b1ae4d6e2ef50", "1e+21"],
    ["3eb0c6f7a0b5ed8c", "9.999999999999997e-7"],
    ["3eb0c6f7a0b5ed8d", "0.000001"],
    ["41b3de4355555553", "333333333.3333332"],
    ["41b3de4355555554", "333333333.33333325"],
    ["41b3de4355555555", "333333333.3333333"],
    ["41b3de4355555556", "333333333.3333334"],
    ["41b3de4355555557", "333333333.33333343"],
    ["becbf647612f3696", "-0.0000033333333333333333"],
    ["43143ff3c1cb0959", "1424953923781206.2"],
  ])("number %s -> %s", (bits, expected) => {
    expect(canonicalJson(fromBits(bits))).toBe(expected);
  });

  it("refuses NaN and infinities (RFC 8785 Appendix B)", () => {
    expect(() => canonicalJson(fromBits("7fffffffffffffff"))).toThrow(/not a JSON number/);
    expect(() => canonicalJson(fromBits("7ff0000000000000"))).toThrow(/not a JSON number/);
    expect(() => canonicalJson({ a: [1, -Infinity] })).toThrow(/\$\.a\[1\]/);
  });

  it("serializes RFC 8785's section 3.2.2 example", () => {
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001], "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/", "literals": [null, true, false]}',
    );
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it("sorts keys by UTF-16 code units (RFC 8785 section 3.2.3)", () => {
    const input = {
      "\u20ac": "Euro Sign",
      "\r": "Carriage Return",
      "\ufb33": "Hebrew Letter Dalet With Dagesh",
      "1": "One",
      "\ud83d\ude00": "Emoji: Grinning Face",
      "\u0080": "Control",
      "\u00f6": "Latin Small Letter O With Diaeresis",
    };
    // Read the order from the text: JSON.parse would put the integer-like key "1" first again.
    const order = [...canonicalJson(input).matchAll(/:"([^"]+)"/g)].map((m) => m[1]);
    expect(order).toEqual([
      "Carriage Return",
      "One",
      "Control",
      "Latin Small Letter O With Diaeresis",
      "Euro Sign",
      "Emoji: Grinning Face",
      "Hebrew Letter Dalet With Dagesh",
    ]);
  });

  it("nests, drops undefined properties and refuses what JSON cannot carry", () => {
    expect(canonicalJson({ b: [1, { d: 2, c: undefined, a: "x" }], a: null })).toBe(
      '{"a":null,"b":[1,{"a":"x","d":2}]}',
    );
    expect(() => canonicalJson([undefined])).toThrow(/undefined/);
    expect(() => canonicalJson({ when: new Date(0) })).toThrow(/plain objects/);
    expect(() => canonicalJson(1n)).toThrow(/bigint/);
    expect(() => canonicalJson("\ud800")).toThrow(/lone surrogate/);
    expect(canonicalJson("\ud83d\ude00")).toBe('"\ud83d\ude00"');
  });
});

describe("strategyHash", () => {
  it("is the lower-case hex SHA-256 of the UTF-8", async () => {
    // FIPS 180-2's "abc" vector, and a non-ASCII string against Node's own implementation.
    expect(await sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(await sha256Hex("€ ✓ 😀")).toBe(createHash("sha256").update("€ ✓ 😀", "utf8").digest("hex"));
  });

  const written: StrategyInput = {
    schemaVersion: 1,
    name: "  Value  ",
    markets: ["1x2"],
    probability: "model:logistic",
    price: "best",
    decideAt: "opening",
    stake: { kind: "kelly", fraction: 0.25, maxFraction: 0.02 },
  };

  it("hashes the parsed strategy, so omitted defaults and explicit ones are the same strategy", async () => {
    const explicit = { ...written, name: "Value", leagues: [], when: { all: [] }, pick: "all", bankroll: 100 } as const;
    const parsed = StrategyV1.parse(written);
    const hash = await strategyHash(parsed);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await strategyHash(StrategyV1.parse(explicit))).toBe(hash);
    // Key order does not matter either.
    const reordered = Object.fromEntries(Object.entries(parsed).reverse()) as typeof parsed;
    expect(await strategyHash(reordered)).toBe(hash);
    expect(hash).toBe(createHash("sha256").update(canonicalJson(parsed)).digest("hex"));
  });

  it("changes with any meaningful change", async () => {
    const a = await strategyHash(StrategyV1.parse(written));
    const b = await strategyHash(StrategyV1.parse({ ...written, bankroll: 101 }));
    const c = await strategyHash(StrategyV1.parse({ ...written, when: { field: "edge", op: "gte", value: 0.03 } }));
    expect(new Set([a, b, c]).size).toBe(3);
  });
});
