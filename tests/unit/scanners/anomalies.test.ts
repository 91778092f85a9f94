import { describe, expect, it } from "vitest";
import { detectAnomalies, detectOffConsensus, detectSpikes, withoutAnomalies } from "@/server/domain/collectors/anomalies";
import { buildOffers } from "@/server/domain/scanners/quotes";
import { scanOffers } from "@/server/domain/scanners/scan";
import { at, snap } from "./live-quotes";

describe("spikes", () => {
  it("flags a price that jumps by half and comes back within a minute", () => {
    const history = [snap("bet365", "HOME", 2.0, at(0)), snap("bet365", "HOME", 3.4, at(1)), snap("bet365", "HOME", 2.02, at(1, 40))];
    const flags = detectSpikes(history);
    expect(flags).toHaveLength(1);
    expect(flags[0]!.quote).toBe(history[1]);
    expect(flags[0]!.detail).toBe("2.00 -> 3.40 and back within 40 s");
  });

  it("leaves a jump that holds, a slow return and a small wobble alone", () => {
    const holds = [snap("a", "HOME", 2.0, at(0)), snap("a", "HOME", 3.2, at(1)), snap("a", "HOME", 3.1, at(1, 30))];
    const slow = [snap("b", "HOME", 2.0, at(0)), snap("b", "HOME", 3.2, at(1)), snap("b", "HOME", 2.0, at(3))];
    const wobble = [snap("c", "HOME", 2.0, at(0)), snap("c", "HOME", 2.6, at(1)), snap("c", "HOME", 2.0, at(1, 20))];
    expect(detectSpikes([...holds, ...slow, ...wobble])).toEqual([]);
  });

  it("flags a drop to a third of the price as well (the jump is measured either way)", () => {
    const history = [snap("a", "AWAY", 6.0, at(0)), snap("a", "AWAY", 2.0, at(2)), snap("a", "AWAY", 6.2, at(2, 50))];
    expect(detectSpikes(history).map((f) => f.quote.price)).toEqual([2.0]);
  });
});

describe("books far from consensus", () => {
  const market = (awayAtRogue: number) => [
    ...["pinnacle", "bet365", "williamhill", "unibet"].flatMap((b) => [snap(b, "HOME", 2.0, at(0)), snap(b, "DRAW", 3.5, at(0)), snap(b, "AWAY", 4.0, at(0))]),
    snap("rogue", "HOME", 2.05, at(0)), snap("rogue", "DRAW", 3.4, at(0)), snap("rogue", "AWAY", awayAtRogue, at(0)),
  ];

  it("flags the one price far from the other books' median and nothing else", () => {
    const flags = detectOffConsensus(market(9.0), null);
    expect(flags.map((f) => [f.quote.bookmaker.key, f.quote.selection])).toEqual([["rogue", "AWAY"]]);
    expect(flags[0]!.detail).toBe("9.00 against a median of 4.00 at other books");
  });

  it("does not flag ordinary disagreement between books", () => {
    expect(detectOffConsensus(market(4.6), null)).toEqual([]);
  });

  it("needs three other books before it calls anything a consensus", () => {
    const few = market(9.0).filter((q) => q.bookmaker.key === "rogue" || q.bookmaker.key === "pinnacle" || q.bookmaker.key === "bet365");
    expect(detectOffConsensus(few, null)).toEqual([]);
  });

  it("judges the prices known at the as-of time", () => {
    const later = [...market(4.1), snap("rogue", "AWAY", 9.0, at(30))];
    expect(detectOffConsensus(later, at(10))).toEqual([]);
    expect(detectOffConsensus(later, at(31))).toHaveLength(1);
  });

  it("keeps a flagged price out of the value scan that would otherwise pick it", () => {
    const quotes = market(9.0);
    const naive = scanOffers(buildOffers(quotes, at(5)));
    expect(naive.valueBets.some((v) => v.bookmaker === "rogue" && v.selection === "AWAY")).toBe(true);
    const trusted = withoutAnomalies(quotes, detectAnomalies(quotes, at(5)));
    const scan = scanOffers(buildOffers(trusted, at(5)));
    expect(scan.valueBets.some((v) => v.bookmaker === "rogue")).toBe(false);
    // The rogue book's other prices are still trusted.
    expect(trusted.filter((q) => q.bookmaker.key === "rogue")).toHaveLength(2);
  });

  it("drops a spike but keeps the prices around it", () => {
    const history = [snap("a", "HOME", 2.0, at(0)), snap("a", "HOME", 3.4, at(1)), snap("a", "HOME", 2.0, at(1, 30))];
    expect(withoutAnomalies(history, detectAnomalies(history, null)).map((q) => q.price)).toEqual([2.0, 2.0]);
  });
});
