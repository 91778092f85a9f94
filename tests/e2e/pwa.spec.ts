import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, expect, test, type BrowserContext, type Page } from "@playwright/test";

/**
 * The installable app: manifest and icons pass Chromium's installability check, the service worker serves the
 * offline page when the network is gone, and a push message reaches the worker and shows a notification.
 * A persistent context (a real profile) is what Chromium's installability and push machinery need.
 */
let context: BrowserContext;
let profile: string;

test.beforeAll(async ({ baseURL }) => {
  profile = await mkdtemp(path.join(tmpdir(), "linesmith-pwa-"));
  context = await chromium.launchPersistentContext(profile, {
    baseURL,
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--headless=new", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  await context.grantPermissions(["notifications"], { origin: baseURL! });
});

test.afterAll(async () => {
  await context?.close();
  await rm(profile, { recursive: true, force: true });
});

/** Opens a public page and waits until the service worker is active and controls it. */
async function controlledPage(): Promise<Page> {
  const page = await context.newPage();
  await page.goto("/about-data");
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise<void>((resolve) => navigator.serviceWorker.addEventListener("controllerchange", () => resolve(), { once: true }));
    }
  });
  return page;
}

test("the manifest makes the site installable, with PNG icons", async ({ request }) => {
  const manifest = await (await request.get("/manifest.webmanifest")).json();
  expect(manifest).toMatchObject({ display: "standalone", start_url: "/games" });
  for (const icon of manifest.icons as { src: string; type: string }[]) {
    const res = await request.get(icon.src);
    expect(res.status(), icon.src).toBe(200);
    expect(res.headers()["content-type"]).toContain(icon.type);
  }
  expect(manifest.icons).toEqual(expect.arrayContaining([expect.objectContaining({ sizes: "512x512", purpose: "maskable" })]));

  const page = await controlledPage();
  // iOS takes its home-screen icon from apple-touch-icon (app/apple-icon.png).
  const apple = await page.locator('link[rel="apple-touch-icon"]').getAttribute("href");
  expect((await request.get(apple!)).headers()["content-type"]).toContain("image/png");
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = (await cdp.send("Page.getInstallabilityErrors")) as { installabilityErrors: unknown[] };
  expect(installabilityErrors).toEqual([]);
  await page.close();
});

test("with the network off, a page navigation shows the offline page", async () => {
  const page = await controlledPage();
  await context.setOffline(true);
  try {
    await page.goto("/games");
    await expect(page.getByRole("heading", { name: "You are offline" })).toBeVisible();
    await expect(page).toHaveTitle("Offline · Linesmith");
  } finally {
    await context.setOffline(false);
  }
  // Back online, navigations go to the network again (network first: pages are never served stale).
  await page.goto("/about-data");
  await expect(page.getByRole("heading", { name: "You are offline" })).toHaveCount(0);
  await page.close();
});

test("a push message reaches the service worker and shows a notification", async ({ baseURL }) => {
  const page = await controlledPage();
  const cdp = await context.newCDPSession(page);
  const registrationId = new Promise<string>((resolve) => {
    cdp.on("ServiceWorker.workerRegistrationUpdated", ({ registrations }: { registrations: { registrationId: string; scopeURL: string }[] }) => {
      const registration = registrations.find((r) => r.scopeURL.startsWith(baseURL!));
      if (registration) resolve(registration.registrationId);
    });
  });
  await cdp.send("ServiceWorker.enable");
  const origin = new URL(baseURL!).origin;
  const id = await registrationId;
  // Delivered again on each poll until it shows: the first push can reach a worker still activating (the
  // same tag replaces the notification, so repeats show one).
  await expect
    .poll(
      async () => {
        await cdp.send("ServiceWorker.deliverPushMessage", {
          origin,
          registrationId: id,
          data: JSON.stringify({ title: "Value bet found", body: "Arsenal at 2.10 (+6.2% EV)", url: "/scanners", tag: "pwa-e2e" }),
        });
        return page.evaluate(async () => {
          const registration = await navigator.serviceWorker.ready;
          return (await registration.getNotifications({ tag: "pwa-e2e" })).map((n) => ({ title: n.title, body: n.body, url: (n.data as { url: string }).url }));
        });
      },
      { timeout: 30_000, intervals: [500, 1_000, 2_000] },
    )
    .toEqual([{ title: "Value bet found", body: "Arsenal at 2.10 (+6.2% EV)", url: "/scanners" }]);
  await page.close();
});
