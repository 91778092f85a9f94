import { afterAll, describe, expect, it } from "vitest";
import { testPool } from "../support/test-db";

const pool = testPool();
afterAll(() => pool.end());
const { loadGameInjuries } = await import("@/server/services/injuries/known-injuries");

describe("injuries known at a decision", () => {
  it("reads each team's reports collected by then, and nothing for teams without reports", async () => {
    const sport = await pool.query<{ id: number }>(
      `INSERT INTO "Sport" (key, name) VALUES ('american-football', 'American football') ON CONFLICT (key) DO UPDATE SET name = "Sport".name RETURNING id`,
    );
    const league = await pool.query<{ id: number }>(
      `INSERT INTO "League" ("sportId", key, name) VALUES ($1, $2, 'Injury Test League') RETURNING id`,
      [sport.rows[0]!.id, `injury-test-${Date.now()}`],
    );
    const team = async (name: string) =>
      (
        await pool.query<{ id: number }>(`INSERT INTO "Team" ("leagueId", name) VALUES ($1, $2) RETURNING id`, [
          league.rows[0]!.id,
          name,
        ])
      ).rows[0]!.id;
    const [home, away, other] = [await team("Injury Home"), await team("Injury Away"), await team("Injury Other")];
    const at = new Date("2031-10-05T12:00:00Z");
    const report = (teamId: number, player: string, position: string, status: string, collectedAt: Date) =>
      pool.query(
        `INSERT INTO "InjuryReport" ("leagueId", "teamId", player, position, status, "collectedAt", source) VALUES ($1, $2, $3, $4, $5, $6, 'test')`,
        [league.rows[0]!.id, teamId, player, position, status, collectedAt],
      );
    await report(home, "Q. Back", "QB", "Out", new Date(at.getTime() - 3_600_000));
    await report(home, "W. Out", "WR", "Out", new Date(at.getTime() - 7_200_000));
    await report(away, "L. Ate", "RB", "Out", new Date(at.getTime() + 60_000));
    const injuries = await loadGameInjuries(
      pool,
      [
        { id: 1, homeTeamId: home, awayTeamId: away },
        { id: 2, homeTeamId: other, awayTeamId: home },
      ],
      at,
    );
    expect(injuries.get(1)).toEqual({ home: { out: 2, quarterbackOut: true }, away: null });
    expect(injuries.get(2)).toEqual({ home: null, away: { out: 2, quarterbackOut: true } });
  });
});
