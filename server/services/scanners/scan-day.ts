import type { Queryable } from "@/server/db/pool";
import type { Market } from "@/server/domain/vocabulary";
import type { Quote } from "@/server/domain/quotes";
import { loadQuotes } from "@/server/services/quotes/load-quotes";
import { detectSteamMoves, type SteamMove } from "@/server/domain/odds";
import { buildOffers } from "@/server/domain/scanners/quotes";
import { scanOffers, SCAN_DEFAULTS, type ScanOptions } from "@/server/domain/scanners/scan";

export interface ScanRequest {
  /** Games starting in [from, to). */
  from: Date;
  to: Date;
  /** Prices known at this moment; null: each game's kick-off (the closing market). */
  asOf: Date | null;
  sport?: string | undefined;
  league?: string | undefined;
  market?: Market | undefined;
  options?: Partial<ScanOptions>;
}

const MAX_GAMES = 300;

/**
 * Scans stored snapshots for value bets, line shopping, arbitrage and steam. Historical archives have no
 * live feed, so the "as of" time picks which stored prices count as known (see knownAt).
 */
export async function scanMarkets(db: Queryable, req: ScanRequest) {
  const { rows: games } = await db.query<{ id: number; startsAt: Date; league: string; home: string; away: string; sport: string }>(
    `SELECT g.id, g."startsAt", l.key AS league, s.key AS sport, h.name AS home, a.name AS away
       FROM "Game" g JOIN "League" l ON l.id = g."leagueId" JOIN "Sport" s ON s.id = l."sportId"
       JOIN "Team" h ON h.id = g."homeTeamId" JOIN "Team" a ON a.id = g."awayTeamId"
      WHERE g."startsAt" >= $1 AND g."startsAt" < $2
        AND ($3::text IS NULL OR l.key = $3) AND ($4::text IS NULL OR s.key = $4)
        AND ($5::timestamptz IS NULL OR g."startsAt" > $5)
      ORDER BY g."startsAt", g.id
      LIMIT ${MAX_GAMES + 1}`,
    [req.from, req.to, req.league ?? null, req.sport ?? null, req.asOf],
  );
  const truncated = games.length > MAX_GAMES;
  const shown = games.slice(0, MAX_GAMES);
  const quotes = await loadQuotes(db, shown, req.market ? { markets: [req.market] } : {});
  const options = { ...SCAN_DEFAULTS, ...req.options, kelly: { ...SCAN_DEFAULTS.kelly, ...req.options?.kelly } };
  const result = scanOffers(buildOffers(quotes, req.asOf), options);
  return {
    games: shown.map(({ id, startsAt, league, sport, home, away }) => ({ id, startsAt, league, sport, home, away })),
    // Results name books by key; pages show these names.
    bookmakers: Object.fromEntries(quotes.map((q) => [q.bookmaker.key, q.bookmaker.name])),
    truncated,
    quotes: quotes.length,
    ...result,
    steam: steamMoves(quotes, req.asOf),
    timestampedQuotes: quotes.filter((q) => q.capturedAt).length,
  };
}

/** Steam needs timestamps: archive prices without a capture time cannot show a move's speed. */
function steamMoves(quotes: Quote[], asOf: Date | null) {
  const series = new Map<string, Quote[]>();
  for (const q of quotes) {
    if (!q.capturedAt || (asOf && q.capturedAt > asOf) || q.bookmaker.isAggregate) continue;
    const key = `${q.gameId}|${q.market}|${q.period}|${q.selection}`;
    const list = series.get(key);
    if (list) list.push(q);
    else series.set(key, [q]);
  }
  const found: (SteamMove & { gameId: number; market: Market; selection: Quote["selection"] })[] = [];
  for (const points of series.values()) {
    const first = points[0]!;
    const moves = detectSteamMoves(points.map((q) => ({ bookmaker: q.bookmaker.key, at: q.capturedAt!, decimal: q.price, line: q.line, phase: q.phase })));
    found.push(...moves.map((m) => ({ ...m, gameId: first.gameId, market: first.market, selection: first.selection })));
  }
  return found;
}
