import { describe, expect, it } from "vitest";
import { BetFields, MoneyMoveCents, Price } from "@/server/api/schemas";
import { summarizeLedger, type LedgerLine } from "@/server/domain/bankroll/ledger";
import { formatBetCsv, parseBetCsv, type ExportedBet } from "@/server/domain/bets/csv";

const exported = (over: Partial<ExportedBet>): ExportedBet => ({
  id: 1, externalRef: null, placedAt: new Date("2024-01-06T12:00:00Z"), gameId: 7, league: "epl", startsAt: new Date("2024-01-07T15:00:00Z"),
  home: "Home", away: "Away", market: "ONE_X_TWO", selection: "HOME", line: null, bookmaker: null, price: 1.5, stakeCents: 1_000,
  status: "SETTLED", outcome: "LOSS", profitCents: -1_000, clv: -0.0123, clvPoints: null, note: null, ...over,
});

describe("bet CSV export (formula injection)", () => {
  it("neutralises every text cell starting with = + - @ tab or CR, digits after the sign included", () => {
    const csv = formatBetCsv([exported({ note: "-2+3+cmd|' /C calc'!A0", externalRef: "+1", home: "=HYPERLINK(1)", away: "@SUM(1)", bookmaker: "\tx" })]);
    const row = csv.trim().split("\n")[1]!;
    expect(row).toContain(`'-2+3+cmd|' /C calc'!A0`);
    expect(row.startsWith("'+1,")).toBe(true);
    expect(row).toContain(",'=HYPERLINK(1),'@SUM(1),");
    expect(row).toContain("'\tx");
  });

  it("leaves numeric columns as numbers", () => {
    const [header, row] = formatBetCsv([exported({ line: -3.5, market: "SPREAD" })]).trim().split("\n");
    const cells = Object.fromEntries(header!.split(",").map((h, i) => [h, row!.split(",")[i]]));
    expect(cells).toMatchObject({ line: "-3.5", price_american: "-200", profit: "-10.00", clv: "-0.0123" });
  });
});

describe("bet CSV import", () => {
  it("refuses a file above the row limit, saying the limit", () => {
    const csv = "game_id,market,selection,stake,placed_at,price_decimal\n" + "1,1x2,home,1,2024-01-01T00:00:00Z,2\n".repeat(5_001);
    expect(() => parseBetCsv(csv)).toThrow(/more than 5,000 bets, the most one import takes: split it/);
  });
});

describe("bet and money bounds (one set for the form, the API and CSV)", () => {
  it("refuses prices that round to 1 or overflow, and accepts the documented range", () => {
    for (const p of [1.000001, 1, 1000.5, 5000, Number.NaN]) expect(Price.safeParse(p).success).toBe(false);
    for (const p of [1.01, 1.91, 1000]) expect(Price.safeParse(p).success).toBe(true);
  });

  it("keeps placed times to the second and inside PostgreSQL's range", () => {
    const fields = { gameId: 1, line: null, bookmakerKey: null, price: 2, stakeCents: 100, note: null, externalRef: null };
    expect(BetFields.parse({ ...fields, placedAt: new Date("2024-01-01T10:11:12.999Z") }).placedAt.toISOString()).toBe("2024-01-01T10:11:12.000Z");
    const ancient = new Date(0);
    ancient.setUTCFullYear(-5000);
    expect(BetFields.safeParse({ ...fields, placedAt: ancient }).success).toBe(false);
    expect(BetFields.safeParse({ ...fields, placedAt: new Date(), gameId: 2 ** 31 }).success).toBe(false);
    expect(BetFields.safeParse({ ...fields, placedAt: new Date(), note: "a\u0000" }).success).toBe(false);
    expect(MoneyMoveCents.safeParse(2_200_000).success).toBe(true);
  });
});

describe("verified figures", () => {
  const at = (day: number) => new Date(Date.UTC(2024, 0, day));
  const e = (kind: LedgerLine["kind"], amountCents: number, betId: number | null, day: number): LedgerLine => ({ kind, amountCents, betId, occurredAt: at(day) });

  it("leave late entries out of verified ROI, yield, win rate and CLV while counting them in the totals", () => {
    const s = summarizeLedger(
      [e("DEPOSIT", 10_000, null, 1), e("STAKE", -1_000, 1, 2), e("STAKE", -1_000, 2, 2), e("SETTLEMENT", 10_000, 1, 3), e("SETTLEMENT", 0, 2, 3)],
      (id) => (id === 1 ? { outcome: "WIN", lateEntry: true, clv: 0.5 } : { outcome: "LOSS", lateEntry: false, clv: -0.02 }),
    );
    expect(s).toMatchObject({ profitCents: 8_000, winRate: 0.5, lateEntries: 1 });
    expect(s.verified).toEqual({ settledBets: 1, stakedCents: 1_000, profitCents: -1_000, yield: -1, roi: -0.1, winRate: 0, clvBets: 1, meanClv: -0.02 });
  });
});
