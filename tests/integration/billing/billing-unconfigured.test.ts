import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { TEST_DATABASE_URL } from "../../support/test-db";
import { edgeStrategy } from "../../support/strategies";

// Billing left on (the default) but no Stripe key: no payments, and everyone has the Free plan's limits.
Object.assign(process.env, { DATABASE_URL: TEST_DATABASE_URL, BILLING: "on" });
delete process.env.STRIPE_SECRET_KEY;
delete process.env.STRIPE_WEBHOOK_SECRET;
const { apiCaller } = await import("../../support/api-caller");
const { prisma, caller } = apiCaller();
const { POST } = await import("@/app/api/stripe/webhook/route");

const strategy = edgeStrategy;

describe("billing without STRIPE_SECRET_KEY", () => {
  it("says billing is not configured, refuses checkout and holds everyone to Free's limits", async () => {
    const user = await prisma.user.create({
      data: { email: `nokey-${randomUUID()}@example.com` },
      select: { id: true, role: true },
    });
    const overview = await caller(user).billing.overview();
    expect(overview).toMatchObject({ mode: "unconfigured", plan: "FREE", invoices: [] });
    expect(overview.notice).toMatch(/Billing is not configured \(no STRIPE_SECRET_KEY\)/);
    await expect(caller(user).billing.checkout({ plan: "PRO", interval: "monthly" })).rejects.toThrow(
      /Billing is not configured/,
    );
    for (const n of [1, 2, 3]) await caller(user).strategies.save({ strategy: strategy(`S${n}`) });
    await expect(caller(user).strategies.save({ strategy: strategy("S4") })).rejects.toMatchObject({
      code: "PAYMENT_REQUIRED",
    });
  });

  it("lets a Free account run one active bot, even when two are activated at once", async () => {
    const user = await prisma.user.create({
      data: { email: `nokey-bots-${randomUUID()}@example.com` },
      select: { id: true, role: true },
    });
    const strategyId = (await caller(user).strategies.save({ strategy: strategy("For bots") })).id;
    const bots = [];
    for (const name of ["Bot one", "Bot two"]) {
      bots.push(
        await caller(user).bots.create({
          name,
          strategyId,
          leagues: [],
          markets: [],
          windowHours: 48,
          schedule: "on-odds",
          runTimes: [],
          currency: "USD",
          initialDepositCents: 10_000,
        }),
      );
    }
    const results = await Promise.allSettled(
      bots.map((b) => caller(user).bots.setState({ id: b.id, version: b.version, state: "ACTIVE" })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: "PAYMENT_REQUIRED" });
    expect(String(refused.reason.message)).toMatch(/active bot/i);
    expect(await prisma.bot.count({ where: { userId: user.id, state: "ACTIVE" } })).toBe(1);
  });

  it("answers the webhook with 404, not a 500", async () => {
    const response = await POST(new Request("http://127.0.0.1/api/stripe/webhook", { method: "POST", body: "{}" }));
    expect(response.status).toBe(404);
  });
});
