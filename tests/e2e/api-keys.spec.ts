import { expect, test } from "@playwright/test";

/**
 * A user creates an API key in Settings (shown once), calls the REST API with it from outside the browser, sees
 * it marked as used, reads the reference page and the OpenAPI document, revokes it, and the API refuses it.
 */
test.use({ viewport: { width: 360, height: 800 } });

test("API keys: create in settings, call the REST API, revoke", async ({ page, request }) => {
  await page.goto("/sign-up");
  await page.getByLabel("Email").fill(`api-keys-${Date.now()}@example.com`);
  await page.getByLabel("Password").fill("a long enough password");
  await page.getByRole("button", { name: "Create your account" }).click();
  await expect(page).toHaveURL(/\/games/);

  await page.goto("/settings#api-keys");
  const form = page.getByRole("form", { name: "Create an API key" });
  await form.getByLabel("Name").fill("My script");
  await form.getByRole("checkbox", { name: /bets:write/ }).check();
  await form.getByRole("button", { name: "Create key" }).click();
  const secret = (await page.getByTestId("new-api-key").textContent())!.trim();
  expect(secret).toMatch(/^lsk_[A-Za-z0-9_-]{43}$/);
  const list = page.getByRole("list", { name: "Your API keys" });
  await expect(list).toContainText("My script");
  await expect(list).toContainText(secret.slice(0, 12));
  await expect(list).toContainText("never used");

  // The key works from outside the browser (no cookies), with the plan's rate-limit headers.
  const res = await request.get("/api/v1/bankrolls", { headers: { authorization: `Bearer ${secret}` } });
  expect(res.status()).toBe(200);
  expect(Number(res.headers()["x-ratelimit-limit"])).toBeGreaterThan(0);
  expect(await res.json()).toEqual([]);
  const noKey = await request.get("/api/v1/bankrolls");
  expect(noKey.status()).toBe(401);
  expect((await noKey.json()) as unknown).toMatchObject({ error: { code: "UNAUTHORIZED" } });

  await page.reload();
  await expect(page.getByRole("list", { name: "Your API keys" })).toContainText("last used");
  await expect(page.getByTestId("new-api-key")).toHaveCount(0);

  // The reference page and the machine-readable document.
  await page.goto("/settings/api");
  await expect(page.getByRole("heading", { name: "API reference" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Endpoints" })).toContainText("/api/v1/bets");
  const doc = await request.get("/api/v1/openapi.json");
  expect(((await doc.json()) as { openapi: string }).openapi).toBe("3.1.0");

  await page.goto("/settings#api-keys");
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("list", { name: "Your API keys" }).getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByRole("list", { name: "Your API keys" })).toContainText("Revoked");
  const revoked = await request.get("/api/v1/bankrolls", { headers: { authorization: `Bearer ${secret}` } });
  expect(revoked.status()).toBe(401);
  expect(((await revoked.json()) as { error: { message: string } }).error.message).toMatch(/revoked/);
});
