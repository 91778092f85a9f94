import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";

test("delete account: download the data first, then the account is gone", async ({ page }) => {
  const email = "leaving@example.com";
  const password = "a long enough password";
  await page.goto("/sign-up");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create your account" }).click();
  await expect(page).toHaveURL(/\/games/);

  await page.goto("/settings");
  const downloaded = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download my data (JSON)" }).click();
  const file = await downloaded;
  expect(file.suggestedFilename()).toBe("linesmith-account.json");
  const data = JSON.parse(await readFile((await file.path())!, "utf8")) as { profile: { email: string } };
  expect(data.profile.email).toBe(email);

  const section = page.locator("#delete-account");
  await section.getByLabel("Type your email address").fill(email);
  await section.getByLabel("Password").fill("not the password");
  await section.getByRole("button", { name: "Delete my account" }).click();
  await expect(section.getByRole("alert")).toHaveText("That password is not right.");
  await section.getByLabel("Password").fill(password);
  await section.getByRole("button", { name: "Delete my account" }).click();
  await page.waitForURL((url) => url.pathname === "/");

  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Wrong email or password.")).toBeVisible();
});
