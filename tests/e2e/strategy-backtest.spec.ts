import { expect, test } from "@playwright/test";
import { syntheticLeagueCsv } from "../support/synthetic-league";
import { deleteUsers } from "./http";
import { importFootballCsv } from "./import-csv";

const EMAIL = "strategy-backtest@example.com";

test.beforeAll(async () => {
  // An invented league (three seasons with Pinnacle opening and closing prices), loaded by the import CLI, in a
  // division of its own (X8): the Model lab spec counts the games of the synthetic league X1.
  await importFootballCsv(
    syntheticLeagueCsv([2021, 2022, 2023], 0, 9).replaceAll("\nX1,", "\nX8,"),
    "synthetic-backtest.csv",
  );
});

test.afterAll(async () => {
  await deleteUsers("strategy-backtest%@example.com");
});

test("build a strategy, watch its live preview, run its backtest and a sweep, and read the report", async ({
  page,
}) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  await page.goto("/sign-up");
  await page.getByLabel("Email").fill(EMAIL);
  await page.getByLabel("Password").fill("a long enough password");
  await page.getByRole("button", { name: "Create your account" }).click();
  await expect(page).toHaveURL(/\/games/, { timeout: 20_000 });

  await page.goto("/strategies/new");
  await page.getByLabel("Name").fill("Close against the opening");
  await page.getByLabel("Price taken at").selectOption("pinnacle");
  await page.getByLabel("Decide at").selectOption("closing");
  await page.getByLabel("Stake", { exact: true }).selectOption("flat");
  await page.getByLabel("Minimum edge").fill("0");
  await expect(page.getByTestId("strategy-summary")).toContainText("Bet");

  // The live mini-backtest runs on the last completed season and shows bets and the bankroll curve.
  const preview = page.getByTestId("strategy-preview");
  await expect(preview).toContainText("Season 2023-24", { timeout: 15_000 });
  await expect(page.getByTestId("preview-bets")).toHaveText(/^[1-9]\d*$/);

  await page.getByRole("button", { name: "Save strategy" }).click();
  await expect(page).toHaveURL(/\/strategies\/\d+$/);
  const strategyUrl = page.url();

  // The full backtest runs as a job; the report page follows it and shows the equity curve.
  await page.getByRole("button", { name: "Run backtest" }).click();
  await expect(page).toHaveURL(/\/backtests\/\d+$/);
  await expect(page.getByRole("img", { name: /^Equity curve from/ })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByLabel("Key figures")).toContainText("ROI");
  const csv = await page.request.get(`${page.url().replace(/\/backtests\//, "/api/v1/backtests/")}/bets.csv`);
  expect(csv.status()).toBe(200);
  expect((await csv.text()).split("\n")[0]).toMatch(/^date,kickoff,league,game,market,selection/);

  // A sweep over the minimum edge: the report says how likely the best variant's result is luck.
  await page.goto(strategyUrl);
  await page.getByRole("button", { name: "Add a sweep parameter" }).click();
  await page.getByLabel("Values (as stored: 0.02 is 2%)").fill("0, 0.005, 0.01, 0.02");
  await page.getByRole("button", { name: "Run sweep" }).click();
  await expect(page).toHaveURL(/\/backtests\/\d+$/);
  await expect(page.getByText(/With 4 variants tried/)).toBeVisible({ timeout: 60_000 });

  // The report in light and dark, at 1280 and 360 px: nothing scrolls sideways on a phone.
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [1280, 360]) {
      await page.setViewportSize({ width, height: width === 360 ? 740 : 900 });
      await expect(page.getByRole("img", { name: /^Equity curve from/ })).toBeVisible();
      const fits = await page.evaluate(
        () => document.documentElement.scrollWidth <= document.documentElement.clientWidth,
      );
      expect(fits).toBe(true);
      await page.screenshot({ path: test.info().outputPath(`report-${scheme}-${width}.png`), fullPage: true });
    }
  }
  await page.goto(strategyUrl);
  await expect(page.getByTestId("preview-bets")).toHaveText(/^[1-9]\d*$/, { timeout: 15_000 });
  await page.screenshot({ path: test.info().outputPath("strategy-dark-360.png"), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.emulateMedia({ colorScheme: "light" });
  await page.screenshot({ path: test.info().outputPath("strategy-light-1280.png"), fullPage: true });
  expect(errors).toEqual([]);
});
