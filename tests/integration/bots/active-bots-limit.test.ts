import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_DATABASE_URL, testPool, testPrisma } from "../../support/test-db";

// Billing on without Stripe: every account has Free's limits (one active bot).
Object.assign(process.env, { DATABASE_URL: TEST_DATABASE_URL, BILLING: "on" });
delete process.env.STRIPE_SECRET_KEY;
process.env.NEXTAUTH_SECRET ??= "integration-test-secret-integration-test-secret";

const prisma = testPrisma();
const pool = testPool();
afterAll(async () => {
  await prisma.$disconnect();
  await pool.end();
});

const { createCaller } = await import("@/server/api/root");

type Who = { id: string; role: "USER" | "ADMIN" };
const caller = (user: Who) => createCaller({ db: prisma, pool, session: { user, expires: "2999-01-01" } });

const strategy = {
  schemaVersion: 1,
  name: "Market value",
  markets: ["1x2"],
  leagues: [],
  probability: "market:pinnacle-opening",
  price: "best",
  decideAt: "opening",
  when: { all: [{ field: "edge", op: "gte", value: 0.05 }] },
  stake: { kind: "percent", fraction: 0.02 },
};

describe("bots: the plan's active-bots limit", () => {
  let user: Who;
  let strategyId: number;
  const newBot = (name: string) => caller(user).bots.create({ name, strategyId, initialDepositCents: 10_000 });
  const activeCount = () => prisma.bot.count({ where: { userId: user.id, state: "ACTIVE" } });

  beforeAll(async () => {
    user = await prisma.user.create({ data: { email: `active-bots-${Date.now()}@example.com` }, select: { id: true, role: true } });
    strategyId = (await caller(user).strategies.save({ strategy })).id;
  });

  it("starts one bot on Free and refuses a second with PAYMENT_REQUIRED, until the first is paused", async () => {
    const first = await newBot("First");
    const second = await newBot("Second");
    const started = await caller(user).bots.setState({ id: first.id, version: first.version, state: "ACTIVE" });
    await expect(caller(user).bots.setState({ id: second.id, version: second.version, state: "ACTIVE" })).rejects.toMatchObject({
      code: "PAYMENT_REQUIRED",
      message: expect.stringMatching(/^Free allows 1 active bot/),
    });
    expect(await activeCount()).toBe(1);
    // Creating a draft and pausing are never limited; a paused bot frees its place.
    await caller(user).bots.setState({ id: first.id, version: started.version, state: "PAUSED" });
    await caller(user).bots.setState({ id: second.id, version: second.version, state: "ACTIVE" });
    expect(await activeCount()).toBe(1);
    // Resuming the first now would make two.
    await expect(caller(user).bots.setState({ id: first.id, version: started.version + 1, state: "ACTIVE" })).rejects.toMatchObject({ code: "PAYMENT_REQUIRED" });
    await prisma.bot.updateMany({ where: { userId: user.id }, data: { state: "STOPPED" } });
  });

  it("lets only one of two bots started at the same moment become active", async () => {
    const bots = await Promise.all([newBot("Race A"), newBot("Race B")]);
    const results = await Promise.allSettled(bots.map((b) => caller(user).bots.setState({ id: b.id, version: b.version, state: "ACTIVE" })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "PAYMENT_REQUIRED" } });
    expect(await activeCount()).toBe(1);
  });
});
