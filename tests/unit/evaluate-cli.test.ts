import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { dataPath, hasSharedData } from "../support/shared-data";

const run = promisify(execFile);
const cli = (args: string[]) => run("npx", ["tsx", "scripts/evaluate.ts", ...args], { cwd: process.cwd(), maxBuffer: 10_000_000 });

describe("evaluate CLI", () => {
  it.skipIf(!hasSharedData)("scores NFL models walk-forward against the closing moneyline on the real nflverse file", async () => {
    const { stdout } = await cli(["--source", "nflverse", "--path", dataPath("nfl", "nflverse_games.csv"), "--from-season", "2024", "--models", "elo,logistic", "--json"]);
    const report = JSON.parse(stdout);
    expect(report.source).toBe("nflverse");
    expect(report.testSeasons).toEqual([2024, 2025]);
    expect(report.testGames).toBeGreaterThan(450);
    // The close is a strong forecaster: well under the coin-flip log loss of 0.693.
    expect(report.market.logLoss).toBeGreaterThan(0.5);
    expect(report.market.logLoss).toBeLessThan(0.66);
    expect(report.market.rps).toBeNull();
    expect(report.models.map((m: { name: string }) => m.name)).toEqual(["elo", "logistic"]);
    for (const m of report.models) {
      expect(m.group).toBe("stats-only");
      expect(m.logLoss).toBeLessThan(0.69);
      expect(m.ece).toBeLessThan(0.1);
      expect(m.accuracy).toBeGreaterThan(0.55);
    }
  }, 120_000);

  it("refuses a missing path and an unsupported source with a clear message", async () => {
    await expect(cli(["--source", "nflverse", "--path", "/no/such/file.csv"])).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/no such file or folder/) });
    await expect(cli(["--source", "tennis-data", "--path", "."])).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/unsupported source/) });
  }, 60_000);
});

if (!hasSharedData) console.warn("SKIP: evaluate CLI on real data skipped: ../shared/data is missing");
