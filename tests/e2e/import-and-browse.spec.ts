import { expect, test } from "@playwright/test";
import { dataPath, hasSharedData } from "../support/shared-data";
import { makeAdmin } from "./http";

test("a visitor cannot see data without signing in", async ({ page, request }) => {
  await page.goto("/games");
  await expect(page).toHaveURL(/\/sign-in/);
  const api = await request.get("/api/trpc/games.list?input=%7B%22json%22%3A%7B%7D%7D");
  expect(api.status()).toBe(401);
  const upload = await request.post("/api/imports", { multipart: { file: { name: "x.csv", mimeType: "text/csv", buffer: Buffer.from("a,b\n1,2\n") } } });
  expect(upload.status()).toBe(401);
});

test("sign up, import a real season through the page, find a game and read its odds", async ({ page }) => {
  test.skip(!hasSharedData, "needs ../shared/data (real football-data.co.uk file)");
  await page.goto("/sign-up");
  await page.getByLabel("Email").fill("admin@example.com");
  await page.getByLabel("Password").fill("a long enough password");
  await page.getByRole("button", { name: "Create your account" }).click();
  await expect(page).toHaveURL(/\/games/);
  await expect(page.getByText("No games yet")).toBeVisible();
  // Other specs may have signed up first; this one needs the admin's Imports page.
  await makeAdmin("admin@example.com");
  await page.reload();

  // The admin's pages are behind the one "Admin" link; Imports is in the admin area's own navigation.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }).click();
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Imports" }).click();
  await page.getByLabel("File").setInputFiles(dataPath("soccer/football-data/E0_2324.csv"));
  await page.getByRole("button", { name: "Import" }).click();
  const report = page.getByTestId("import-report");
  await expect(report).toContainText("succeeded", { timeout: 60_000 });
  await expect(report).toContainText("380 games");

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Games" }).click();
  await page.getByLabel("From", { exact: true }).fill("2023-08-11");
  await page.getByLabel("To", { exact: true }).fill("2023-08-11");
  await page.getByLabel("Team or player").fill("Burnley");
  await page.getByRole("button", { name: "Search" }).click();
  const game = page.getByRole("link", { name: /Burnley v Man City/ });
  await expect(game).toBeVisible();
  await game.click();

  await expect(page.getByRole("heading", { name: /Burnley v Man City/ })).toBeVisible();
  await expect(page.getByTestId("final-score")).toHaveText(/0–3/);
  const closing = page.getByRole("region", { name: "1X2 odds" }).filter({ hasText: "Closing" });
  await expect(closing.getByRole("row", { name: /Pinnacle/ })).toContainText("9.62");
  await expect(page.locator("[data-best]").first()).toBeVisible();
  await expect(page.getByText("Line movement")).toBeVisible();
});
