import { writeFile } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { closingLineValue, removeVig } from "../../server/domain/odds";
import { deleteUsers } from "./http";
import { E2E_DB, run, startReplayLeague, withDb, type ReplayLeague } from "./replay-league";

/**
 * The whole live loop on the replay provider, as live-replay.spec.ts drives it (a replay clock the test moves,
 * the product's `collect` command line): a fixture listed 48 h before kick-off appears on the upcoming view,
 * whose prices move without a reload; a saved strategy scanned over upcoming games finds a value bet on it; a
 * bet tracked at that price settles with CLV when the score arrives; the line chart shows every snapshot.
 */
const EMAIL = "live-loop@example.com";
/**
 * In the first fixture (Ashcombe v Brackwell) bet365's closing away price drifts to 4.60 while Pinnacle's
 * opening no-vig price says about 4.27: a value bet for a strategy that takes the probability from Pinnacle's
 * opening and the best price at the close.
 */
const BET365_CLOSING_AWAY = 4.6;
let league: ReplayLeague;
const collect = () => league.collect();

test.beforeAll(async () => {
  league = await startReplayLeague({
    division: "SP1",
    leagueKey: "esp-la-liga",
    oddsApiSport: "soccer_spain_la_liga",
    firstFixture: { column: "B365CA", price: BET365_CLOSING_AWAY },
  });
});

test.afterAll(async () => {
  // Users first: their bets hold the league's games.
  await deleteUsers("live-loop%@example.com");
  await league?.close();
});

