import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { TEST_DATABASE_URL, testPool, testPrisma } from "../../support/test-db";

/**
 * Scanner delay by plan: on Free (15 minutes) a price captured a minute ago is not used and one captured 20 minutes
 * ago is; Pro sees both; the page's notice names the delay and the plan that lifts it; BILLING=off is real time.
 */
Object.assign(process.env, {
  DATABASE_URL: TEST_DATABASE_URL,
  NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? "integration-test-secret-integration-test-secret",
  BILLING: "on",
  // Billing on (a key is set) so that a stored Pro subscription counts; scanners never call Stripe.
  STRIPE_SECRET_KEY: "sk_test_scanner_delay",
  STRIPE_WEBHOOK_SECRET: "whsec_scanner_delay",
});

const prisma = testPrisma();
const pool = testPool();
const TAG = randomUUID().slice(0, 8);
const LEAGUE = `delay-${TAG}`;
type Who = { id: string; role: "USER" | "ADMIN" };

async function callerFor(user: Who) {
  const { createCaller } = await import("@/server/api/root");
  return createCaller({ db: prisma, pool, session: { user, expires: "2999-01-01" } });
}

let gameId = 0;
let free: Who;
let pro: Who;

beforeAll(async () => {
  const sport = await prisma.sport.upsert({ where: { key: "soccer" }, create: { key: "soccer", name: "Soccer" }, update: {} });
  const league = await prisma.league.create({
    data: { key: LEAGUE, name: `Delay ${TAG}`, sportId: sport.id, seasons: { create: { label: "2026-27", startYear: 2026 } } },
    include: { seasons: true },
  });
  const [home, away] = await Promise.all(["Northby", "Southam"].map((name) => prisma.team.create({ data: { leagueId: league.id, name } })));
  const kickoff = new Date(Date.now() + 3 * 3_600_000);
  gameId = (
    await prisma.game.create({
      data: { leagueId: league.id, seasonId: league.seasons[0]!.id, homeTeamId: home!.id, awayTeamId: away!.id, startsAt: kickoff, startTimeKnown: true, localDate: kickoff, primarySource: "test" },
    })
  ).id;
  const [a, b] = await Promise.all([`dly-a-${TAG}`, `dly-b-${TAG}`].map((key) => prisma.bookmaker.create({ data: { key, name: key } })));
  const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000);
  const snap = (bookmakerId: number, selection: "HOME" | "AWAY", price: number, capturedAt: Date) => ({
    gameId, bookmakerId, market: "MONEYLINE" as const, period: "FULL_GAME" as const, selection, phase: "SNAPSHOT" as const, price, capturedAt, source: "test",
  });
  await prisma.oddsSnapshot.createMany({
    data: [
      snap(a!.id, "HOME", 2.0, ago(20)),
      snap(a!.id, "AWAY", 1.8, ago(20)),
      // Captured a minute ago: real time only.
      snap(a!.id, "HOME", 2.5, ago(1)),
      // Captured 20 minutes ago at another book: everyone.
      snap(b!.id, "HOME", 1.9, ago(20)),
    ],
  });
  free = await prisma.user.create({ data: { email: `free-${TAG}@example.com` }, select: { id: true, role: true } });
  pro = await prisma.user.create({ data: { email: `pro-${TAG}@example.com` }, select: { id: true, role: true } });
  await prisma.billingAccount.create({ data: { userId: pro.id, plan: "PRO", status: "active" } });
});

afterAll(async () => {
  await prisma.user.deleteMany({ where: { id: { in: [free.id, pro.id] } } });
  await prisma.league.deleteMany({ where: { key: LEAGUE } });
  await prisma.bookmaker.deleteMany({ where: { key: { startsWith: "dly-", endsWith: TAG } } });
  await pool.end();
  await prisma.$disconnect();
});

async function homeLine(user: Who) {
  const caller = await callerFor(user);
  const scan = await caller.scanners.scan({ day: new Date().toISOString().slice(0, 10), days: 2, league: LEAGUE, market: "MONEYLINE" });
  const line = scan.lines.find((l) => l.gameId === gameId);
  return line?.best.find((b) => b.selection === "HOME");
}

describe("scanner delay by plan", () => {
  it("uses a price captured a minute ago on Pro but not on Free; one captured 20 minutes ago on both", async () => {
    expect(await homeLine(pro)).toMatchObject({ bookmaker: `dly-a-${TAG}`, price: 2.5, books: 2 });
    expect(await homeLine(free)).toMatchObject({ bookmaker: `dly-a-${TAG}`, price: 2.0, books: 2 });
  });

  it("tells a Free user the delay and the plan that lifts it, and a Pro user nothing", async () => {
    expect(await (await callerFor(free)).scanners.delay()).toEqual({ minutes: 15, notice: "Delayed 15 minutes on Free; Pro is real time." });
    expect(await (await callerFor(pro)).scanners.delay()).toEqual({ minutes: 0, notice: null });
  });

  it("keeps everything real time with BILLING=off", async () => {
    vi.resetModules();
    process.env.BILLING = "off";
    try {
      expect(await homeLine(free)).toMatchObject({ price: 2.5 });
      expect(await (await callerFor(free)).scanners.delay()).toEqual({ minutes: 0, notice: null });
    } finally {
      process.env.BILLING = "on";
    }
  });
});
