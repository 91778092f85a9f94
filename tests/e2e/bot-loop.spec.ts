import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../server/db/generated/client";
import { createPool } from "../../server/db/pool";
import { closingLineValue, removeVig } from "../../server/domain/odds";
import { settleOpenBets } from "../../server/services/bets/settle";
import { gradeBots } from "../../server/services/bots/grade";
import { deleteUsers } from "./http";
import { E2E_DB, startReplayLeague, withDb, type ReplayLeague } from "./replay-league";

/**
 * The bots loop of issue 12 through the UI, on the replay provider: a strategy from the "Closing-line chaser"
 * template (Pinnacle's opening no-vig probability against bet365's opening price: no model needed), a bot on
 * it started and run with "Run now", its pick locked before kick-off, the day's slips exported as CSV and one
 * confirmed as a tracked bet, the result and CLV graded onto the bot and its record, and the public record
 * verified in the browser ("chain verified").
 *
 * The Championship (E1) with invented clubs: no other spec plays that league (and the collector knows its
 * sport key), so its searches and cleanup are its own.
 */
const EMAIL = "bot-loop@example.com";
const LEAGUE = "eng-championship";
// Pinnacle's prices of the first fixture (Ashcombe v Brackwell) in syntheticLeagueCsv([2030], 0, 22).
const PINNACLE_OPENING = [1.98, 3.61, 4.13];
const PINNACLE_CLOSING = [1.99, 3.61, 4.07];
/**
 * bet365's opening away price in the first fixture, 4.60: about 8.8% above Pinnacle's opening no-vig
 * probability, so the template's rules (edge >= 3%, price <= 6, best per game) find exactly that one pick.
 */
const BET365_OPENING_AWAY = 4.6;
let league: ReplayLeague;
const collect = () => league.collect();

test.beforeAll(async () => {
  league = await startReplayLeague({
    division: "E1",
    leagueKey: LEAGUE,
    oddsApiSport: "soccer_efl_champ",
    firstFixture: { column: "B365A", price: BET365_OPENING_AWAY },
  });
});

test.afterAll(async () => {
  // Users first: their bets hold the league's games.
  await deleteUsers("bot-loop%@example.com");
  await league?.close();
});

