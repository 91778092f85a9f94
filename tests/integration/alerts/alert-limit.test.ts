import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { TEST_DATABASE_URL } from "../../support/test-db";

// Billing on without Stripe: everyone has the Free plan's limits (3 alert rules).
Object.assign(process.env, { DATABASE_URL: TEST_DATABASE_URL, BILLING: "on" });
delete process.env.STRIPE_SECRET_KEY;
delete process.env.STRIPE_WEBHOOK_SECRET;
const { apiCaller } = await import("../../support/api-caller");
const { prisma, caller } = apiCaller();

const rule = (n: number) => ({ name: `EV ${n}`, kind: "VALUE_BET" as const, params: { minEvPercent: n, leagues: [], markets: [] } });

describe("alert rules and the plan", () => {
  const users: string[] = [];
  afterAll(async () => {
    await prisma.user.deleteMany({ where: { id: { in: users } } });
  });

  it("Free allows 3 rules, even when 6 are created at once; the 4th is PAYMENT_REQUIRED", async () => {
    const user = await prisma.user.create({ data: { email: `alerts-limit-${randomUUID()}@example.com` }, select: { id: true, role: true } });
    users.push(user.id);
    const results = await Promise.allSettled([1, 2, 3, 4, 5, 6].map((n) => caller(user).alerts.create(rule(n))));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
    for (const r of results.filter((r) => r.status === "rejected")) expect((r as PromiseRejectedResult).reason).toMatchObject({ code: "PAYMENT_REQUIRED" });
    expect(await prisma.alertRule.count({ where: { userId: user.id } })).toBe(3);
    await expect(caller(user).alerts.create(rule(9))).rejects.toThrow(/alert rules/);
  });
});
