import type { Queryable } from "@/server/db/pool";
import { injuriesKnownAt, type GameInjuries, type InjuryReportRow } from "@/server/domain/injuries/known";

/** Each game's injuries as the reports stood at `at` (only reports collected by then), for live decisions. */
export async function loadGameInjuries(
  db: Queryable,
  games: readonly { id: number; homeTeamId: number; awayTeamId: number }[],
  at: Date,
): Promise<Map<number, GameInjuries>> {
  const teamIds = [...new Set(games.flatMap((g) => [g.homeTeamId, g.awayTeamId]))];
  if (teamIds.length === 0) return new Map();
  const { rows } = await db.query<InjuryReportRow>(
    `SELECT "teamId", player, position, status, "collectedAt" FROM "InjuryReport"
      WHERE "teamId" = ANY($1::int[]) AND "collectedAt" <= $2`,
    [teamIds, at],
  );
  const teams = injuriesKnownAt(rows, at);
  return new Map(games.map((g) => [g.id, { home: teams.get(g.homeTeamId) ?? null, away: teams.get(g.awayTeamId) ?? null }]));
}
