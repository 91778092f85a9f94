import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeVig } from "@/server/domain/odds";
import { importSyntheticEpl } from "../support/fixtures";
import { TEST_DATABASE_URL, testPool, testPrisma } from "../support/test-db";

process.env.DATABASE_URL = TEST_DATABASE_URL;
process.env.NEXTAUTH_SECRET ??= "integration-test-secret-integration-test-secret";

const prisma = testPrisma();
const pool = testPool();
const otherPool = testPool();
afterAll(async () => {
  await prisma.$disconnect();
  await pool.end();
  await otherPool.end();
});

const { createCaller } = await import("@/server/api/root");
const { settleOpenBets } = await import("@/server/services/bets/settle");

type Who = { id: string; role: "USER" | "ADMIN" };
const caller = (user: Who) => createCaller({ db: prisma, pool, session: { user, expires: "2999-01-01" } });
const placedAt = new Date("1999-08-13T18:00:00Z");

describe("bet tracker, bankroll and settlement", () => {
  let alice: Who;
  let bob: Who;
  let games: { rovers: number; fixtureTown: number };
  let bankrollId: number;
  const bets: Record<string, number> = {};

  beforeAll(async () => {
    await prisma.bet.deleteMany();
    await prisma.bankroll.deleteMany();
    await prisma.game.deleteMany({ where: { localDate: new Date("1999-08-14") } });
    games = await importSyntheticEpl(pool, "before");
    alice = await prisma.user.create({ data: { email: `alice-${Date.now()}@example.com` }, select: { id: true, role: true } });
    bob = await prisma.user.create({ data: { email: `bob-${Date.now()}@example.com`, role: "USER" }, select: { id: true, role: true } });
    bankrollId = (await caller(alice).bankrolls.create({ name: "Main", initialDepositCents: 100_000 })).id;
  });

  it("records bets against the bankroll and refuses stakes it cannot cover", async () => {
    const a = caller(alice);
    const base = { bankrollId, placedAt, bookmakerKey: "bet365" };
    bets.home1x2 = (await a.bets.create({ ...base, gameId: games.rovers, market: "ONE_X_TWO", selection: "HOME", price: 2.3, stakeCents: 10_000 })).id;
    bets.ahHome = (await a.bets.create({ ...base, gameId: games.rovers, market: "SPREAD", selection: "HOME", line: -0.25, price: 1.95, stakeCents: 5_000 })).id;
    bets.over = (await a.bets.create({ ...base, gameId: games.fixtureTown, market: "TOTAL", selection: "OVER", line: 2.5, price: 1.8, stakeCents: 3_333 })).id;
    bets.ahQuarter = (await a.bets.create({ ...base, gameId: games.fixtureTown, market: "SPREAD", selection: "HOME", line: -0.75, price: 2.02, stakeCents: 2_000 })).id;
    bets.draw = (await a.bets.create({ ...base, gameId: games.fixtureTown, market: "ONE_X_TWO", selection: "DRAW", price: 3.7, stakeCents: 1_000 })).id;
    const summary = (await a.bankrolls.get({ id: bankrollId })).summary;
    expect(summary.balanceCents).toBe(100_000 - 21_333);
    expect(summary.openBets).toBe(5);
    await expect(a.bets.create({ ...base, gameId: games.rovers, market: "ONE_X_TWO", selection: "AWAY", price: 3.2, stakeCents: 100_000 })).rejects.toThrow(/more than the bankroll's available balance/);
    await expect(a.bets.create({ ...base, gameId: games.rovers, market: "MONEYLINE", selection: "DRAW", price: 3.2, stakeCents: 100 })).rejects.toThrow(/not a selection of the moneyline market/);
    await expect(a.bets.create({ ...base, gameId: games.rovers, market: "SPREAD", selection: "HOME", line: -0.3, price: 1.9, stakeCents: 100 })).rejects.toThrow(/quarter points/);
  });

  it("keeps one user's bankroll and bets out of another's reach", async () => {
    const b = caller(bob);
    await expect(b.bankrolls.get({ id: bankrollId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(b.bets.get({ id: bets.home1x2! })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(b.bets.void({ id: bets.home1x2!, reason: "mine now" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(b.bets.edit({ id: bets.draw!, version: 1, changes: { stakeCents: 1 } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(b.bankrolls.move({ bankrollId, kind: "WITHDRAWAL", amountCents: 100, requestId: "steal-attempt-1" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(b.bets.create({ bankrollId, gameId: games.rovers, market: "ONE_X_TWO", selection: "HOME", price: 2, stakeCents: 100, placedAt })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await b.bets.list({})).items).toEqual([]);
    expect(await b.bankrolls.list()).toEqual([]);
    expect((await b.bets.exportCsv({})).csv.trim().split("\n")).toHaveLength(1);
    expect((await caller(alice).bets.list({})).items).toHaveLength(5);
  });

  it("lists the user's own bankrolls before bots' paper bankrolls, so /bets and the bet form open on a real one", async () => {
    const carol = await prisma.user.create({ data: { email: `carol-${Date.now()}@example.com` }, select: { id: true, role: true } });
    // A bot's paper bankroll made first (a user who started with a bot), then the user's own.
    await prisma.bankroll.create({ data: { userId: carol.id, name: "Bot: paper", kind: "BOT", currency: "USD" } });
    await caller(carol).bankrolls.create({ name: "Real money", initialDepositCents: 1_000 });
    expect((await caller(carol).bankrolls.list()).map((b) => [b.name, b.kind])).toEqual([
      ["Real money", "MANUAL"],
      ["Bot: paper", "BOT"],
    ]);
  });

  it("edits open bets with an audit trail and refuses stale edits", async () => {
    const a = caller(alice);
    const edited = await a.bets.edit({ id: bets.draw!, version: 1, changes: { stakeCents: 1_500, note: "upped" } });
    expect(edited.version).toBe(2);
    await expect(a.bets.edit({ id: bets.draw!, version: 1, changes: { stakeCents: 1_200 } })).rejects.toMatchObject({ code: "CONFLICT" });
    const bet = await a.bets.get({ id: bets.draw! });
    expect(bet.stakeCents).toBe(1_500);
    expect(bet.events.map((e) => e.action)).toEqual(["CREATE", "EDIT"]);
    expect((await a.bankrolls.get({ id: bankrollId })).summary.balanceCents).toBe(100_000 - 21_833);
  });

  it("moves money once per request id and refuses to withdraw more than the balance", async () => {
    const a = caller(alice);
    const first = await a.bankrolls.move({ bankrollId, kind: "DEPOSIT", amountCents: 5_000, requestId: "deposit-req-0001" });
    const again = await a.bankrolls.move({ bankrollId, kind: "DEPOSIT", amountCents: 5_000, requestId: "deposit-req-0001" });
    expect(again).toEqual({ entryId: first.entryId, duplicate: true });
    await expect(a.bankrolls.move({ bankrollId, kind: "WITHDRAWAL", amountCents: 10_000_000, requestId: "withdraw-req-01" })).rejects.toThrow(/at most/);
  });

  it("grades and settles each bet exactly once under concurrent runs, with CLV from the Pinnacle close", async () => {
    await importSyntheticEpl(pool, "after");
    const [r1, r2] = await Promise.all([settleOpenBets(pool), settleOpenBets(otherPool)]);
    expect(r1.settled + r2.settled).toBe(5);
    expect((await settleOpenBets(pool)).settled).toBe(0);
    const { rows } = await pool.query<{ n: string }>(
      `SELECT count(*) n FROM "LedgerEntry" WHERE kind = 'SETTLEMENT' AND "betId" = ANY($1::int[])`,
      [Object.values(bets)],
    );
    expect(Number(rows[0]!.n)).toBe(5);

    const a = caller(alice);
    const got = async (k: string) => a.bets.get({ id: bets[k]! });
    // Rovers 2-1 Synthetic Athletic; Fixture Town 1-1 Testbury United.
    expect(await got("home1x2")).toMatchObject({ status: "SETTLED", outcome: "WIN", profitCents: 13_000 });
    expect(await got("ahHome")).toMatchObject({ outcome: "WIN", profitCents: 4_750 });
    expect(await got("over")).toMatchObject({ outcome: "LOSS", profitCents: -3_333 });
    expect(await got("ahQuarter")).toMatchObject({ outcome: "LOSS", profitCents: -2_000 });
    expect(await got("draw")).toMatchObject({ outcome: "WIN", profitCents: 4_050 });

    const home = await got("home1x2");
    const fairHome = removeVig([2.05, 3.55, 3.9], "multiplicative")[0]!;
    expect(home.clvBasis).toBe("Pinnacle closing");
    expect(home.closingFairProbability).toBeCloseTo(fairHome, 9);
    expect(home.clv).toBeCloseTo(2.3 * fairHome - 1, 9);
    // Taken -0.25, closed -0.5: a quarter point better; no price comparison across different lines.
    const ah = await got("ahHome");
    expect(ah.clvPoints).toBe(0.25);
    expect(ah.clv).toBeNull();
    expect((await got("draw")).events.map((e) => [e.action, e.byGrader])).toEqual([["CREATE", false], ["EDIT", false], ["SETTLE", true]]);

    const summary = (await a.bankrolls.get({ id: bankrollId })).summary;
    const profit = 13_000 + 4_750 - 3_333 - 2_000 + 4_050;
    expect(summary).toMatchObject({ profitCents: profit, settledBets: 5, openBets: 0, stakedCents: 21_833, balanceCents: 105_000 + profit });
    expect(summary.yield).toBeCloseTo(profit / 21_833, 12);
    expect(summary.winRate).toBeCloseTo(3 / 5, 12);
  });

  it("voids a settled bet by taking back its settlement and refunding the stake", async () => {
    const a = caller(alice);
    const before = (await a.bankrolls.get({ id: bankrollId })).summary;
    await a.bets.void({ id: bets.over!, reason: "entered twice" });
    const after = (await a.bankrolls.get({ id: bankrollId })).summary;
    expect(after.balanceCents).toBe(before.balanceCents + 3_333);
    expect(after.profitCents).toBe(before.profitCents + 3_333);
    await expect(a.bets.void({ id: bets.over!, reason: "again" })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("exports bets as CSV and imports them all or nothing, once", async () => {
    const a = caller(alice);
    const { csv } = await a.bets.exportCsv({});
    expect(csv.split("\n")[0]).toMatch(/^ref,placed_at,game_id/);
    const second = (await a.bankrolls.create({ name: "Copy", initialDepositCents: 50_000 })).id;
    // Refs from the export are the original bets' ids, which this user already has: a re-import adds nothing.
    const rerun = await a.bets.importCsv({ bankrollId: second, csv });
    expect(rerun).toMatchObject({ imported: 0, skippedAsDuplicates: 5 });
    const fresh = csv.replace(/linesmith-(\d+)/g, "copy-$1");
    const imported = await a.bets.importCsv({ bankrollId: second, csv: fresh });
    expect(imported).toMatchObject({ imported: 5, settled: 5 });
    expect((await a.bets.importCsv({ bankrollId: second, csv: fresh })).imported).toBe(0);

    const bad = "ref,placed_at,game_id,market,selection,line,price_decimal,stake\n" +
      `x1,1999-08-13T10:00:00Z,${games.rovers},1x2,home,,2.1,10\n` +
      `x2,1999-08-13T10:00:00Z,${games.rovers},spread,home,,1.9,10\n` +
      `x3,yesterday,${games.rovers},1x2,away,,3.1,10\n` +
      `x4,1999-08-13T10:00:00Z,999999999,1x2,away,,3.1,10\n`;
    const before = await prisma.bet.count({ where: { userId: alice.id } });
    await expect(a.bets.importCsv({ bankrollId: second, csv: bad })).rejects.toThrow(/Nothing was imported.*line 3: a spread bet needs a line; line 4: placed_at "yesterday".*line 5: No game with id 999999999/);
    expect(await prisma.bet.count({ where: { userId: alice.id } })).toBe(before);
  });
});
