import { expect, request, test, type Page } from "@playwright/test";
import { syntheticLeagueCsv } from "../support/synthetic-league";
import { makeAdmin } from "./http";
import { importFootballCsv } from "./import-csv";

const EMAIL = "shell@example.com";
const PASSWORD = "a long enough password";

test.beforeAll(async ({ baseURL }) => {
  const api = await request.newContext({ baseURL });
  const signUp = await api.post("/api/trpc/auth.signUp", { data: { json: { email: EMAIL, password: PASSWORD } } });
  // 409 when another run of this spec already made the account.
  expect([200, 409]).toContain(signUp.status());
  await api.dispose();
  // Games for the list and a game page, whatever order the specs run in (a re-import changes nothing).
  await importFootballCsv(syntheticLeagueCsv([2015, 2016, 2017, 2018], 5));
});

async function signIn(page: Page) {
  await page.getByLabel("Email").fill(EMAIL);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/sign-in/, { timeout: 30_000 });
}

test.describe("app shell", () => {
  test("sign-in keeps the page asked for, and only pages of this site", async ({ page }) => {
    await page.goto("/scanners?league=x");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fscanners%3Fleague%3Dx$/);
    await signIn(page);
    await expect(page).toHaveURL(/\/scanners\?league=x$/);
    await page.context().clearCookies();

    // Another site, or a protocol-relative path, is never followed.
    for (const target of ["https://evil.example/", "//evil.example/", "/\\evil.example/"]) {
      await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(target)}`);
      await signIn(page);
      await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/games$/);
      await page.context().clearCookies();
    }
  });

  test("each page has its own title", async ({ page }) => {
    await page.goto("/sign-in");
    await expect(page).toHaveTitle("Sign in · Linesmith");
    await signIn(page);
    const titles: Record<string, string> = {
      "/games": "Games",
      "/leagues": "Leagues",
      "/scanners": "Scanners",
      "/models": "Model lab",
      "/bets": "Bets",
      "/bets/new": "Enter a bet",
      "/tools": "Odds tools",
      "/about-data": "About the data",
    };
    for (const [url, title] of Object.entries(titles)) {
      await page.goto(url);
      await expect(page).toHaveTitle(`${title} · Linesmith`);
    }
    await page.goto("/games?q=Juniper");
    await page
      .getByRole("link", { name: /Juniper Rovers v / })
      .first()
      .click();
    await expect(page).toHaveTitle(/^Juniper Rovers v .+ · Linesmith$/);
  });

  test("the favicon is served", async ({ page, request }) => {
    const icon = await request.get("/favicon.ico");
    expect(icon.status()).toBe(200);
    expect(icon.headers()["content-type"]).toMatch(/image\//);
    await page.goto("/sign-in");
    const href = await page.locator('link[rel="icon"][type="image/svg+xml"]').getAttribute("href");
    expect((await request.get(href!)).status()).toBe(200);
  });

  test("at 1280 px the bar shows every page's link, the admin's too, without scrolling; narrower, the menu does", async ({ page, request }) => {
    const admin = "shell-admin@example.com";
    const signUp = await request.post("/api/trpc/auth.signUp", {
      data: { json: { email: admin, password: PASSWORD } },
    });
    expect([200, 409]).toContain(signUp.status());
    await makeAdmin(admin);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(admin);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/games/);
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const name of ["Games", "Strategies", "Players", "Settings", "Admin"]) {
      await expect(nav.getByRole("link", { name, exact: true })).toBeInViewport({ ratio: 1 });
    }
    const [scroll, client] = await nav.evaluate((n) => [n.scrollWidth, n.clientWidth]);
    expect(scroll).toBeLessThanOrEqual(client);
    await expect(page.getByRole("button", { name: "Sign out", exact: true })).toBeInViewport();
    await expect(page.getByRole("button", { name: "Open menu" })).toBeHidden();

    // Narrower, where the links would not fit, the menu lists them instead.
    await page.setViewportSize({ width: 1100, height: 800 });
    await expect(nav).toBeHidden();
    await page.getByRole("button", { name: "Open menu" }).click();
    await expect(page.getByRole("dialog").getByRole("link", { name: "Admin", exact: true })).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(page.getByRole("button", { name: "Sign out", exact: true })).toBeInViewport();
  });

  test("signed-in pages in dark mode log no hydration or console errors", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "dark" });
    const errors: string[] = [];
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto("/sign-in");
    await signIn(page);
    await expect(page).toHaveURL(/\/games/);
    for (const url of ["/games", "/tools", "/bets", "/models"]) {
      await page.goto(url);
      await page.waitForLoadState("networkidle");
      await expect(page.locator("html")).toHaveClass(/dark/);
    }
    expect(errors).toEqual([]);
  });

  test.describe("at 360 px", () => {
    test.use({ viewport: { width: 360, height: 740 } });

    test("the menu lists every page, works from the keyboard and navigates", async ({ page }) => {
      await page.goto("/sign-in");
      await signIn(page);
      await expect(page).toHaveURL(/\/games/);
      const open = page.getByRole("button", { name: "Open menu" });
      await expect(open).toBeVisible();
      await open.click();
      const menu = page.getByRole("dialog", { name: "Menu" });
      for (const name of ["Games", "Leagues", "Scanners", "Model lab", "Bets", "Tools"]) {
        await expect(menu.getByRole("link", { name })).toBeVisible();
      }
      await page.keyboard.press("Escape");
      await expect(menu).toBeHidden();
      await expect(open).toBeFocused();

      await page.keyboard.press("Enter");
      await expect(menu).toBeVisible();
      await menu.getByRole("link", { name: "Tools" }).focus();
      await page.keyboard.press("Enter");
      await expect(page).toHaveURL(/\/tools$/);
      await expect(menu).toBeHidden();
      await expect(page.getByRole("heading", { name: "Odds tools" })).toBeVisible();
    });

    test("the games list does not shift when it replaces its placeholders, and no page scrolls sideways", async ({
      page,
    }) => {
      await page.goto("/sign-in");
      await signIn(page);
      await expect(page).toHaveURL(/\/games/);
      // Hold the list back so its placeholders are on screen for a while, as on a slow phone.
      await page.route(/\/api\/trpc\/.*games\.list/, async (route) => {
        await new Promise((r) => setTimeout(r, 800));
        await route.continue();
      });
      // The synthetic league's games were played in 1999: the latest results list them.
      await page.goto("/games?view=played");
      // The list's own placeholders (the page's Suspense fallback, labelled "Loading", can still be on screen too).
      await expect(page.getByLabel("Loading games", { exact: true })).toBeVisible();
      await expect(page.getByRole("link", { name: / v / }).first()).toBeVisible();
      const shift = await page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            let total = 0;
            new PerformanceObserver((list) => {
              for (const entry of list.getEntries()) total += (entry as unknown as { value: number }).value;
            }).observe({ type: "layout-shift", buffered: true });
            setTimeout(() => resolve(total), 300);
          }),
      );
      expect(shift).toBeLessThan(0.1);

      await page.unrouteAll();
      await page.getByRole("link", { name: / v / }).first().click();
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      const gameId = page.url().split("/").pop();
      for (const url of [`/games/${gameId}`, `/bets/new?game=${gameId}`, "/bets", "/scanners", "/tools"]) {
        await page.goto(url);
        await page.waitForLoadState("networkidle");
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, `${url} scrolls sideways`).toBeLessThanOrEqual(0);
      }
    });
  });
});
