import type { Queryable } from "@/server/db/pool";
import { gameInjuriesAt, type GameAt, type GameInjuries, type InjuryReportRow } from "@/server/domain/injuries/known";

/**
 * Each game's injuries as the reports stood at the game's own moment `at` (only reports collected by then):
 * the one definition behind strategies, bots and model features.
 */
export async function loadInjuriesAsOf(db: Queryable, games: readonly GameAt[]): Promise<Map<number, GameInjuries>> {
  const teamIds = [...new Set(games.flatMap((g) => [g.homeTeamId, g.awayTeamId]))];
  if (teamIds.length === 0) return new Map();
  const latest = new Date(games.reduce((t, g) => Math.max(t, g.at.getTime()), 0));
  const { rows } = await db.query<InjuryReportRow>(
    `SELECT "teamId", player, position, status, "collectedAt" FROM "InjuryReport"
      WHERE "teamId" = ANY($1::int[]) AND "collectedAt" <= $2`,
    [teamIds, latest],
  );
  return gameInjuriesAt(rows, games);
}

/** Each game's injuries as the reports stood at `at`, for live decisions. */
export async function loadGameInjuries(
  db: Queryable,
  games: readonly { id: number; homeTeamId: number; awayTeamId: number }[],
  at: Date,
): Promise<Map<number, GameInjuries>> {
  return loadInjuriesAsOf(db, games.map((g) => ({ id: g.id, homeTeamId: g.homeTeamId, awayTeamId: g.awayTeamId, at })));
}
