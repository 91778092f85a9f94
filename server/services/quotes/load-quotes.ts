import type { Queryable } from "@/server/db/pool";
import type { Quote } from "@/server/domain/quotes";
import type { Market, Period, Phase } from "@/server/domain/vocabulary";

export interface QuoteFilter {
  /** Games to read; or every game of a league. One of the two is required. */
  gameIds?: number[];
  leagueId?: number;
  markets?: Market[];
  period?: Period;
  phases?: Phase[];
}

interface QuoteSqlRow {
  gameId: number;
  gameStartsAt: Date;
  bookmakerId: number;
  bookmakerKey: string;
  bookmakerName: string;
  isSharp: boolean;
  isAggregate: boolean;
  market: Market;
  period: Period;
  selection: Quote["selection"];
  phase: Phase;
  line: string | null;
  price: string | null;
  capturedAt: Date | null;
}

/**
 * The one loader of stored prices. Latest first (by capture time, archive rows last, then newest row), so a
 * caller that keeps the first price per book and selection keeps the latest one.
 */
export async function loadQuotes(db: Queryable, filter: QuoteFilter): Promise<Quote[]> {
  if (!filter.gameIds && filter.leagueId === undefined) throw new Error("loadQuotes needs gameIds or leagueId");
  if (filter.gameIds?.length === 0) return [];
  const { rows } = await db.query<QuoteSqlRow>(
    `SELECT o."gameId", g."startsAt" AS "gameStartsAt", b.id AS "bookmakerId", b.key AS "bookmakerKey", b.name AS "bookmakerName",
            b."isSharp", b."isAggregate", o.market, o.period, o.selection, o.phase, o.line::text, o.price::text, o."capturedAt"
       FROM "OddsSnapshot" o
       JOIN "Bookmaker" b ON b.id = o."bookmakerId"
       JOIN "Game" g ON g.id = o."gameId"
      WHERE ($1::int[] IS NULL OR o."gameId" = ANY($1::int[]))
        AND ($2::int IS NULL OR g."leagueId" = $2)
        AND ($3::"Market"[] IS NULL OR o.market = ANY($3::"Market"[]))
        AND ($4::"MarketPeriod" IS NULL OR o.period = $4::"MarketPeriod")
        AND ($5::"OddsPhase"[] IS NULL OR o.phase = ANY($5::"OddsPhase"[]))
      ORDER BY o."capturedAt" DESC NULLS LAST, o.id DESC`,
    [filter.gameIds ?? null, filter.leagueId ?? null, filter.markets ?? null, filter.period ?? null, filter.phases ?? null],
  );
  return rows.map((r) => ({
    gameId: r.gameId,
    gameStartsAt: r.gameStartsAt,
    bookmaker: { id: r.bookmakerId, key: r.bookmakerKey, name: r.bookmakerName, isSharp: r.isSharp, isAggregate: r.isAggregate },
    market: r.market,
    period: r.period,
    selection: r.selection,
    phase: r.phase,
    line: r.line === null ? null : Number(r.line),
    price: r.price === null ? null : Number(r.price),
    capturedAt: r.capturedAt,
  }));
}

/** Quotes grouped by game, keeping the loader's order within each game. */
export function quotesByGame(quotes: Quote[]): Map<number, Quote[]> {
  const byGame = new Map<number, Quote[]>();
  for (const q of quotes) {
    const list = byGame.get(q.gameId);
    if (list) list.push(q);
    else byGame.set(q.gameId, [q]);
  }
  return byGame;
}
