import { expect, request, test } from "@playwright/test";
import pg from "pg";
import { databaseUrl } from "../support/database";
import { deleteUsers, PASSWORD } from "./http";

/**
 * Following a game: Follow on its page, the upcoming view's Followed filter lists it (and unfollowing there
 * empties the list), and a steam rule "on the games I follow" is offered on /alerts. The game is made here,
 * in a league of its own, 10 hours ahead.
 */
const EMAIL = "follow-games@example.com";
const LEAGUE = "follow-e2e-league";
let gameId = 0;

async function withDb<T>(f: (db: pg.Client) => Promise<T>): Promise<T> {
  const db = new pg.Client({ connectionString: databaseUrl("linesmith_test_e2e") });
  await db.connect();
  try {
    return await f(db);
  } finally {
    await db.end();
  }
}

test.beforeAll(async ({ baseURL }) => {
  gameId = await withDb(async (db) => {
    await db.query(`DELETE FROM "League" WHERE key = $1`, [LEAGUE]);
    const sport = await db.query<{ id: number }>(
      `INSERT INTO "Sport" (key, name) VALUES ('soccer', 'Soccer') ON CONFLICT (key) DO UPDATE SET key = EXCLUDED.key RETURNING id`,
    );
    const league = await db.query<{ id: number }>(`INSERT INTO "League" ("sportId", key, name) VALUES ($1, $2, 'Follow League') RETURNING id`, [sport.rows[0]!.id, LEAGUE]);
    const leagueId = league.rows[0]!.id;
    const season = await db.query<{ id: number }>(`INSERT INTO "Season" ("leagueId", label, "startYear") VALUES ($1, '2026-27', 2026) RETURNING id`, [leagueId]);
    const teams = await db.query<{ id: number }>(`INSERT INTO "Team" ("leagueId", name) VALUES ($1, 'Followton'), ($1, 'Watchford') RETURNING id`, [leagueId]);
    const startsAt = new Date(Date.now() + 10 * 3_600_000);
    const game = await db.query<{ id: number }>(
      `INSERT INTO "Game" ("leagueId", "seasonId", "homeTeamId", "awayTeamId", "startsAt", "startTimeKnown", "localDate", "primarySource", "updatedAt")
       VALUES ($1, $2, $3, $4, $5, true, $6, 'test', now()) RETURNING id`,
      [leagueId, season.rows[0]!.id, teams.rows[0]!.id, teams.rows[1]!.id, startsAt, startsAt.toISOString().slice(0, 10)],
    );
    return game.rows[0]!.id;
  });
  const api = await request.newContext({ baseURL });
  const signUp = await api.post("/api/trpc/auth.signUp", { data: { json: { email: EMAIL, password: PASSWORD } } });
  expect([200, 409]).toContain(signUp.status());
  await api.dispose();
});

test.afterAll(async () => {
  await deleteUsers(EMAIL);
  await withDb((db) => db.query(`DELETE FROM "League" WHERE key = $1`, [LEAGUE]));
});

test("follow a game on its page, find it under Followed, unfollow it there; steam rules offer the games I follow", async ({ page }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`/games/${gameId}`);
  await page.getByLabel("Email").fill(EMAIL);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`/games/${gameId}$`), { timeout: 30_000 });

  const follow = page.getByRole("button", { name: "Follow", exact: true });
  await follow.click();
  const following = page.getByRole("button", { name: "Unfollow", exact: true });
  await expect(following).toHaveAttribute("aria-pressed", "true");
  await expect(following).toHaveText("Following");
  // Still followed after a reload: it is stored, not component state.
  await page.reload();
  await expect(page.getByRole("button", { name: "Unfollow", exact: true })).toBeVisible();

  await page.goto("/games/upcoming");
  await page.getByLabel("Games", { exact: true }).selectOption("followed");
  const rows = page.getByTestId("upcoming-game");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Followton");
  await rows.first().getByRole("button", { name: "Unfollow Followton v Watchford" }).click();
  await expect(page.getByText("No followed games in this window")).toBeVisible();

  await page.goto("/alerts");
  await page.getByLabel("Alert me about").selectOption("STEAM_MOVE");
  await expect(page.getByRole("checkbox", { name: /On the games I follow/ })).toBeChecked();
  await page.getByLabel("Name", { exact: true }).fill("My games steam");
  await page.getByRole("button", { name: "Add rule" }).click();
  await expect(page.getByRole("status")).toHaveText('Rule "My games steam" added.');
  await expect(page.getByRole("list", { name: "Your alert rules" }).getByText("Steam on the games you follow")).toBeVisible();
  expect(errors).toEqual([]);
});
