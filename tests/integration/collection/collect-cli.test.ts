import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { TEST_DATABASE_URL } from "../../support/test-db";

/** `npm run collect` is a contract other tools call: its output keys and exit codes are checked here. */
const run = promisify(execFile);
const cli = (args: string[]) =>
  run("npx", ["tsx", "scripts/collect.ts", ...args], {
    cwd: process.cwd(),
    env: { ...process.env, DATABASE_URL: TEST_DATABASE_URL },
  }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

describe("npm run collect", () => {
  it("exits 2 with the usage for an unknown provider or without --once", async () => {
    const unknown = await cli(["--provider", "nope", "--once", "--json"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown provider "nope"');
    expect(unknown.stderr).toContain(
      "usage: npm run -s collect -- --provider <the-odds-api|espn|open-meteo|espn-injuries|replay>",
    );
    expect((await cli(["--provider", "espn", "--json"])).code).toBe(2);
    expect((await cli(["--bogus"])).code).toBe(2);
  });

  it("prints one JSON object with the contract's keys and exits 1 when the provider cannot run", async () => {
    const r = await cli(["--provider", "the-odds-api", "--sport", "nfl", "--once", "--json"]);
    expect(r.code).toBe(1);
    const printed = JSON.parse(r.stdout);
    expect(Object.keys(printed)).toEqual([
      "provider",
      "requests",
      "events",
      "snapshots",
      "inserted",
      "unchanged",
      "rejected",
      "quotaRemaining",
      "errors",
    ]);
    expect(printed).toMatchObject({ provider: "the-odds-api", requests: 0, inserted: 0 });
    expect(r.stderr).toContain("collect: the-odds-api skipped:");
  });
});
