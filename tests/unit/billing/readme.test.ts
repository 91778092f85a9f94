import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { limitsTableMarkdown } from "@/server/domain/billing/plans";

describe("README billing section", () => {
  it("shows the limits table exactly as plans.ts defines it", async () => {
    const readme = await readFile(path.resolve(import.meta.dirname, "../../../README.md"), "utf8");
    expect(readme).toContain(limitsTableMarkdown());
  });
});
