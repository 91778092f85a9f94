import { describe, expect, it } from "vitest";
import { summarizeLedger, type LedgerLine } from "@/server/domain/bankroll/ledger";
import { buildOffers } from "@/server/domain/scanners/quotes";
import type { Quote } from "@/server/domain/quotes";
import { scanOffers } from "@/server/domain/scanners/scan";

const at = (day: number) => new Date(Date.UTC(2024, 0, day));
const e = (kind: LedgerLine["kind"], amountCents: number, betId: number | null, day: number): LedgerLine => ({ kind, amountCents, betId, occurredAt: at(day) });

describe("summarizeLedger", () => {
  it("derives balance, profit, yield, ROI and drawdown from the entries alone", () => {
    const s = summarizeLedger(
      [
        e("DEPOSIT", 100_000, null, 1),
        e("STAKE", -10_000, 1, 2),
        e("STAKE", -10_000, 2, 2),
        e("SETTLEMENT", 20_000, 1, 3), // +10,000
        e("SETTLEMENT", 0, 2, 4), // -10,000
        e("STAKE", -5_000, 3, 5), // still open
        e("STAKE", -4_000, 4, 5),
        e("VOID_REFUND", 4_000, 4, 6),
      ],
      (id) => ({ outcome: (({ 1: "WIN", 2: "LOSS" }) as const)[id as 1 | 2] ?? null, lateEntry: false, clv: null }),
    );
    expect(s).toMatchObject({ balanceCents: 95_000, profitCents: 0, stakedCents: 20_000, openStakeCents: 5_000, openBets: 1, settledBets: 2, winRate: 0.5 });
    expect(s.maxDrawdownCents).toBe(10_000);
    expect(s.maxDrawdownShare).toBeCloseTo(10_000 / 110_000, 12);
    expect(s.yield).toBe(0);
    expect(s.peakBalanceCents).toBe(100_000);
  });

  it("takes back a reversed settlement", () => {
    const s = summarizeLedger([e("DEPOSIT", 1_000, null, 1), e("STAKE", -500, 1, 2), e("SETTLEMENT", 1_000, 1, 3), e("SETTLEMENT_REVERSAL", -1_000, 1, 4), e("VOID_REFUND", 500, 1, 4)]);
    expect(s).toMatchObject({ balanceCents: 1_000, profitCents: 0, settledBets: 0, openBets: 0 });
  });
});

describe("scanner", () => {
  const start = new Date("2024-01-07T15:00:00Z");
  let nextBookId = 1;
  const book = (key: string, isSharp = false, isAggregate = false) => ({ id: nextBookId++, key, name: key, isSharp, isAggregate });
  const q = (b: Quote["bookmaker"], selection: Quote["selection"], price: number, phase: Quote["phase"] = "OPENING"): Quote => ({
    gameId: 1, gameStartsAt: start, bookmaker: b, market: "ONE_X_TWO", period: "FULL_GAME", selection, phase, line: null, price, capturedAt: null,
  });
  const pinnacle = book("pinnacle", true);
  const quotes = [
    q(pinnacle, "HOME", 2.0), q(pinnacle, "DRAW", 3.6), q(pinnacle, "AWAY", 4.2),
    q(pinnacle, "HOME", 1.9, "CLOSING"), q(pinnacle, "DRAW", 3.5, "CLOSING"), q(pinnacle, "AWAY", 4.6, "CLOSING"),
    q(book("soft"), "HOME", 2.25), q(book("soft"), "DRAW", 3.3), q(book("soft"), "AWAY", 3.9),
    q(book("market-max", false, true), "HOME", 2.6), q(book("market-max", false, true), "DRAW", 4), q(book("market-max", false, true), "AWAY", 5),
  ];

  it("uses only prices known at the as-of time, and the close at kick-off", () => {
    const early = buildOffers(quotes, new Date("2024-01-07T10:00:00Z"));
    expect(early[0]!.books.find((b) => b.bookmaker.key === "pinnacle")!.prices).toEqual([2.0, 3.6, 4.2]);
    const close = buildOffers(quotes, null);
    expect(close[0]!.books.find((b) => b.bookmaker.key === "pinnacle")!.prices).toEqual([1.9, 3.5, 4.6]);
  });

  it("finds value at a soft book against Pinnacle's no-vig price, never at an aggregate", () => {
    const { valueBets, lines } = scanOffers(buildOffers(quotes, new Date("2024-01-07T10:00:00Z")));
    const implied = [1 / 2.0, 1 / 3.6, 1 / 4.2];
    const fairHome = implied[0]! / implied.reduce((a, b) => a + b, 0);
    expect(valueBets.map((v) => [v.selection, v.bookmaker])).toEqual([["HOME", "soft"]]);
    expect(valueBets[0]!.ev).toBeCloseTo(fairHome * 2.25 - 1, 12);
    expect(valueBets[0]!.kelly).toBeLessThanOrEqual(0.05);
    expect(lines[0]!.best.map((b) => b.bookmaker)).toEqual(["soft", "pinnacle", "pinnacle"]);
  });

  it("reports an arbitrage across books when the best prices allow one", () => {
    const arb = [q(pinnacle, "HOME", 2.1), q(pinnacle, "DRAW", 3.6), q(pinnacle, "AWAY", 4.2), q(book("b"), "HOME", 2.0), q(book("b"), "DRAW", 4.5), q(book("b"), "AWAY", 6.5)];
    const { arbitrages } = scanOffers(buildOffers(arb, null));
    expect(arbitrages).toHaveLength(1);
    expect(arbitrages[0]!.profit).toBeCloseTo(1 / (1 / 2.1 + 1 / 4.5 + 1 / 6.5) - 1, 12);
  });
});