test("a strategy from a template runs as a bot: picks locked before kick-off, slips exported and confirmed, graded with CLV, record verified", async ({ page }) => {
  test.setTimeout(300_000);
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));

  // 48 archive hours before the first kick-off (48 real minutes at 60x): the fixtures are listed with opening prices.
  const opening = await collect();
  expect(opening.inserted).toBeGreaterThan(0);
  expect(opening.rejected).toBe(0);

  await page.goto("/sign-up");
  await page.getByLabel("Email").fill(EMAIL);
  await page.getByLabel("Password").fill("a long enough password");
  await page.getByRole("button", { name: "Create your account" }).click();
  await expect(page).toHaveURL(/\/games/, { timeout: 20_000 });

  // A strategy from a template whose probability is the market's (no model to train).
  await page.goto("/strategies");
  await page.getByRole("button", { name: "Use template Closing-line chaser" }).click();
  await expect(page).toHaveURL(/\/strategies\/new\?template=closing-line-chaser$/);
  await expect(page.getByLabel("Name")).toHaveValue("Closing-line chaser");
  await page.getByRole("button", { name: "Save strategy" }).click();
  await expect(page).toHaveURL(/\/strategies\/\d+$/, { timeout: 20_000 });

  // A bot on it, narrowed to the replayed league, created as a draft and started from its dashboard.
  await page.goto("/bots");
  await page.getByRole("link", { name: "New bot" }).click();
  await expect(page).toHaveURL(/\/bots\/new$/);
  await page.getByLabel("Strategy", { exact: true }).selectOption({ label: "Closing-line chaser" });
  await page.getByLabel("Name", { exact: true }).fill("Chaser bot");
  await page.getByLabel(/^Leagues/).fill(LEAGUE);
  await page.getByLabel(/^Paper deposit/).fill("1000");
  await page.getByRole("button", { name: "Create bot" }).click();
  await expect(page).toHaveURL(/\/bots\/\d+$/, { timeout: 20_000 });
  const botUrl = page.url();
  const botId = Number(botUrl.split("/").at(-1));
  await expect(page.getByRole("heading", { name: "Chaser bot" })).toBeVisible();
  await expect(page.getByLabel("State: Draft")).toBeVisible();
  await page.getByRole("button", { name: "Start" }).click();
  await expect(page.getByLabel("State: Active")).toBeVisible();

  // Run now: the one value pick (bet365's away price) is locked, with its record entries, before kick-off.
  await page.getByRole("button", { name: "Run now" }).click();
  const runs = page.getByRole("region", { name: /^Run \d+$/ });
  await expect(runs.first()).toContainText("manual", { timeout: 30_000 });
  await expect(runs.first()).toContainText("1 taken");
  const picks = page.getByRole("table", { name: "Picks" });
  const pick = picks.getByRole("row").filter({ hasText: "Ashcombe v Brackwell" });
  await expect(pick).toHaveCount(1);
  await expect(picks.getByRole("row")).toHaveCount(2); // header + the one pick
  await expect(pick).toContainText("1X2 Away");
  await expect(pick).toContainText("bet365");
  await expect(pick).toContainText(BET365_OPENING_AWAY.toFixed(2));
  await expect(pick).toContainText("record entry #2");
  await expect(pick).toContainText("open");
  // As the dashboard shows them (the user's zone, UTC here): locked before the kick-off.
  const shown = (text: string) => Date.parse(text.replace(/^\w{3}, /, "").replaceAll(",", ""));
  const kickoffShown = shown(await pick.getByRole("cell").nth(0).locator("div").innerText());
  const lockedShown = shown((await pick.getByRole("cell").nth(4).innerText()).split("\n")[0]!);
  expect(Number.isNaN(kickoffShown) || Number.isNaN(lockedShown)).toBe(false);
  expect(lockedShown).toBeLessThan(kickoffShown);
  const locked = await withDb(async (db) =>
    (
      await db.query<{ lockedAt: Date; startsAt: Date; stakeCents: string; minPrice: string }>(
        `SELECT p."lockedAt", g."startsAt", p."stakeCents"::text AS "stakeCents", s."minPrice"::text AS "minPrice"
           FROM "BotPick" p JOIN "Game" g ON g.id = p."gameId" JOIN "Slip" s ON s."pickId" = p.id WHERE p."botId" = $1`,
        [botId],
      )
    ).rows,
  );
  expect(locked).toHaveLength(1);
  expect(locked[0]!.lockedAt.getTime()).toBeLessThan(locked[0]!.startsAt.getTime() - 5 * 60_000);
  const stakeCents = Number(locked[0]!.stakeCents);
  expect(stakeCents).toBeGreaterThan(0);
  expect(stakeCents).toBeLessThanOrEqual(2_000); // a quarter Kelly, capped at 2% of 1,000.00

  // The day's slips: the CSV download has the header and the pick.
  await page.getByRole("link", { name: "Slips", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/bots/${botId}/slips$`));
  const slip = page.getByRole("table", { name: "Slips" }).getByRole("row").filter({ hasText: "Ashcombe v Brackwell" });
  await expect(slip).toContainText(BET365_OPENING_AWAY.toFixed(2));
  await expect(slip).toContainText(Number(locked[0]!.minPrice).toFixed(2));
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV" }).click()]);
  const csv = (await readFile((await download.path())!, "utf8")).trim().split("\n");
  expect(csv[0]).toBe("slip,bot,kickoff_utc,league,home,away,market,selection,line,bookmaker,price_seen,min_price,stake,currency,status");
  expect(csv).toHaveLength(2);
  expect(csv[1]).toMatch(/^\d+,Chaser bot,\d{4}-\d\d-\d\dT[\d:.]+Z,Championship,Ashcombe,Brackwell,1x2,away,,bet365,4\.60,\d+\.\d\d,\d+\.\d\d,USD,proposed$/);
  expect(csv[1]).toContain(`,${(stakeCents / 100).toFixed(2)},USD,`);

  // A bankroll of the user's own, then confirm the slip with the price and stake the book actually gave.
  await page.goto("/bets");
  await page.getByLabel("Bankroll name").fill("Real");
  await page.getByLabel(/^Starting deposit/).fill("500");
  await page.getByRole("button", { name: "Create bankroll" }).click();
  await expect(page.getByTestId("summary-balance")).toHaveText("500.00 USD");
  await page.goto(`/bots/${botId}/slips`);
  await slip.getByRole("button", { name: "Confirm" }).click();
  const dialog = page.getByRole("dialog", { name: /^Confirm slip \d+$/ });
  await dialog.getByLabel("Price obtained").fill("4.50");
  await dialog.getByLabel("Stake placed").fill("5");
  await expect(dialog.getByLabel("Bankroll")).toHaveValue(/\d+/);
  await dialog.getByRole("button", { name: "Record as placed" }).click();
  await expect(slip).toContainText("placed at 4.50, 5.00");
  // The bets page opens on the first bankroll, the bot's paper one (its paper bet is there): choose "Real".
  await page.goto("/bets");
  await page.getByLabel("Bankroll", { exact: true }).selectOption({ label: "Real (USD)" });
  await expect(page.getByTestId("summary-balance")).toHaveText("495.00 USD");
  const tracked = page.getByRole("row").filter({ hasText: "Ashcombe v Brackwell" });
  await expect(tracked).toHaveCount(1);
  await expect(tracked).toContainText("4.50");
  await expect(tracked).toContainText("5.00");

  // An archive hour before kick-off the closing prices arrive; after the game, its score.
  league.setClock(47);
  expect((await collect()).inserted).toBeGreaterThan(0);
  league.setClock(51);
  await collect();
  const gameId = await withDb(async (db) => (await db.query<{ gameId: number }>(`SELECT "gameId" FROM "BotPick" WHERE "botId" = $1`, [botId])).rows[0]!.gameId);
  // The collect CLI publishes no events (settle-bets also runs every 10 minutes): run the settle-bets job's
  // body at once, settlement first, then the record's result entries.
  const pool = createPool(E2E_DB, 2);
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: E2E_DB }) });
  const settled = await settleOpenBets(pool, { gameIds: [gameId] });
  const graded = await gradeBots(prisma, { botIds: [botId] });
  await pool.end();
  await prisma.$disconnect();
  expect(settled).toMatchObject({ settled: 2, withClv: 2 }); // the paper bet and the confirmed slip
  expect(graded.appended).toBe(1);

  // The bot's dashboard: the pick's result and its CLV against Pinnacle's no-vig close.
  const clv = closingLineValue(BET365_OPENING_AWAY, removeVig(PINNACLE_CLOSING, "multiplicative")[2]!);
  await page.goto(botUrl);
  await expect(pick).toContainText(/(win|loss) [+−]\d+\.\d\d/);
  await expect(pick).toContainText(`${(clv * 100).toFixed(1)}%`);
  await expect(page.getByText("Mean CLV", { exact: true }).locator("..")).toContainText(`${(clv * 100).toFixed(1)}%`);
  const outcome = (await pick.textContent())!.match(/(win|loss) [+−]/)![1]!;

  // Public: the record page recomputes the chain in the browser and shows the result entry.
  await page.getByLabel(/^Public record/).check();
  const recordLink = page.getByRole("link", { name: /^\/records\// });
  await expect(recordLink).toBeVisible();
  const slug = (await recordLink.textContent())!.replace("/records/", "");
  await recordLink.click();
  await expect(page).toHaveURL(new RegExp(`/records/${slug}$`));
  await expect(page.getByTestId("chain-status")).toContainText("chain verified", { timeout: 20_000 });
  await expect(page.getByTestId("chain-status")).toContainText("3 entries");
  await expect(page.getByTestId("figure-picks")).toHaveText("1");
  await expect(page.getByTestId("figure-graded")).toHaveText("1");
  await expect(page.getByTestId("figure-clv")).toHaveText(`${(clv * 100).toFixed(1)}%`);
  await expect(page.getByTestId("record-entry-2")).toContainText("Ashcombe v Brackwell");
  await expect(page.getByTestId("record-entry-3")).toContainText(`Graded: ${outcome === "win" ? "Won" : "Lost"}`);
  await expect(page.getByTestId("record-entry-3")).toContainText(`CLV ${(clv * 100).toFixed(1)}%`);

  // The fair opening price made the pick: its edge is the one the rules saw.
  expect(removeVig(PINNACLE_OPENING, "multiplicative")[2]! * BET365_OPENING_AWAY - 1).toBeGreaterThan(0.03);
  expect(errors).toEqual([]);
});
