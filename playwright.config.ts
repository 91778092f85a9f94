import { defineConfig } from "@playwright/test";
import { databaseUrl } from "./tests/support/database";

// E2E_PORT lets suites in several work trees run side by side.
const PORT = Number(process.env.E2E_PORT ?? 3100);

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
  webServer: {
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
    },
  },
});
