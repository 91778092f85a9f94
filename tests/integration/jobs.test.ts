import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importSyntheticEpl } from "../support/fixtures";
import { TEST_DATABASE_URL, testPool, testPrisma } from "../support/test-db";

process.env.DATABASE_URL = TEST_DATABASE_URL;
process.env.NEXTAUTH_SECRET ??= "integration-test-secret-integration-test-secret";

const prisma = testPrisma();
const pool = testPool();
afterAll(async () => {
  await prisma.$disconnect();
  await pool.end();
});

const { startLocalRunner } = await import("@/inngest/local-runner");
const { functions } = await import("@/inngest/functions");
const { EVENTS, publishEvent } = await import("@/server/jobs/events");

/** A user with a bankroll and one open 1X2 bet on the synthetic Rovers game. */
async function openBetOnRovers(email: string) {
  const user = await prisma.user.create({ data: { email: `${email}-${Date.now()}@example.com` } });
  const { rovers } = await importSyntheticEpl(pool, "before");
  const bankroll = await prisma.bankroll.create({ data: { userId: user.id, name: "Jobs" } });
  const bet = await prisma.bet.create({
    data: { userId: user.id, bankrollId: bankroll.id, gameId: rovers, market: "ONE_X_TWO", selection: "AWAY", price: 3.2, stakeCents: 1_000, placedAt: new Date("1999-08-13T12:00:00Z") },
  });
  await prisma.ledgerEntry.create({ data: { bankrollId: bankroll.id, betId: bet.id, kind: "STAKE", amountCents: -1_000, idempotencyKey: `bet:${bet.id}:stake`, occurredAt: bet.placedAt } });
  return bet.id;
}

describe("background jobs", () => {
  beforeAll(async () => {
    await prisma.bet.deleteMany();
    await prisma.game.deleteMany({ where: { localDate: new Date("1999-08-14") } });
  });

  it("the local runner settles bets when results are published, and records the run", async () => {
    const betId = await openBetOnRovers("runner");
    await importSyntheticEpl(pool, "after");
    const runner = startLocalRunner(pool, { schedules: false, log: () => {} });
    try {
      await publishEvent({ name: EVENTS.resultsStored, data: {} });
      await runner.idle();
    } finally {
      runner.stop();
    }
    expect(await prisma.bet.findUniqueOrThrow({ where: { id: betId } })).toMatchObject({ status: "SETTLED", outcome: "LOSS", profitCents: -1_000n });
    const run = await prisma.jobRun.findFirstOrThrow({ where: { job: "settle-bets" }, orderBy: { id: "desc" } });
    expect(run).toMatchObject({ ok: true, trigger: `event:${EVENTS.resultsStored}` });
    expect(run.result).toMatchObject({ settled: 1 });
  });

  it("the Inngest function settles on its event, through the same job body", async () => {
    await prisma.bet.deleteMany();
    await prisma.game.deleteMany({ where: { localDate: new Date("1999-08-14") } });
    const betId = await openBetOnRovers("inngest");
    await importSyntheticEpl(pool, "after");
    const engine = new InngestTestEngine({ function: functions.find((f) => f.id().endsWith("settle-bets"))! });
    const { result } = await engine.execute({ events: [{ name: EVENTS.resultsStored, data: {} }] });
    expect(result).toMatchObject({ settled: 1 });
    expect((await prisma.bet.findUniqueOrThrow({ where: { id: betId } })).status).toBe("SETTLED");
  });
});
