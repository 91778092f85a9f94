import path from "node:path";
import { expect, test } from "@playwright/test";
import { importFootballFile } from "./import-csv";

// The browser says it is in New York: that zone is adopted on the first visit, then the user picks Tokyo.
test.use({ timezoneId: "America/New_York" });

test("American odds and a chosen time zone show on a game page, in the bet form and in the tools", async ({ page }) => {
  // Data comes in through the import CLI, so this spec needs no administrator (re-imports change nothing).
  await importFootballFile(path.resolve(import.meta.dirname, "../fixtures/synthetic-epl-before.csv"));

  await page.goto("/sign-up");
  await page.getByLabel("Email").fill("preferences@example.com");
  await page.getByLabel("Password").fill("a long enough password");
  await page.getByRole("button", { name: "Create your account" }).click();
  await expect(page).toHaveURL(/\/games/);

  await page.goto("/settings");
  await expect(page.getByLabel("Time zone")).toHaveValue("America/New_York");
  await page.getByLabel("Odds format").selectOption("american");
  await page.getByLabel("Time zone").selectOption("Asia/Tokyo");
  await page.getByLabel("Currency of new bankrolls").selectOption("EUR");
  await page.getByRole("button", { name: "Save settings" }).click();
  // Other settings sections have status lines too (notification channels, with ENCRYPTION_KEY set).
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();

  // Bankrolls start in the chosen currency; a bad deposit is explained next to its field.
  await page.goto("/bets");
  await page.getByLabel("Bankroll name").fill("Euro roll");
  await page.getByLabel("Starting deposit (EUR)").fill("ten");
  await page.getByRole("button", { name: "Create bankroll" }).click();
  await expect(page.locator("#bankroll-deposit-error")).toBeVisible();
  await page.getByLabel("Starting deposit (EUR)").fill("1000");
  await page.getByRole("button", { name: "Create bankroll" }).click();
  await expect(page.getByTestId("summary-balance")).toHaveText("1,000.00 EUR");

  await page.goto("/games?q=Linesmith");
  await page.getByRole("link", { name: /Linesmith Rovers v Synthetic Athletic/ }).click();
  // 15:00 in London (BST) is 23:00 in Tokyo.
  await expect(page.getByText("Sat, 14 Aug 1999, 23:00 GMT+9")).toBeVisible();
  await expect(page.getByText(/American odds/)).toBeVisible();
  const opening = page.getByRole("region", { name: "1X2 odds" }).filter({ hasText: "Opening" });
  await expect(opening.getByRole("row", { name: /Pinnacle/ })).toContainText("+125");
  await expect(opening.getByRole("row", { name: /William Hill/ })).toContainText("+120");

  await page.getByRole("link", { name: "Track a bet on this game" }).click();
  await expect(page.getByLabel("Price", { exact: true })).toHaveAttribute("placeholder", "-110");
  // By key, the option's value.
  await page.getByLabel("Bookmaker").selectOption("bet365");
  await page.getByLabel("Price", { exact: true }).fill("1.5");
  await page.getByLabel(/^Stake/).fill("100");
  await page.getByLabel("Placed at (Asia/Tokyo)").fill("1999-08-13T21:00");
  await page.getByRole("button", { name: "Save bet" }).click();
  await expect(page.locator("#bet-price-error")).toContainText("American prices are -100 or lower");
  await page.getByLabel("Price", { exact: true }).fill("+130");
  await page.getByRole("button", { name: "Save bet" }).click();
  await expect(page.getByRole("heading", { name: /Bet #\d+/ })).toContainText("Open");
  const facts = page.getByTestId("bet-facts");
  await expect(facts).toContainText(/\+130 at bet365/i);
  await expect(facts).toContainText("Fri, 13 Aug 1999, 21:00 GMT+9");
  await expect(page.getByTestId("bet-history")).toContainText("Entered by hand: stake 100.00 at +130");

  await page.goto("/tools");
  await page.getByLabel("Prices", { exact: true }).fill("-110, -110");
  await expect(page.getByText("Overround 4.76%")).toBeVisible();
});
