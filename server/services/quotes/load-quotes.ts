import type { Queryable } from "@/server/db/pool";
import type { Quote } from "@/server/domain/quotes";
import type { Market, Period, Phase } from "@/server/domain/vocabulary";

/** A game whose prices to read, with its kick-off (every caller has already read it). */
export interface QuotedGame {
  id: number;
  startsAt: Date;
}

export interface QuoteFilter {
  markets?: Market[];
  period?: Period;
  phases?: Phase[];
}

interface QuoteSqlRow {
  gameId: number;
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
 * The one loader of stored prices, for games the caller has already read (their kick-off times come with
 * them, so no query joins the Game table). Latest first (by capture time, archive rows last, then newest row), so a
 * caller that keeps the first price per book and selection keeps the latest one.
 */
export async function loadQuotes(db: Queryable, games: QuotedGame[], filter: QuoteFilter = {}): Promise<Quote[]> {
  if (games.length === 0) return [];
  const startsAt = new Map(games.map((g) => [g.id, g.startsAt]));
  const { rows } = await db.query<QuoteSqlRow>(
    `SELECT o."gameId", b.id AS "bookmakerId", b.key AS "bookmakerKey", b.name AS "bookmakerName",
            b."isSharp", b."isAggregate", o.market, o.period, o.selection, o.phase, o.line::text, o.price::text, o."capturedAt"
       FROM "OddsSnapshot" o
       JOIN "Bookmaker" b ON b.id = o."bookmakerId"
      WHERE o."gameId" = ANY($1::int[])
        AND ($2::"Market"[] IS NULL OR o.market = ANY($2::"Market"[]))
        AND ($3::"MarketPeriod" IS NULL OR o.period = $3::"MarketPeriod")
        AND ($4::"OddsPhase"[] IS NULL OR o.phase = ANY($4::"OddsPhase"[]))
      ORDER BY o."capturedAt" DESC NULLS LAST, o.id DESC`,
    [[...startsAt.keys()], filter.markets ?? null, filter.period ?? null, filter.phases ?? null],
  );
  return rows.map((r) => ({
    gameId: r.gameId,
    gameStartsAt: startsAt.get(r.gameId)!,
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
