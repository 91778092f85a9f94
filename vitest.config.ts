import path from "node:path";
import { defineConfig } from "vitest/config";

// The workspace package resolves to this tree's source, also where node_modules is shared with another checkout.
const alias = {
  "@": path.resolve(import.meta.dirname),
  "@linesmith/gpu-service": path.resolve("gpu-service/src/index.ts"),
  "server-only": path.resolve("tests/support/server-only.ts"),
};

export default defineConfig({
  test: {
    projects: [
      { resolve: { alias }, test: { name: "unit", include: ["tests/unit/**/*.test.ts", "gpu-service/test/**/*.test.ts"], environment: "node" } },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/support/integration-setup.ts"],
          // Plan limits are off for the suite (Free's 3 strategies would stop other features' tests); the billing
          // tests turn billing on themselves (tests/integration/billing).
          env: { BILLING: "off" },
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Tests share one database; files run one after another.
          fileParallelism: false,
        },
      },
    ],
  },
});
