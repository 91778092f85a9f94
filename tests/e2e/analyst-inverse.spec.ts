import { expect, test } from "@playwright/test";

test("the inverse view page explains its rule and Benny's state, at 360 px and in dark mode", async ({ page }) => {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  await page.goto("/sign-up");
  await page.getByLabel("Email").fill("inverse-view@example.com");
  await page.getByLabel("Password").fill("a long enough password");
  await page.getByRole("button", { name: "Create your account" }).click();
  await expect(page).toHaveURL(/\/games/);

  await page.emulateMedia({ colorScheme: "dark" });
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto("/models/inverse");
  await expect(page).toHaveTitle("Inverse view and AI analyst · Linesmith");
  await expect(page.getByRole("heading", { name: "Inverse view and AI analyst" })).toBeVisible();
  // No model has graded predictions for a new user; the rule is still stated.
  await expect(page.getByText("No graded predictions in the last 90 days")).toBeVisible();
  await expect(page.getByText(/fewer than 30 games, avoid/)).toBeVisible();
  // The e2e server has no LLM configured: Benny says it is off and how to turn it on.
  await expect(page.getByText(/The AI analyst is off: set LLM_PROVIDER/)).toBeVisible();
  await expect(page.getByText(/never backtested on past seasons/)).toBeVisible();
  await expect(page.getByText(/of 200,000 tokens in 0 calls/)).toBeVisible();
  await expect(page.getByText("None yet.")).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await page.screenshot({ path: "/tmp/analyst-inverse.png", fullPage: true });
  expect(errors).toEqual([]);
});
