import path from "node:path";
import { expect, test } from "@playwright/test";
import { closingLineValue, removeVig } from "../../server/domain/odds";

const fixture = (which: "before" | "after") => path.resolve(import.meta.dirname, `../fixtures/synthetic-epl-${which}.csv`);

async function importFile(page: import("@playwright/test").Page, file: string) {
  await page.goto("/imports");
  await page.getByLabel("File").setInputFiles(file);
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByTestId("import-report")).toContainText("succeeded", { timeout: 60_000 });
}

test("enter a bet on an imported game, import its result, see it graded, settled and its CLV", async ({ page }) => {
  await page.goto("/sign-up");
  await page.getByLabel("Email").fill("bettor@example.com");
  await page.getByLabel("Password").fill("a long enough password");
  await page.getByRole("button", { name: "Create your account" }).click();
  await expect(page).toHaveURL(/\/games/);

  await importFile(page, fixture("before"));

  await page.goto("/bets");
  await page.getByLabel("Bankroll name").fill("Main");
  await page.getByLabel("Starting deposit").fill("1000");
  await page.getByRole("button", { name: "Create bankroll" }).click();
  await expect(page.getByTestId("summary-balance")).toHaveText("1,000.00 USD");

  await page.goto("/games?q=Linesmith");
  await page.getByRole("link", { name: /Linesmith Rovers v Synthetic Athletic/ }).click();
  await page.getByRole("link", { name: "Track a bet on this game" }).click();
  await page.getByLabel("Bookmaker").selectOption("bet365");
  await page.getByLabel("Price", { exact: true }).fill("2.30");
  await page.getByLabel(/^Stake/).fill("100");
  await page.getByLabel("Placed at (UTC)").fill("1999-08-13T12:00");
  // Live hint against Pinnacle's opening no-vig price.
  const fairOpen = removeVig([2.25, 3.45, 3.35], "multiplicative")[0]!;
  await expect(page.getByTestId("bet-hint")).toContainText(`EV ${((fairOpen * 2.3 - 1) * 100).toFixed(2)}%`);
  await page.getByRole("button", { name: "Save bet" }).click();
  await expect(page.getByRole("heading", { name: /Bet #\d+/ })).toContainText("Open");

  const betUrl = page.url();
  await importFile(page, fixture("after"));

  // The import publishes "results stored"; the local job runner grades and settles in the background.
  await expect(async () => {
    await page.goto(betUrl);
    await expect(page.getByRole("heading", { name: /Bet #\d+/ })).toContainText("Won", { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  const facts = page.getByTestId("bet-facts");
  await expect(facts).toContainText("+130.00");
  const clv = closingLineValue(2.3, removeVig([2.05, 3.55, 3.9], "multiplicative")[0]!);
  await expect(facts).toContainText(`${(clv * 100).toFixed(2)}%`);
  await expect(facts).toContainText("Pinnacle closing");
  await expect(page.getByTestId("bet-history")).toContainText("Settled: won, profit +130.00");
  await expect(page.getByTestId("bet-history")).toContainText("(by the grader)");

  await page.goto("/bets");
  await expect(page.getByTestId("summary-profit")).toHaveText("+130.00");
  await expect(page.getByTestId("summary-balance")).toHaveText("1,130.00 USD");
  await expect(page.getByTestId("clv-summary")).toContainText("1 bets with CLV");
});

test("the odds tools compute from the domain core", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill("bettor@example.com");
  await page.getByLabel("Password").fill("a long enough password");
  await page.getByRole("button", { name: /Sign in/ }).click();
  await expect(page).toHaveURL(/\/games/);
  await page.goto("/tools");
  await page.getByLabel("Price", { exact: true }).fill("+150");
  await expect(page.getByTestId("converted")).toContainText("2.500");
  await page.getByLabel("Probability %").fill("60");
  await page.getByLabel("Price offered").fill("2");
  await page.getByLabel("Kelly fraction").fill("1");
  await page.getByLabel("Cap % of bankroll").fill("100");
  await expect(page.getByTestId("ev-result")).toContainText("stake 20.00% of bankroll");
});
