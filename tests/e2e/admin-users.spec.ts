import { expect, test } from "@playwright/test";
import { deleteUsers, makeAdmin, PASSWORD, signIn, signUp, via } from "./http";

const ADMIN = "adm-e2e-admin@example.com";
const TARGET = "adm-e2e-target@example.com";

test("an admin finds a user, disables them, the user cannot sign in, and the audit log shows it", async ({ page, request }) => {
  await deleteUsers("adm-e2e-%");
  expect((await signUp(request, ADMIN, "10.20.0.1")).ok()).toBe(true);
  expect((await signUp(request, TARGET, "10.20.0.1")).ok()).toBe(true);
  await makeAdmin(ADMIN);

  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(ADMIN);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/games/);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }).click();
  await expect(page).toHaveURL(/\/admin\/users$/);
  await page.getByLabel("Email or name").fill("adm-e2e-tar");
  await page.getByRole("button", { name: "Search" }).click();
  const rows = page.getByRole("row").filter({ hasText: "adm-e2e-" });
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(TARGET);

  await page.getByRole("button", { name: `Manage ${TARGET}` }).click();
  await page.getByLabel("Reason for disabling").fill("e2e: chargeback");
  await page.getByRole("button", { name: "Disable", exact: true }).click();
  await expect(page.getByRole("status")).toContainText(`${TARGET} is disabled`);
  await expect(page.getByRole("row").filter({ hasText: TARGET }).first()).toContainText("Disabled");

  // The right password now gets the "disabled" message instead of a session.
  const refused = await signIn(request, TARGET, PASSWORD, via("10.20.0.2"));
  expect(refused).toMatch(/disabled by an administrator/);

  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Audit log" }).click();
  await page.getByLabel("Action starts with").fill("user.disable");
  await page.getByLabel("Actor email").fill(ADMIN);
  await page.getByRole("button", { name: "Filter" }).click();
  const entry = page.getByRole("row").filter({ hasText: "user.disable" }).filter({ hasText: TARGET });
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText("e2e: chargeback");
  await expect(entry).toContainText(ADMIN);

  // On a phone the pages fit: the tables scroll inside their own box, never the page.
  await page.setViewportSize({ width: 360, height: 800 });
  for (const url of ["/admin/users", "/admin/audit"]) {
    await page.goto(url);
    await expect(page.getByRole("table")).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${url} scrolls sideways`).toBeLessThanOrEqual(0);
  }
});
