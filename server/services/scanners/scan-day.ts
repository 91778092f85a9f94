import type { Queryable } from "@/server/db/pool";
import type { Market } from "@/server/domain/vocabulary";
import { detectAnomalies, withoutAnomalies } from "@/server/domain/collectors/anomalies";
import { quotesKnownBy } from "@/server/domain/quotes";
import { loadQuotes } from "@/server/services/quotes/load-quotes";
import { findReverseMoves, findSteam } from "@/server/domain/scanners/line-moves";
import { buildOffers } from "@/server/domain/scanners/quotes";
import { describeFlags } from "@/server/domain/scanners/upcoming";
import { scanOffers, SCAN_DEFAULTS, type ScanOptions } from "@/server/domain/scanners/scan";
import { getSystemSettings } from "@/server/services/system-settings/settings";

export interface ScanRequest {
  /** Games starting in [from, to). */
  from: Date;
  to: Date;
  /** Prices known at this moment; null: each game's kick-off (the closing market). */
  asOf: Date | null;
  /** A delayed plan's cutoff: prices captured after it are not used (see scannerDelay); null: real time. */
  pricesKnownBy?: Date | null;
  sport?: string | undefined;
  league?: string | undefined;
  market?: Market | undefined;
  /** Kelly fields left undefined take the system's Kelly defaults. */
  options?: Partial<Omit<ScanOptions, "kelly">> & { kelly?: { fraction?: number | undefined; maxFraction?: number | undefined } };
}

const MAX_GAMES = 300;

/**
 * Scans stored snapshots for value bets, line shopping, arbitrage, steam and reverse line movement. Historical archives have no
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
  const quotes = quotesKnownBy(await loadQuotes(db, shown, req.market ? { markets: [req.market] } : {}), req.pricesKnownBy ?? null);
  const { kelly } = await getSystemSettings(db);
  const options: ScanOptions = {
    ...SCAN_DEFAULTS,
    ...req.options,
    kelly: { fraction: req.options?.kelly?.fraction ?? kelly.fraction, maxFraction: req.options?.kelly?.maxFraction ?? kelly.maxFraction },
  };
  // Flagged prices (spikes, books far from consensus) are shown with their reason but never scanned.
  const anomalies = detectAnomalies(quotes, req.asOf);
  const trusted = withoutAnomalies(quotes, anomalies);
  const result = scanOffers(buildOffers(trusted, req.asOf), options);
  return {
    games: shown.map(({ id, startsAt, league, sport, home, away }) => ({ id, startsAt, league, sport, home, away })),
    // Results name books by key; pages show these names.
    bookmakers: Object.fromEntries(quotes.map((q) => [q.bookmaker.key, q.bookmaker.name])),
    truncated,
    quotes: quotes.length,
    ...result,
    steam: findSteam(trusted, req.asOf),
    reverseMoves: findReverseMoves(trusted, req.asOf),
    anomalies: describeFlags(anomalies),
    timestampedQuotes: quotes.filter((q) => q.capturedAt).length,
  };
}
