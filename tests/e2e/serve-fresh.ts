import { createFreshDatabase } from "../support/database";

// Playwright starts its web server before any global setup, so the fresh database is made here.
await createFreshDatabase("linesmith_test_e2e");
await import("../../scripts/serve");
