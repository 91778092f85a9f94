import { expect, request, test } from "@playwright/test";

const EMAIL = "alerts@example.com";
const PASSWORD = "a long enough password";

test.beforeAll(async ({ baseURL }) => {
  const api = await request.newContext({ baseURL });
  const signUp = await api.post("/api/trpc/auth.signUp", { data: { json: { email: EMAIL, password: PASSWORD } } });
  // 409 when another run of this spec already made the account.
  expect([200, 409]).toContain(signUp.status());
  await api.dispose();
});

test("alert rules: add one on a phone-sized screen, turn it off, refuse bad input, remove it", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 780 });
  await page.goto("/alerts");
  await page.getByLabel("Email").fill(EMAIL);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/alerts$/, { timeout: 30_000 });
  await expect(page).toHaveTitle("Alerts · Linesmith");

  await page.getByLabel("Name").fill("Big edges");
  await page.getByLabel("Minimum EV (%)").fill("6");
  await page.getByLabel("Leagues (keys, empty for all)").fill("epl");
  await page.getByRole("checkbox", { name: "1X2" }).check();
  await page.getByRole("button", { name: "Add rule" }).click();
  await expect(page.getByRole("status")).toHaveText('Rule "Big edges" added.');
  const rules = page.getByRole("list", { name: "Your alert rules" });
  await expect(rules.getByText("EV of 6 % or more, in epl, 1X2")).toBeVisible();

  await rules.getByRole("button", { name: "Turn off" }).click();
  await expect(rules.getByText("Off", { exact: true })).toBeVisible();

  // The server's bounds reach the form as a message, not a crash.
  await page.getByLabel("Minimum EV (%)").fill("0.1");
  await page.getByRole("button", { name: "Add rule" }).click();
  await expect(page.getByText(/minimum EV is at least 0.5 %/i)).toBeVisible();

  await rules.getByRole("button", { name: "Remove Big edges" }).click();
  await expect(page.getByText("No alert rules yet")).toBeVisible();
  // Nothing wider than the screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});
