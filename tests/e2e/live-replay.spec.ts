import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { startReplay } from "../../server/integrations/replay/server";
import { databaseUrl } from "../support/database";
import { syntheticLeagueCsv } from "../support/synthetic-league";
import { deleteUsers } from "./http";
import { importFootballFile } from "./import-csv";

/**
 * The live loop on the replay provider: an archive season served in The Odds API's shapes on a clock the test
 * moves, collected by the product's own command line into the app's database. A fixture is listed with its
 * opening prices, moves to its closing prices, then gets its result; the game page shows it upcoming with both
 * snapshots in its line history, then final.
 */
const run = promisify(execFile);
const DB = databaseUrl("linesmith_test_e2e");
let replay: Awaited<ReturnType<typeof startReplay>>;
let offsetMs = 0;

async function collect() {
  const { stdout } = await run("npx", ["tsx", "scripts/collect.ts", "--provider", "replay", "--once", "--json"], {
    env: {
      ...process.env,
      DATABASE_URL: DB,
      REPLAY_BASE_URL: replay.url,
      ODDS_API_SPORTS: "soccer_spain_la_liga",
      ODDS_API_REGIONS: "uk,eu",
    },
  });
  return JSON.parse(stdout) as { inserted: number; events: number; rejected: number };
}

test.beforeAll(async () => {
  // La Liga with invented clubs: the league and its clubs come from an archive first, then the replay plays a
  // later season of the same clubs as if it were live.
  const dir = await mkdtemp(path.join(tmpdir(), "linesmith-e2e-"));
  const archive = path.join(dir, "archive.csv");
  const live = path.join(dir, "live.csv");
  await writeFile(archive, syntheticLeagueCsv([2020], 0, 21).replaceAll("\nX1,", "\nSP1,"));
  await writeFile(live, syntheticLeagueCsv([2030], 0, 22).replaceAll("\nX1,", "\nSP1,"));
  await importFootballFile(archive);
  replay = await startReplay({
    source: "football-data",
    files: [live],
    speed: 60,
    apiKey: "replay",
    realNow: () => new Date(Date.now() + offsetMs),
  });
});

test.afterAll(async () => {
  await replay?.close();
  await deleteUsers("live-replay%@example.com");
  // The invented clubs play in other specs' leagues too (the Model lab's X1): leave no live La Liga game behind
  // for their searches, previews and "last completed season" to find.
  const db = new pg.Client({ connectionString: DB });
  await db.connect();
  await db.query(`DELETE FROM "Game" WHERE "leagueId" IN (SELECT id FROM "League" WHERE key = 'esp-la-liga')`);
  await db.query(`DELETE FROM "League" WHERE key = 'esp-la-liga'`);
  await db.end();
});

test("a replayed fixture goes from upcoming with moving prices to its result", async ({ page }) => {
  // 48 archive hours before the first kick-off (48 real minutes at 60x): listed with the opening prices.
  const opening = await collect();
  expect(opening.events).toBeGreaterThan(0);
  expect(opening.inserted).toBeGreaterThan(0);
  expect(opening.rejected).toBe(0);
  // 47 archive hours later: an hour before kick-off, the closing prices replace them.
  offsetMs = 47 * 60_000;
  const closing = await collect();
  expect(closing.inserted).toBeGreaterThan(0);

  await page.goto("/sign-up");
  await page.getByLabel("Email").fill("live-replay@example.com");
  await page.getByLabel("Password").fill("a long enough password");
  await page.getByRole("button", { name: "Create your account" }).click();
  await expect(page).toHaveURL(/\/games/, { timeout: 20_000 });
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  await page.getByLabel("From", { exact: true }).fill(day(Date.now() - 86_400_000));
  await page.getByLabel("To", { exact: true }).fill(day(Date.now() + 2 * 86_400_000));
  await page.getByLabel("Team or player").fill("Ashcombe");
  await page.getByRole("button", { name: "Search" }).click();
  const game = page.getByRole("link", { name: /Ashcombe v Brackwell/ }).first();
  await expect(game).toBeVisible();
  await game.click();
  await expect(page.getByRole("heading", { name: /Ashcombe v Brackwell/ })).toBeVisible();
  await expect(page.getByTestId("final-score")).toHaveCount(0);
  await expect(
    page
      .getByRole("region", { name: "1X2 odds" })
      .first()
      .getByRole("row", { name: /Pinnacle/ }),
  ).toBeVisible();
  await expect(page.getByText("Line movement")).toBeVisible();
  // Live prices say how fresh they are.
  await expect(page.getByTestId("odds-freshness").first()).toContainText(/updated \d+ (s|min|h) ago/);

  // After the game (kick-off + 2 archive hours): the result arrives and the page shows it.
  offsetMs = 51 * 60_000;
  await collect();
  await page.reload();
  await expect(page.getByTestId("final-score")).toBeVisible();
});
