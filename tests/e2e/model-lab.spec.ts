import { expect, test } from "@playwright/test";
import { syntheticLeagueCsv } from "../support/synthetic-league";
import { importFootballCsv } from "./import-csv";

test.beforeAll(async () => {
  // The product's own import CLI loads an invented four-season league into the app's database.
  await importFootballCsv(syntheticLeagueCsv([2015, 2016, 2017, 2018], 5));
});

test("run a walk-forward evaluation in the Model lab and read it against the market", async ({ page }) => {
  // The report's charts and schemas must run under the nonce CSP: any violation (an eval probe, an inline
  // script) is collected and fails the test.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (e) =>
      seen.push(`${e.violatedDirective} ${e.sourceFile}:${e.lineNumber}`),
    );
  });
  await page.goto("/sign-up");
  await page.getByLabel("Email").fill("modeller@example.com");
  await page.getByLabel("Password").fill("a long enough password");
  await page.getByRole("button", { name: "Create your account" }).click();
  await expect(page).toHaveURL(/\/games/);

  await page.getByRole("link", { name: "Model lab" }).click();
  await page.getByLabel("League").selectOption({ label: "Division X1 (355 played, 2015-2018)" });
  await page.getByLabel("First test season").fill("2017");
  await page.getByRole("checkbox", { name: "gbdt", exact: true }).uncheck();
  await page.getByRole("button", { name: "Run evaluation" }).click();
  await expect(page).toHaveURL(/\/models\/\d+$/);

  // The local job runner picks the request up; the page polls its progress.
  await expect(page.getByText("Done", { exact: true })).toBeVisible({ timeout: 60_000 });
  const table = page.getByRole("table").first();
  await expect(table).toContainText("Closing market");
  await expect(table).toContainText("elo");
  await expect(table).toContainText("logistic");
  await expect(page.getByText(/175 games in test seasons 2017, 2018/)).toBeVisible();
  await expect(page.getByLabel("Reliability diagram for closing market")).toBeVisible();
  await expect(page.getByLabel("Feature importances")).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);

  // Registered versions, and their predictions for the five unplayed fixtures.
  await expect(page.getByRole("cell", { name: /logistic \(logistic, stats-only\)/ })).toBeVisible();
  await page.getByLabel("Predictions of").selectOption({ label: "logistic v1" });
  await expect(page.locator("table").last().locator("tbody tr")).toHaveCount(5);

  // The game page of a predicted fixture shows the model's probabilities.
  await page.goto("/games?q=Juniper");
  await page
    .getByRole("link", { name: /Juniper Rovers v Eastleigh Vale/ })
    .first()
    .click();
  await expect(page.getByText("Your models")).toBeVisible();
  await expect(page.getByRole("link", { name: "logistic" })).toBeVisible();

  await page.goto("/models");
  await expect(page.getByRole("link", { name: "Division X1" })).toBeVisible();
});
