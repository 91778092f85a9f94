import { describe, expect, it } from "vitest";
import { MarketSchema, SelectionSchema } from "@/server/api/schemas";
import { marketOf } from "@/server/domain/features/records";
import { asOpeningOrClosing, byReference, knownAt, type Quote } from "@/server/domain/quotes";
import { MARKET_CODES, marketFromKey, marketKey, MARKETS, selectionFromKey, selectionsOf } from "@/server/domain/vocabulary";
import { MARKET_LABEL, SELECTION_LABEL } from "@/lib/format";

describe("vocabulary", () => {
  it("round-trips every market and selection through its lower-case key", () => {
    for (const m of MARKET_CODES) {
      expect(marketFromKey(marketKey(m))).toBe(m);
      for (const s of selectionsOf(m)) expect(selectionFromKey(s.toLowerCase())).toBe(s);
    }
    expect(marketFromKey(" 1X2 ")).toBe("ONE_X_TWO");
    expect(marketFromKey("__proto__")).toBeNull();
    expect(selectionFromKey("toString")).toBeNull();
  });

  it("derives the zod schemas and the labels from the one list", () => {
    expect(MarketSchema.options).toEqual(MARKET_CODES);
    expect(SelectionSchema.safeParse("DRAW").success).toBe(true);
    expect(SelectionSchema.safeParse("draw").success).toBe(false);
    for (const m of MARKET_CODES) expect(MARKET_LABEL[m]).toBe(MARKETS[m].label);
    expect(SELECTION_LABEL.OVER).toBe("Over");
  });
});

const kickoff = new Date("2026-12-06T18:00:00Z");
let nextId = 1;
const book = (key: string, extra: Partial<Quote["bookmaker"]> = {}): Quote["bookmaker"] => ({ id: nextId++, key, name: key, isSharp: false, isAggregate: false, ...extra });
const pinnacle = book("pinnacle", { isSharp: true });
const quote = (b: Quote["bookmaker"], selection: Quote["selection"], price: number, capturedAt: Date | null, phase: Quote["phase"] = capturedAt ? "SNAPSHOT" : "CLOSING"): Quote => ({
  gameId: 1, gameStartsAt: kickoff, bookmaker: b, market: "ONE_X_TWO", period: "FULL_GAME", selection, phase, line: null, price, capturedAt,
});
const at = (iso: string) => new Date(iso);

describe("stored quotes", () => {
  it("orders reference books Pinnacle first, then sharp, the bet's own book, other books and aggregates", () => {
    const other = book("william-hill");
    const mine = book("bet365");
    const average = book("market-average", { isAggregate: true });
    const sharp = book("circa", { isSharp: true });
    const ordered = byReference([average, other, mine, sharp, pinnacle].map((b) => ({ bookmaker: b })), mine.id);
    expect(ordered.map((o) => o.bookmaker.key)).toEqual(["pinnacle", "circa", "bet365", "william-hill", "market-average"]);
  });

  it("knows an archive opening price before kick-off and a closing one only at kick-off", () => {
    expect(knownAt(quote(pinnacle, "HOME", 2, null, "OPENING"))).toBe(Number.NEGATIVE_INFINITY);
    expect(knownAt(quote(pinnacle, "HOME", 2, null, "CLOSING"))).toBe(kickoff.getTime());
    expect(knownAt(quote(pinnacle, "HOME", 2, at("2026-12-05T10:00:00Z")))).toBe(at("2026-12-05T10:00:00Z").getTime());
  });

  it("decides opening and closing of timed snapshots by their capture time", () => {
    const timed = [
      ...(["HOME", "DRAW", "AWAY"] as const).map((s, i) => quote(pinnacle, s, [2.0, 3.5, 4.0][i]!, at("2026-12-03T09:00:00Z"))),
      ...(["HOME", "DRAW", "AWAY"] as const).map((s, i) => quote(pinnacle, s, [1.9, 3.6, 4.4][i]!, at("2026-12-06T17:55:00Z"))),
      // In-play prices after kick-off are not the close.
      ...(["HOME", "DRAW", "AWAY"] as const).map((s, i) => quote(pinnacle, s, [1.2, 6, 15][i]!, at("2026-12-06T19:00:00Z"))),
    ];
    const { opening, closing } = asOpeningOrClosing(timed);
    expect(opening.map((q) => q.price)).toEqual([2.0, 3.5, 4.0]);
    expect(closing.map((q) => q.price)).toEqual([1.9, 3.6, 4.4]);
    // The model features see them: live collection is not ignored for want of an archive phase.
    expect(marketOf(timed)).toEqual({
      opening: { home: 2.0, draw: 3.5, away: 4.0 },
      closing: { home: 1.9, draw: 3.6, away: 4.4 },
      closingSource: "pinnacle",
    });
  });

  it("keeps archive phases as stated", () => {
    const archive = [quote(pinnacle, "HOME", 2.1, null, "OPENING"), quote(pinnacle, "HOME", 2.0, null, "CLOSING"), quote(pinnacle, "HOME", 2.05, null, "UNSPECIFIED")];
    const { opening, closing } = asOpeningOrClosing(archive);
    expect(opening.map((q) => q.price)).toEqual([2.1]);
    expect(closing.map((q) => q.price)).toEqual([2.0, 2.05]);
  });
});
