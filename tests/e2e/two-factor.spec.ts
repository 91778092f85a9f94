import { expect, test } from "@playwright/test";
import { generate } from "otplib";

const STEP_S = 30;
const codeAt = (secret: string, step: number) => generate({ secret, epoch: step * STEP_S });
const stepNow = () => Math.floor(Date.now() / 1000 / STEP_S);

test("2FA: enabled in settings with a code from the secret shown, then sign-in asks for the code", async ({ page }) => {
  const email = "two-factor@example.com";
  const password = "a long enough password";
  await page.goto("/sign-up");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create your account" }).click();
  await expect(page).toHaveURL(/\/games/);

  await page.goto("/settings");
  await page.getByRole("button", { name: "Set up two-factor authentication" }).click();
  await expect(page.getByAltText("QR code for your authenticator app")).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  // A wrong code does not turn 2FA on.
  const enableStep = stepNow();
  const right = await codeAt(secret, enableStep);
  await page.getByLabel("Code from the app").fill(right === "000000" ? "111111" : "000000");
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.locator("#two-factor").getByRole("alert")).toContainText("not right");
  await page.getByLabel("Code from the app").fill(right);
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem")).toHaveCount(10);
  await expect(page.locator("#two-factor").getByText("On", { exact: true })).toBeVisible();

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await page.waitForURL((url) => url.pathname === "/");

  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  const codeField = page.getByLabel("Two-factor code");
  await expect(codeField).toBeVisible();
  // The code that enabled 2FA cannot be replayed; the next time step's code (within the clock tolerance) works.
  await codeField.fill(right);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("That two-factor code is not right.")).toBeVisible();
  await codeField.fill(await codeAt(secret, Math.max(stepNow(), enableStep + 1)));
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);

  await page.goto("/settings");
  await expect(page.locator("#two-factor").getByText("On", { exact: true })).toBeVisible();
  await expect(page.getByRole("list", { name: "Signed-in devices" }).getByText("This device")).toBeVisible();
});