test("upcoming with moving prices, a strategy's value bet, a tracked bet settled with CLV, every snapshot charted", async ({ page }) => {
  test.setTimeout(240_000);
  // 48 archive hours before the first kick-off: listed with the opening prices.
  const opening = await collect();
  expect(opening.inserted).toBeGreaterThan(0);
  expect(opening.rejected).toBe(0);

  await page.goto("/sign-up");
  await page.getByLabel("Email").fill(EMAIL);
  await page.getByLabel("Password").fill("a long enough password");
  await page.getByRole("button", { name: "Create your account" }).click();
  await expect(page).toHaveURL(/\/games/, { timeout: 20_000 });
  // Scanners are 15 minutes behind on Free (the replay's prices are minutes old): this bettor is on Pro, real time.
  await withDb((db) =>
    db.query(
      `INSERT INTO "BillingAccount" ("userId", plan, status) SELECT id, 'PRO', 'active' FROM "User" WHERE email = $1
       ON CONFLICT ("userId") DO UPDATE SET plan = 'PRO', status = 'active'`,
      [EMAIL],
    ),
  );

  // The upcoming view (from the navigation) lists the fixture with its best prices and their freshness.
  await page.getByRole("link", { name: "Upcoming", exact: true }).first().click();
  await expect(page).toHaveURL(/\/games\/upcoming$/);
  const fixture = page.getByTestId("upcoming-game").filter({ hasText: "Ashcombe v Brackwell" });
  await expect(fixture).toBeVisible();
  const x12 = fixture.getByRole("group", { name: "1X2 best prices" });
  await expect(x12.getByRole("listitem").filter({ hasText: "Brackwell" })).toContainText("4.13");
  await expect(fixture.getByTestId("upcoming-freshness")).toContainText(/updated \d+ (s|min|h) ago/);

  // An archive hour before kick-off the closing prices arrive; the open page picks them up by itself (it polls).
  league.setClock(47);
  const closing = await collect();
  expect(closing.inserted).toBeGreaterThan(0);
  const away = x12.getByRole("listitem").filter({ hasText: "Brackwell" });
  await expect(away).toContainText("4.60", { timeout: 45_000 });
  await expect(away).toContainText("bet365");
  await expect(away.getByLabel(/^drifted \d/)).toBeVisible();

  // A saved strategy: Pinnacle's opening no-vig probability against the best price at the close, 3% edge or more.
  await page.goto("/strategies/new");
  await page.getByLabel("Name").fill("Opening fair against the close");
  await page.getByLabel("Decide at").selectOption("closing");
  await page.getByLabel("Stake", { exact: true }).selectOption("flat");
  await page.getByLabel("Minimum edge").fill("3");
  await page.getByRole("button", { name: "Save strategy" }).click();
  await expect(page).toHaveURL(/\/strategies\/\d+$/);

  await page.goto("/scanners");
  await page.getByLabel("Strategy", { exact: true }).selectOption({ label: "Opening fair against the close" });
  await page.getByRole("button", { name: "Scan with strategy" }).click();
  const signal = page.getByTestId("strategy-signal").filter({ hasText: "Ashcombe v Brackwell" });
  await expect(signal).toBeVisible({ timeout: 20_000 });
  const fairAway = removeVig([1.98, 3.61, 4.13], "multiplicative")[2]!;
  await expect(signal).toContainText("Away");
  await expect(signal).toContainText("bet365");
  await expect(signal).toContainText(`${((fairAway * BET365_CLOSING_AWAY - 1) * 100).toFixed(1)}%`);

  // Track the bet at that price, from the game page the signal links to.
  await page.goto("/bets");
  await page.getByLabel("Bankroll name").fill("Live");
  await page.getByLabel(/^Starting deposit/).fill("1000");
  await page.getByRole("button", { name: "Create bankroll" }).click();
  await expect(page.getByTestId("summary-balance")).toHaveText("1,000.00 USD");
  await page.goto("/scanners");
  await page.getByLabel("Strategy", { exact: true }).selectOption({ label: "Opening fair against the close" });
  await page.getByRole("button", { name: "Scan with strategy" }).click();
  await signal.getByRole("link", { name: "Ashcombe v Brackwell" }).click();
  await expect(page.getByRole("heading", { name: /Ashcombe v Brackwell/ })).toBeVisible();
  const gameUrl = page.url();
  const gameId = Number(gameUrl.split("/").at(-1));
  await page.getByRole("link", { name: "Track a bet on this game" }).click();
  await page.getByLabel("Selection").selectOption("AWAY");
  await page.getByLabel("Bookmaker").selectOption("bet365");
  await page.getByLabel("Price", { exact: true }).fill(String(BET365_CLOSING_AWAY));
  await page.getByLabel(/^Stake/).fill("50");
  await page.getByRole("button", { name: "Save bet" }).click();
  await expect(page.getByRole("heading", { name: /Bet #\d+/ })).toContainText("Open");
  const betUrl = page.url();

  // After the game the score arrives. The collect CLI publishes no events (the settle-bets schedule picks its
  // results up every 10 minutes); the test runs that job's body at once.
  league.setClock(51);
  await collect();
  const settleScript = path.join(league.dir, "settle.mts");
  const root = path.resolve(import.meta.dirname, "../..");
  await writeFile(
    settleScript,
    `import { createPool } from "${root}/server/db/pool";\nimport { settleOpenBets } from "${root}/server/services/bets/settle";\n` +
      `const pool = createPool(process.env.DATABASE_URL!);\nconsole.log(JSON.stringify(await settleOpenBets(pool, { gameIds: [${gameId}] })));\nawait pool.end();\n`,
  );
  const settled = JSON.parse((await run("npx", ["tsx", settleScript], { env: { ...process.env, DATABASE_URL: E2E_DB } })).stdout) as { settled: number; withClv: number };
  expect(settled).toMatchObject({ settled: 1, withClv: 1 });
  await page.goto(betUrl);
  await expect(page.getByRole("heading", { name: /Bet #\d+/ })).not.toContainText("Open");
  const clv = closingLineValue(BET365_CLOSING_AWAY, removeVig([1.99, 3.61, 4.07], "multiplicative")[2]!);
  await expect(page.getByTestId("bet-facts")).toContainText(`${(clv * 100).toFixed(2)}%`);
  await expect(page.getByTestId("bet-facts")).toContainText("Pinnacle closing");

  // The line chart has a point for every stored snapshot of the home price, at every book.
  const { rows } = await withDb((db) =>
    db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "OddsSnapshot" WHERE "gameId" = $1 AND market = 'ONE_X_TWO' AND period = 'FULL_GAME' AND selection = 'HOME'`,
      [gameId],
    ),
  );
  expect(rows[0]!.n).toBe(4); // Pinnacle and Bet365, opening and closing
  await page.goto(gameUrl);
  await expect(page.getByTestId("final-score")).toBeVisible();
  const chart = page.locator("figure").filter({ hasText: "1X2: Home price" });
  await expect(chart.locator(".recharts-line-dot")).toHaveCount(rows[0]!.n);
});
