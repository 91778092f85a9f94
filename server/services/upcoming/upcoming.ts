import type { Queryable } from "@/server/db/pool";
import { detectAnomalies, withoutAnomalies } from "@/server/domain/collectors/anomalies";
import { describeFlags, receivedQuotes, summarizeUpcoming } from "@/server/domain/scanners/upcoming";
import { loadQuotes, quotesByGame } from "@/server/services/quotes/load-quotes";

export interface UpcomingRequest {
  now: Date;
  /** Games starting in [now, now + hours). */
  hours: number;
  league?: string | undefined;
  /** Only games the user follows. */
  followedOnly?: boolean;
}

/** At most this many games: a week of every league we carry fits. */
const MAX_GAMES = 200;

/**
 * Games about to start with what is known of them now: best price per selection (which book), movement since
 * the market opened, freshness, the caller's newest model predictions made before now, and flagged prices.
 * Flagged prices (server/domain/collectors/anomalies.ts) never become a "best price".
 */
export async function upcomingGames(db: Queryable, userId: string, req: UpcomingRequest) {
  const to = new Date(req.now.getTime() + req.hours * 3_600_000);
  // Hidden import runs' games stay hidden, as on the games list (see visibleToUsers).
  const { rows: games } = await db.query<{
    id: number; startsAt: Date; startTimeKnown: boolean; league: string; leagueName: string; sport: string; home: string; away: string; neutralSite: boolean;
    followed: boolean;
  }>(
    `SELECT g.id, g."startsAt", g."startTimeKnown", l.key AS league, l.name AS "leagueName", s.key AS sport,
            h.name AS home, a.name AS away, g."neutralSite",
            EXISTS (SELECT 1 FROM "GameFollow" f WHERE f."gameId" = g.id AND f."userId" = $5) AS followed
       FROM "Game" g JOIN "League" l ON l.id = g."leagueId" JOIN "Sport" s ON s.id = l."sportId"
       JOIN "Team" h ON h.id = g."homeTeamId" JOIN "Team" a ON a.id = g."awayTeamId"
      WHERE g."startsAt" >= $1 AND g."startsAt" < $2 AND g.status = 'SCHEDULED'
        AND ($3::text IS NULL OR l.key = $3)
        AND (NOT $4::boolean OR EXISTS (SELECT 1 FROM "GameFollow" f WHERE f."gameId" = g.id AND f."userId" = $5))
        AND NOT (EXISTS (SELECT 1 FROM "ImportRunGame" x JOIN "ImportRun" r ON r.id = x."importRunId" WHERE x."gameId" = g.id AND r."hiddenAt" IS NOT NULL)
             AND NOT EXISTS (SELECT 1 FROM "ImportRunGame" x JOIN "ImportRun" r ON r.id = x."importRunId" WHERE x."gameId" = g.id AND r."hiddenAt" IS NULL))
      ORDER BY g."startsAt", g.id
      LIMIT ${MAX_GAMES + 1}`,
    [req.now, to, req.league ?? null, req.followedOnly ?? false, userId],
  );
  const shown = games.slice(0, MAX_GAMES);
  const byGame = quotesByGame(await loadQuotes(db, shown, { period: "FULL_GAME" }));
  const predictions = await latestPredictions(db, userId, shown.map((g) => g.id), req.now);
  return {
    now: req.now,
    truncated: games.length > MAX_GAMES,
    games: shown.map((g) => {
      const quotes = byGame.get(g.id) ?? [];
      const { known, asOf } = receivedQuotes(quotes, req.now);
      const flags = detectAnomalies(known, asOf);
      const bookNames = Object.fromEntries(quotes.map((q) => [q.bookmaker.key, q.bookmaker.name]));
      return {
        ...g,
        ...summarizeUpcoming(withoutAnomalies(known, flags), asOf),
        bookmakers: bookNames,
        flags: describeFlags(flags),
        predictions: predictions.get(g.id) ?? [],
      };
    }),
  };
}

/**
 * Per game, each of the caller's models' newest prediction made at or before `asOf`: the newest version of the
 * model, and of its predictions the latest (predictions are re-scored as data arrive and keep their history).
 */
export async function latestPredictions(db: Queryable, userId: string, gameIds: number[], asOf: Date) {
  const out = new Map<number, { model: string; version: number; evaluationId: number | null; probabilities: Record<string, number>; predictedAt: Date }[]>();
  if (gameIds.length === 0) return out;
  const { rows } = await db.query<{ gameId: number; model: string; version: number; evaluationId: number | null; probabilities: Record<string, number>; predictedAt: Date }>(
    `SELECT DISTINCT ON (p."gameId", v.name) p."gameId", v.name AS model, v.version, v."evaluationId", p.probabilities, p."createdAt" AS "predictedAt"
       FROM "Prediction" p JOIN "ModelVersion" v ON v.id = p."modelVersionId"
      WHERE p."gameId" = ANY($1::int[]) AND v."userId" = $2 AND p."createdAt" <= $3
      ORDER BY p."gameId", v.name, v.version DESC, p."createdAt" DESC, p.id DESC`,
    [gameIds, userId, asOf],
  );
  for (const r of rows) {
    const list = out.get(r.gameId);
    if (list) list.push(r);
    else out.set(r.gameId, [r]);
  }
  return out;
}

/** One game's flagged prices as of now, for its page. */
export async function gameFlags(db: Queryable, gameId: number, now: Date) {
  const { rows } = await db.query<{ id: number; startsAt: Date }>(`SELECT id, "startsAt" FROM "Game" WHERE id = $1`, [gameId]);
  if (!rows[0]) return [];
  const quotes = await loadQuotes(db, rows);
  return describeFlags(detectAnomalies(quotes, now < rows[0].startsAt ? now : null));
}
