import { expect, test, type Page } from "@playwright/test";
import { E2E_SIGN_UPS_PER_HOUR } from "../../playwright.config";
import { deleteUsers, PASSWORD, signIn, signUp, via } from "./http";

/**
 * Attacks on sign-in, sessions and requests, made over HTTP against the built server. Accounts are made under
 * @attack.test and removed afterwards.
 */
test.afterAll(() => deleteUsers("%@attack.test"));

test("30 parallel wrong passwords: at most 5 are checked, the rest are told to wait, spoofing gives no fresh quota", async ({ request }) => {
  expect((await signUp(request, "victim@attack.test", "198.51.100.1")).status()).toBe(200);
  const attacker = "198.51.100.2";
  await request.get("/api/auth/csrf"); // one CSRF cookie for all the parallel attempts
  const results = await Promise.all(
    Array.from({ length: 30 }, (_, i) => signIn(request, "victim@attack.test", "wrong password", via(attacker, `10.9.8.${i}`))),
  );
  const checked = results.filter((r) => r === "CredentialsSignin");
  expect(checked.length).toBeLessThanOrEqual(5);
  expect(results.filter((r) => r === "Too many attempts, try again in 15 minutes.").length).toBe(30 - checked.length);
  // A different left-most (client-written) address is still the same attacker.
  expect(await signIn(request, "victim@attack.test", PASSWORD, via(attacker, "192.0.2.200"))).toMatch(/^Too many attempts/);
  // The owner, from their own address, is not locked out.
  expect(await signIn(request, "victim@attack.test", PASSWORD, via("198.51.100.3"))).toBeNull();
});

test("a session token copied before sign-out is refused afterwards", async ({ playwright, baseURL }) => {
  const owner = await playwright.request.newContext({ baseURL: baseURL! });
  expect((await signUp(owner, "copied@attack.test", "198.51.100.10")).status()).toBe(200);
  expect(await signIn(owner, "copied@attack.test", PASSWORD, via("198.51.100.10"))).toBeNull();
  const { cookies } = await owner.storageState();
  const token = cookies.find((c) => c.name.endsWith("next-auth.session-token"))!;
  const thief = await playwright.request.newContext({ baseURL: baseURL!, extraHTTPHeaders: { cookie: `${token.name}=${token.value}` } });
  expect(await (await thief.get("/api/auth/session")).json()).toMatchObject({ user: { email: "copied@attack.test" } });

  const { csrfToken } = (await (await owner.get("/api/auth/csrf")).json()) as { csrfToken: string };
  await owner.post("/api/auth/signout", { form: { csrfToken, json: "true" } });

  expect(await (await thief.get("/api/auth/session")).json()).toEqual({});
  expect((await thief.get("/api/trpc/bankrolls.list")).status()).toBe(401);
  await owner.dispose();
  await thief.dispose();
});

test("a tRPC batch of 1,000 mutations in one POST is refused before any runs", async ({ request }) => {
  const batch = (n: number) =>
    request.post(`/api/trpc/${Array(n).fill("auth.signUp").join(",")}?batch=1`, {
      data: Object.fromEntries(Array.from({ length: n }, (_, i) => [i, { json: { email: `batch${i}@attack.test`, password: "short" } }])),
      headers: via("198.51.100.40"),
    });
  const response = await batch(1_000);
  expect(response.status()).toBe(400);
  expect((await response.json()).error.message).toBe("Send at most 25 calls in one request.");
  // A batch within the limit runs each call (each refused here for its short password).
  const small = await batch(2);
  expect(small.status()).toBe(400);
  expect(((await small.json()) as { error: { json: { message: string } } }[]).map((r) => r.error.json.message)).toEqual([
    "password: Use at least 10 characters",
    "password: Use at least 10 characters",
  ]);
});

test("a sign-up flood from one address is cut off at the hourly limit", async ({ request }) => {
  const total = E2E_SIGN_UPS_PER_HOUR + 10;
  const statuses = await Promise.all(
    Array.from({ length: total }, async (_, i) => (await signUp(request, `flood${i}@attack.test`, "198.51.100.20")).status()),
  );
  expect(statuses.filter((s) => s === 200)).toHaveLength(E2E_SIGN_UPS_PER_HOUR);
  expect(statuses.filter((s) => s === 429)).toHaveLength(10);
  const refused = await signUp(request, "one-more@attack.test", "198.51.100.20");
  expect((await refused.json()).error.json.message).toMatch(/^Too many new accounts from your network, try again in \d+ minutes?\.$/);
});

test("/api/inngest answers 404 when Inngest is not configured", async ({ request }) => {
  expect((await request.get("/api/inngest")).status()).toBe(404);
});

test("pages carry a nonce CSP without unsafe-eval and run under it without CSP errors", async ({ page }) => {
  const response = await page.request.get("/sign-in");
  const csp = response.headers()["content-security-policy"]!;
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(csp).not.toContain("unsafe-eval");
  expect(response.headers()["strict-transport-security"]).toBeUndefined(); // plain HTTP here
  expect(await response.text()).toContain(`nonce="${nonce}"`);

  const violations: string[] = [];
  page.on("console", (m) => m.type() === "error" && /Content Security Policy|Refused to/.test(m.text()) && violations.push(m.text()));
  await page.setExtraHTTPHeaders(via("198.51.100.30"));
  await signUpInBrowser(page, "browser@attack.test");
  for (const path of ["/games", "/leagues", "/scanners", "/models", "/bets", "/tools", "/about-data"]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
  }
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/games");
  await expect(page.locator("html")).toHaveClass(/dark/);
  expect(violations).toEqual([]);
});

async function signUpInBrowser(page: Page, email: string) {
  await page.goto("/sign-up");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create your account" }).click();
  // Only a hydrated page (scripts allowed by the CSP) can sign up and move on.
  await expect(page).toHaveURL(/\/games/);
}
