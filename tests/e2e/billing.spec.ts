import { expect, test, type Page } from "@playwright/test";
import { E2E_STRIPE_PORT } from "../../playwright.config";
import { deleteUsers, trpcMutation } from "./http";
import { edgeStrategy } from "../support/strategies";

/**
 * Billing through the fake Stripe (started by playwright.config.ts): a Free user hits the strategies limit (402,
 * the message shown), upgrades through the fake Checkout page, the webhooks arrive twice and out of order, the
 * limit is lifted; cancelling at period end keeps the plan until the fake's clock passes the period, then Free.
 */
const EMAIL = "billing-payer@example.com";
const FAKE = `http://127.0.0.1:${E2E_STRIPE_PORT}`;

const strategy = edgeStrategy;

test.afterAll(async ({ request }) => {
  await deleteUsers("billing-payer%@example.com");
  // Later specs' checkouts (none today) would otherwise inherit these delivery options.
  await request.post(`${FAKE}/_test/delivery`, { data: {} });
});

async function saveInBuilder(page: Page, name: string) {
  await page.goto("/strategies/new");
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Save strategy" }).click();
}

test("a Free user hits the strategies limit, upgrades through Checkout, and is downgraded after cancelling", async ({ page, request }) => {
  await page.goto("/sign-up");
  await page.getByLabel("Email").fill(EMAIL);
  await page.getByLabel("Password").fill("a long enough password");
  await page.getByRole("button", { name: "Create your account" }).click();
  await expect(page).toHaveURL(/\/games/, { timeout: 20_000 });

  for (const n of [1, 2, 3]) expect((await trpcMutation(page.request, "strategies.save", { strategy: strategy(`Plan ${n}`) })).status).toBe(200);
  const refused = await trpcMutation(page.request, "strategies.save", { strategy: strategy("Plan 4") });
  expect(refused).toMatchObject({ status: 402, message: "Free allows 3 strategies; Pro allows 50. Upgrade on the billing page." });

  await saveInBuilder(page, "Fourth on Free");
  await expect(page.getByRole("alert").filter({ hasText: "Free allows 3 strategies; Pro allows 50" })).toBeVisible();

  await page.goto("/settings/billing");
  await expect(page.getByTestId("current-plan")).toHaveText("Free");
  await expect(page.getByTestId("usage-strategies")).toHaveText("3");
  await expect(page.getByTestId("limit-strategies")).toHaveText("3");
  // Usable on a phone: nothing scrolls sideways at 360 px.
  await page.setViewportSize({ width: 360, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.setViewportSize({ width: 1280, height: 800 });

  // Stripe delivers at least once and in no particular order: here every event twice, newest first.
  await request.post(`${FAKE}/_test/delivery`, { data: { duplicate: true, reverse: true } });
  await page.getByRole("button", { name: "Upgrade to Pro" }).click();
  await expect(page).toHaveURL(new RegExp(`^${FAKE}/checkout/cs_test_`));
  await expect(page.getByText("14-day free trial")).toBeVisible();
  await page.getByRole("button", { name: "Subscribe" }).click();
  await expect(page).toHaveURL(/\/settings\/billing\?checkout=success/);
  await expect(page.getByTestId("current-plan")).toHaveText("Pro");
  await expect(page.getByTestId("limit-strategies")).toHaveText("50");

  const { deliveries } = (await (await request.get(`${FAKE}/_test/state`)).json()) as {
    deliveries: { type: string; status: number; answer: { result?: string } }[];
  };
  const mine = deliveries.slice(-6);
  expect(mine.map((d) => d.type)).toEqual([
    "checkout.session.completed",
    "invoice.paid",
    "customer.subscription.created",
    "checkout.session.completed",
    "invoice.paid",
    "customer.subscription.created",
  ]);
  expect(mine.map((d) => d.status)).toEqual([200, 200, 200, 200, 200, 200]);
  expect(mine.slice(3).map((d) => d.answer.result)).toEqual(["duplicate", "duplicate", "duplicate"]);

  await saveInBuilder(page, "Fourth on Pro");
  await expect(page).toHaveURL(/\/strategies\/\d+$/);

  // Cancel in the (fake) Customer Portal: the plan stays until the period ends.
  await request.post(`${FAKE}/_test/delivery`, { data: {} });
  await page.goto("/settings/billing");
  await page.getByRole("button", { name: "Manage billing" }).click();
  await expect(page).toHaveURL(new RegExp(`^${FAKE}/portal/bps_`));
  await page.getByRole("button", { name: "Cancel plan" }).click();
  await expect(page.getByText("(cancels at period end)")).toBeVisible();
  await page.getByRole("link", { name: "Return to Linesmith" }).click();
  await expect(page.getByTestId("current-plan")).toHaveText("Pro");
  await expect(page.getByTestId("plan-ends")).toContainText("Ends on");

  // The fake's clock passes the period end: Stripe ends the subscription and says so.
  const advanced = await request.post(`${FAKE}/_test/clock/advance`, { data: { toPeriodEnd: true } });
  const ended = ((await advanced.json()) as { deliveries: { type: string; status: number }[] }).deliveries;
  expect(ended).toContainEqual(expect.objectContaining({ type: "customer.subscription.deleted", status: 200 }));
  await page.reload();
  await expect(page.getByTestId("current-plan")).toHaveText("Free");
  const again = await trpcMutation(page.request, "strategies.save", { strategy: strategy("Fifth") });
  expect(again).toMatchObject({ status: 402, message: "Free allows 3 strategies; Pro allows 50. Upgrade on the billing page." });
});
