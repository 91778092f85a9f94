import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { prepareData } from "@/server/domain/backtest/dataset";
import { gamesFromBatch } from "@/server/domain/backtest/games";
import { runSweep } from "@/server/domain/backtest/run";
import { SOURCE_FORMATS } from "@/server/domain/imports";
import { parseStrategy } from "@/server/domain/strategies/validate";
import { dataPath, hasSharedData } from "../support/shared-data";
import { syntheticLeagueCsv } from "../support/synthetic-league";

/** The command line is a contract other tools call: its output keys, exit codes and figures are checked here. */
const run = promisify(execFile);
const cli = (args: string[]) =>
  run("npx", ["tsx", "scripts/backtest.ts", ...args], { cwd: process.cwd(), maxBuffer: 50_000_000 });

const base = {
  schemaVersion: 1,
  name: "Close against the opening",
  markets: ["1x2"],
  probability: "market:pinnacle-opening",
  price: "pinnacle",
  decideAt: "closing",
  when: { all: [{ field: "edge", op: "gte", value: 0 }] },
  stake: { kind: "kelly", fraction: 0.25, maxFraction: 0.02 },
};
const csv = syntheticLeagueCsv([2030, 2031, 2032], 0, 5);
let dir: string;
const file = (name: string) => path.join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "backtest-cli-"));
  await writeFile(file("league.csv"), csv);
  await writeFile(file("one.json"), JSON.stringify(base));
  await writeFile(
    file("sweep.json"),
    JSON.stringify(
      [0, 0.005, 0.01, 0.02].map((v, i) => ({
        ...base,
        name: `v${i}`,
        when: { all: [{ field: "edge", op: "gte", value: v }] },
      })),
    ),
  );
  await writeFile(
    file("peek.json"),
    JSON.stringify({
      ...base,
      when: {
        any: [
          { field: "edge", op: "gte", value: 0 },
          { field: "clv", op: "gt", value: 0 },
        ],
      },
    }),
  );
});

describe("backtest CLI", () => {
  it("prints exactly one JSON object with the contract's keys, and the engine's figures", async () => {
    const { stdout } = await cli([
      "--strategy",
      file("one.json"),
      "--source",
      "football-data",
      "--path",
      file("league.csv"),
      "--from-season",
      "2031",
      "--json",
    ]);
    const out = JSON.parse(stdout);
    expect(Object.keys(out)).toEqual(["games", "seconds", "variants", "deflatedSharpe", "pbo", "notes"]);
    expect(Object.keys(out.variants[0])).toEqual([
      "name",
      "strategyHash",
      "bets",
      "staked",
      "profit",
      "roi",
      "meanClv",
      "maxDrawdown",
      "finalBankroll",
      "sharpe",
    ]);
    expect(out.variants[0].strategyHash).toMatch(/^[0-9a-f]{64}$/);
    expect(out.deflatedSharpe).toBeNull();
    expect(out.pbo).toBeNull();
    const games = gamesFromBatch(SOURCE_FORMATS["football-data"].parse(csv, "league.csv")).filter(
      (g) => g.season >= 2031,
    );
    expect(out.games).toBe(games.length);
    const parsed = parseStrategy(base);
    if (!parsed.ok) throw new Error("strategy should parse");
    const direct = runSweep(prepareData(games), [{ strategy: parsed.strategy, hash: "" }]).variants[0]!;
    expect(direct.bets).toBeGreaterThan(10);
    expect(out.variants[0].bets).toBe(direct.bets);
    expect(out.variants[0].profit).toBeCloseTo(direct.profit, 9);
    expect(out.variants[0].sharpe).toBeCloseTo(direct.sharpe!, 9);
  }, 60_000);

  it("runs an array as a sweep with deflated Sharpe and PBO over all its variants", async () => {
    const { stdout } = await cli([
      "--strategy",
      file("sweep.json"),
      "--source",
      "football-data",
      "--path",
      file("league.csv"),
      "--json",
    ]);
    const out = JSON.parse(stdout);
    expect(out.variants.map((v: { name: string }) => v.name)).toEqual(["v0", "v1", "v2", "v3"]);
    // Higher edge thresholds keep a subset of the bets.
    expect(out.variants[0].bets).toBeGreaterThanOrEqual(out.variants[3].bets);
    expect(out.pbo).toBeGreaterThanOrEqual(0);
    expect(out.pbo).toBeLessThanOrEqual(1);
    expect(out.deflatedSharpe === null || (out.deflatedSharpe >= 0 && out.deflatedSharpe <= 1)).toBe(true);
  }, 60_000);

  it("exits 2 naming a field known only after the decision, and on bad input", async () => {
    await expect(
      cli(["--strategy", file("peek.json"), "--source", "football-data", "--path", file("league.csv"), "--json"]),
    ).rejects.toMatchObject({
      code: 2,
      stdout: "",
      stderr: expect.stringMatching(/"clv" is only known after the decision/),
    });
    await expect(
      cli(["--strategy", file("one.json"), "--source", "tennis-data", "--path", file("league.csv")]),
    ).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/unsupported source/) });
    await expect(
      cli(["--strategy", file("missing.json"), "--source", "football-data", "--path", file("league.csv")]),
    ).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/cannot read the strategy file/) });
    await expect(
      cli([
        "--strategy",
        file("one.json"),
        "--source",
        "football-data",
        "--path",
        file("league.csv"),
        "--from-season",
        "16",
      ]),
    ).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/a year such as 2016/) });
  }, 60_000);

  it.skipIf(!hasSharedData)(
    "runs on the real Premier League files and says what closing-only NFL data cannot show",
    async () => {
      const { stdout } = await cli([
        "--strategy",
        file("one.json"),
        "--source",
        "football-data",
        "--path",
        dataPath("soccer", "football-data", "E0_2324.csv"),
        "--json",
      ]);
      const epl = JSON.parse(stdout);
      expect(epl.games).toBe(380);
      expect(epl.variants[0].bets).toBeGreaterThan(50);
      expect(epl.variants[0].meanClv).not.toBeNull();
      const nfl = {
        ...base,
        markets: ["moneyline"],
        probability: "market:consensus-opening",
        price: "book:nflverse-consensus",
      };
      await writeFile(file("nfl.json"), JSON.stringify(nfl));
      const { stdout: out } = await cli([
        "--strategy",
        file("nfl.json"),
        "--source",
        "nflverse",
        "--path",
        dataPath("nfl", "nflverse_games.csv"),
        "--from-season",
        "2024",
        "--json",
      ]);
      const result = JSON.parse(out);
      expect(result.variants[0].bets).toBe(0);
      expect(result.notes.join(" ")).toMatch(/closing prices only.*CLV is 0 by construction/);
      expect(result.notes.join(" ")).toMatch(/No opening prices.*consensus-opening/);
    },
    120_000,
  );
});

if (!hasSharedData) console.warn("SKIP: backtest CLI on real data skipped: ../shared/data is missing");
