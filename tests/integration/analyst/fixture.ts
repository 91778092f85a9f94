import type pg from "pg";

/**
 * A small soccer league for the analyst's tests, far in the future so no other test's games mix in. `NOW` is the
 * moment the analyst looks from; rows marked "later" were stored with times after it and must never reach a prompt.
 */
export const NOW = new Date("2031-03-08T12:00:00Z");
export const KICKOFF = new Date("2031-03-08T15:00:00Z");
const at = (iso: string) => new Date(iso);

export interface AnalystFixture {
  leagueId: number;
  upcoming: number;
  nextDay: number;
  teams: { alpha: number; beta: number; gamma: number };
}

export async function createAnalystFixture(pool: pg.Pool, users: { owner: string; other: string }): Promise<AnalystFixture> {
  const sport = await pool.query<{ id: number }>(
    `INSERT INTO "Sport" (key, name) VALUES ('soccer', 'Soccer') ON CONFLICT (key) DO UPDATE SET name = "Sport".name RETURNING id`,
  );
  const league = await pool.query<{ id: number }>(
    `INSERT INTO "League" ("sportId", key, name) VALUES ($1, 'analyst-test', 'Analyst Test League') RETURNING id`,
    [sport.rows[0]!.id],
  );
  const leagueId = league.rows[0]!.id;
  const season = await pool.query<{ id: number }>(`INSERT INTO "Season" ("leagueId", label, "startYear") VALUES ($1, '2030-31', 2030) RETURNING id`, [leagueId]);
  const team = async (name: string) =>
    (await pool.query<{ id: number }>(`INSERT INTO "Team" ("leagueId", name) VALUES ($1, $2) RETURNING id`, [leagueId, name])).rows[0]!.id;
  const teams = { alpha: await team("Alpha FC"), beta: await team("Beta FC"), gamma: await team("Gamma FC") };
  const game = async (home: number, away: number, startsAt: Date, score: [number, number] | null, extra: { forecastAt?: Date } = {}) =>
    (
      await pool.query<{ id: number }>(
        `INSERT INTO "Game" ("leagueId", "seasonId", "homeTeamId", "awayTeamId", "startsAt", "startTimeKnown", "localDate", status, "homeScore", "awayScore",
                             "primarySource", "temperatureC", "windKph", "weatherForecastAt")
         VALUES ($1, $2, $3, $4, $5::timestamptz, true, ($5::timestamptz AT TIME ZONE 'UTC')::date, $6::"GameStatus", $7, $8, 'test', $9, $10, $11) RETURNING id`,
        [leagueId, season.rows[0]!.id, home, away, startsAt, score ? "FINAL" : "SCHEDULED", score?.[0] ?? null, score?.[1] ?? null,
          extra.forecastAt ? 7.5 : null, extra.forecastAt ? 22 : null, extra.forecastAt ?? null],
      )
    ).rows[0]!.id;
  // Form and head-to-head.
  await game(teams.alpha, teams.gamma, at("2031-03-01T15:00:00Z"), [2, 0]);
  await game(teams.beta, teams.alpha, at("2030-10-01T15:00:00Z"), [0, 1]);
  await game(teams.gamma, teams.beta, at("2031-03-02T15:00:00Z"), [1, 1]);
  // Kicked off 3 hours before NOW: its result is not yet known (form), but Beta has played (rest).
  await game(teams.beta, teams.gamma, at("2031-03-08T09:00:00Z"), [5, 0]);
  // Later: a result stored for a game after NOW (a replay could do that).
  await game(teams.alpha, teams.gamma, at("2031-03-10T15:00:00Z"), [9, 9]);
  // The game the analyst looks at, with its weather forecast made after NOW (later), and the next day's game
  // with a forecast made before NOW.
  const upcoming = await game(teams.alpha, teams.beta, KICKOFF, null, { forecastAt: at("2031-03-08T13:00:00Z") });
  const nextDay = await game(teams.gamma, teams.alpha, at("2031-03-09T15:00:00Z"), null, { forecastAt: at("2031-03-08T06:00:00Z") });

  for (const [key, name, sharp] of [["pinnacle", "Pinnacle", true], ["bet365", "Bet365", false]] as const) {
    await pool.query(`INSERT INTO "Bookmaker" (key, name, "isSharp") VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING`, [key, name, sharp]);
  }
  const price = async (gameId: number, book: string, prices: [number, number, number], capturedAt: Date | null, phase = "SNAPSHOT") => {
    for (const [i, selection] of (["HOME", "DRAW", "AWAY"] as const).entries()) {
      await pool.query(
        `INSERT INTO "OddsSnapshot" ("gameId", "bookmakerId", market, period, selection, phase, price, "capturedAt", source)
         SELECT $1, id, 'ONE_X_TWO', 'FULL_GAME', $2::"Selection", $3::"OddsPhase", $4, $5, 'test' FROM "Bookmaker" WHERE key = $6`,
        [gameId, selection, phase, prices[i], capturedAt, book],
      );
    }
  };
  for (const id of [upcoming, nextDay]) {
    await price(id, "pinnacle", [2.1, 3.5, 3.6], at("2031-03-06T12:00:00Z"));
    await price(id, "pinnacle", [1.95, 3.6, 4.03], at("2031-03-08T10:00:00Z"));
    await price(id, "bet365", [2.0, 3.7, 4.1], at("2031-03-08T09:00:00Z"));
    // Later: a move after NOW, and an archive closing line (known only at kick-off).
    await price(id, "pinnacle", [1.51, 4.5, 7.0], at("2031-03-08T13:00:00Z"));
    await price(id, "bet365", [1.41, 4.75, 8.5], null, "CLOSING");
  }

  const model = async (userId: string, name: string, version: number) =>
    (
      await pool.query<{ id: number }>(
        `INSERT INTO "ModelVersion" ("userId", "leagueId", name, kind, "featureGroup", version, "trainedFrom", "trainedTo", "trainGames", "featureNames", params, metrics, "artifactSha256", "artifactBytes")
         VALUES ($1, $2, $3, 'logistic', 'elo', $4, '2020-01-01', '2030-06-01', 1000, '{}', '{}', '{}', repeat('0', 64), 0) RETURNING id`,
        [userId, leagueId, name, version],
      )
    ).rows[0]!.id;
  const predict = async (modelVersionId: number, gameId: number, probabilities: Record<string, number>, createdAt: Date) =>
    pool.query(`INSERT INTO "Prediction" ("modelVersionId", "gameId", probabilities, "featuresHash", "createdAt") VALUES ($1, $2, $3, 'h', $4)`, [
      modelVersionId, gameId, JSON.stringify(probabilities), createdAt,
    ]);
  const v1 = await model(users.owner, "elo", 1);
  const v2 = await model(users.owner, "elo", 2);
  const others = await model(users.other, "someone-elses", 1);
  for (const id of [upcoming, nextDay]) {
    await predict(v1, id, { home: 0.52, draw: 0.25, away: 0.23 }, at("2031-03-07T00:00:00Z"));
    // Later: version 2 predicted after NOW.
    await predict(v2, id, { home: 0.91, draw: 0.05, away: 0.04 }, at("2031-03-08T13:00:00Z"));
    await predict(others, id, { home: 0.1, draw: 0.1, away: 0.8 }, at("2031-03-07T00:00:00Z"));
  }

  const injury = async (teamId: number, player: string, status: string, collectedAt: Date) =>
    pool.query(`INSERT INTO "InjuryReport" ("leagueId", "teamId", player, position, status, "collectedAt", source) VALUES ($1, $2, $3, 'D', $4, $5, 'test')`, [
      leagueId, teamId, player, status, collectedAt,
    ]);
  await injury(teams.beta, "R. James", "Out", at("2031-03-07T08:00:00Z"));
  await injury(teams.beta, "Q. Fit", "Out", at("2031-03-05T08:00:00Z"));
  await injury(teams.beta, "Q. Fit", "Active", at("2031-03-07T08:00:00Z"));
  // Later: reported after NOW.
  await injury(teams.alpha, "K. Late", "Out", at("2031-03-08T13:00:00Z"));
  return { leagueId, upcoming, nextDay, teams };
}
