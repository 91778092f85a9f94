import { defineConfig } from "@playwright/test";
import { databaseUrl } from "./tests/support/database";

/** Sign-ups the e2e server allows per client address and hour (tests/e2e/attacks-auth.spec.ts floods past it). */
export const E2E_SIGN_UPS_PER_HOUR = 30;

// E2E_PORT lets suites in several work trees run side by side.
const PORT = Number(process.env.E2E_PORT ?? 3100);
/** The fake Stripe API the e2e server bills through (server/integrations/stripe/fake-server.ts). */
export const E2E_STRIPE_PORT = PORT + 900;
/** The e2e server's METRICS_TOKEN (tests/e2e/metrics.spec.ts scrapes /api/metrics with it). */
export const E2E_METRICS_TOKEN = "e2e-metrics-token-0123456789";
const STRIPE = { STRIPE_SECRET_KEY: "sk_test_linesmith_e2e", STRIPE_WEBHOOK_SECRET: "whsec_linesmith_e2e" };

// Drives the real production build in Debian's Chromium (Playwright's own browser download is not used).
export default defineConfig({
  testDir: "tests/e2e",
  timeout: 120_000,
  workers: 1,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"],
    },
  },
  webServer: [
    {
      command: "npx tsx server/integrations/stripe/serve-fake.ts",
      url: `http://127.0.0.1:${E2E_STRIPE_PORT}/_test/state`,
      timeout: 60_000,
      reuseExistingServer: false,
      env: {
        ...STRIPE,
        STRIPE_FAKE_PORT: String(E2E_STRIPE_PORT),
        STRIPE_FAKE_WEBHOOK_URL: `http://127.0.0.1:${PORT}/api/stripe/webhook`,
      },
    },
    {
      command: `npx tsx tests/e2e/serve-fresh.ts start`,
      url: `http://127.0.0.1:${PORT}/about-data`,
      timeout: 120_000,
      reuseExistingServer: false,
      env: {
        PORT: String(PORT),
        DATABASE_URL: databaseUrl("linesmith_test_e2e"),
        NEXTAUTH_SECRET: "e2e-test-secret-e2e-test-secret-e2e-test",
        NEXTAUTH_URL: `http://127.0.0.1:${PORT}`,
        // Named admin, so each spec can import whichever signs up first.
        ADMIN_EMAIL: "bettor@example.com",
        // As if behind one proxy: attacks-auth.spec.ts plays the proxy-seen address in X-Forwarded-For.
        TRUST_PROXY: "1",
        // Every spec signs up from 127.0.0.1; the default (10) is less than the whole suite needs.
        SIGN_UPS_PER_HOUR: String(E2E_SIGN_UPS_PER_HOUR),
        // Billing on, through the fake Stripe: every account starts on Free (tests/e2e/billing.spec.ts upgrades one).
        BILLING: "on",
        // Production mode needs a key to seal TOTP secrets (tests/e2e/two-factor.spec.ts); a fixed test-only key.
        ENCRYPTION_KEY: "e2e0".repeat(16),
        METRICS_TOKEN: E2E_METRICS_TOKEN,
        ...STRIPE,
        STRIPE_API_BASE_URL: `http://127.0.0.1:${E2E_STRIPE_PORT}`,
      },
    },
  ],
});
