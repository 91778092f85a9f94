import { expect, test } from "@playwright/test";
import pg from "pg";
import { databaseUrl } from "../support/database";

// The e2e server has no SMTP_URL: account emails land in the EmailOutbox table, read here as the user's inbox.
async function lastEmailTo(address: string): Promise<string> {
  const db = new pg.Client({ connectionString: databaseUrl("linesmith_test_e2e") });
  await db.connect();
  try {
    const { rows } = await db.query<{ text: string }>(`SELECT text FROM "EmailOutbox" WHERE "to" = $1 ORDER BY id DESC LIMIT 1`, [address]);
    return rows[0]?.text ?? "";
  } finally {
    await db.end();
  }
}

test("password reset: the emailed link sets a new password, once", async ({ page }) => {
  const email = "forgetful@example.com";
  await page.goto("/sign-up");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("the first long password");
  await page.getByRole("button", { name: "Create your account" }).click();
  await expect(page).toHaveURL(/\/games/);
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await page.waitForURL((url) => url.pathname === "/");

  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  // Client-side navigation: wait for the new page, or the sign-in page's Email field would be filled.
  await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByRole("status").filter({ hasText: "If an account uses that address" })).toBeVisible();

  // The email goes out after the answer (so timing reveals nothing): wait for it.
  const LINK = /http:\/\/127\.0\.0\.1:\d+\/reset-password\?token=[A-Za-z0-9_-]+/;
  await expect.poll(async () => LINK.test(await lastEmailTo(email))).toBe(true);
  const link = LINK.exec(await lastEmailTo(email))?.[0];
  await page.goto(link!);
  await page.getByLabel("New password").fill("the second long password");
  await page.getByRole("button", { name: "Set the new password" }).click();
  await expect(page.getByText("Your password is changed.")).toBeVisible();

  // The link is used up.
  await page.goto(link!);
  await page.getByLabel("New password").fill("a third long password!!");
  await page.getByRole("button", { name: "Set the new password" }).click();
  await expect(page.getByText("This link is not valid any more. Ask for a new one.")).toBeVisible();

  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("the second long password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
});
