import type { Queryable } from "@/server/db/pool";
import type { DbMarket } from "@/server/domain/bets/markets";
import { detectSteamMoves, type SteamMove } from "@/server/domain/odds";
import { buildOffers, type ScanQuote } from "@/server/domain/scanners/quotes";
import { scanOffers, SCAN_DEFAULTS, type ScanOptions } from "@/server/domain/scanners/scan";

export interface ScanRequest {
  /** Games starting in [from, to). */
  from: Date;
  to: Date;
  /** Prices known at this moment; null: each game's kick-off (the closing market). */
  asOf: Date | null;
  sport?: string | undefined;
  league?: string | undefined;
  market?: DbMarket | undefined;
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
  const starts = new Map(shown.map((g) => [g.id, g.startsAt]));
  const { rows } = await db.query<{
    gameId: number; key: string; name: string; isSharp: boolean; isAggregate: boolean; market: DbMarket; period: ScanQuote["period"];
    selection: ScanQuote["selection"]; phase: ScanQuote["phase"]; line: string | null; price: string | null; capturedAt: Date | null;
  }>(
    `SELECT o."gameId", b.key, b.name, b."isSharp", b."isAggregate", o.market, o.period, o.selection, o.phase, o.line::text, o.price::text, o."capturedAt"
       FROM "OddsSnapshot" o JOIN "Bookmaker" b ON b.id = o."bookmakerId"
      WHERE o."gameId" = ANY($1::int[]) AND ($2::"Market" IS NULL OR o.market = $2::"Market")`,
    [shown.map((g) => g.id), req.market ?? null],
  );
  const quotes: ScanQuote[] = rows.map((r) => ({
    gameId: r.gameId,
    gameStartsAt: starts.get(r.gameId)!,
    bookmaker: { key: r.key, name: r.name, isSharp: r.isSharp, isAggregate: r.isAggregate },
    market: r.market,
    period: r.period,
    selection: r.selection,
    phase: r.phase,
    line: r.line === null ? null : Number(r.line),
    price: r.price === null ? null : Number(r.price),
    capturedAt: r.capturedAt,
  }));
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
function steamMoves(quotes: ScanQuote[], asOf: Date | null) {
  const series = new Map<string, ScanQuote[]>();
  for (const q of quotes) {
    if (!q.capturedAt || (asOf && q.capturedAt > asOf) || q.bookmaker.isAggregate) continue;
    const key = `${q.gameId}|${q.market}|${q.period}|${q.selection}`;
    const list = series.get(key);
    if (list) list.push(q);
    else series.set(key, [q]);
  }
  const found: (SteamMove & { gameId: number; market: DbMarket; selection: ScanQuote["selection"] })[] = [];
  for (const points of series.values()) {
    const first = points[0]!;
    const moves = detectSteamMoves(points.map((q) => ({ bookmaker: q.bookmaker.key, at: q.capturedAt!, decimal: q.price, line: q.line, phase: q.phase })));
    found.push(...moves.map((m) => ({ ...m, gameId: first.gameId, market: first.market, selection: first.selection })));
  }
  return found;
}
