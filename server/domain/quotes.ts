import type { Market, Period, Phase, Selection } from "./vocabulary";

/**
 * A stored price: one selection at one bookmaker at one moment. Settlement, scanners, game pages and model
 * features all read this one shape (loaded by `server/services/quotes`).
 */
export interface BookRef {
  id: number;
  key: string;
  name: string;
  isSharp: boolean;
  /** Market maximum/average and archive consensus lines: not a book anyone can bet at. */
  isAggregate: boolean;
}

export interface Quote {
  gameId: number;
  gameStartsAt: Date;
  bookmaker: BookRef;
  market: Market;
  period: Period;
  selection: Selection;
  phase: Phase;
  /** Home side's handicap for spreads (the selected side's for away), the total for totals, else null. */
  line: number | null;
  /** Decimal odds; null when the source gave only a line. */
  price: number | null;
  /** When the price was observed (live collection); archives rarely say, and then it is null. */
  capturedAt: Date | null;
}

/**
 * When a price became known. A capture time says it exactly; archives only say the phase: an opening price
 * was known at any moment before kick-off, a closing or unlabelled one only at kick-off.
 */
export function knownAt(q: Pick<Quote, "capturedAt" | "phase" | "gameStartsAt">): number {
  if (q.capturedAt) return q.capturedAt.getTime();
  return q.phase === "OPENING" ? Number.NEGATIVE_INFINITY : q.gameStartsAt.getTime();
}

/**
 * The quotes known by `cutoff` (a plan's delayed scanners: a price captured later is not used); all of them when
 * the cutoff is null (real time).
 */
export function quotesKnownBy<Q extends Pick<Quote, "capturedAt" | "phase" | "gameStartsAt">>(quotes: Q[], cutoff: Date | null): Q[] {
  if (!cutoff) return quotes;
  const limit = cutoff.getTime();
  return quotes.filter((q) => knownAt(q) <= limit);
}

/** The sharpest book there is; its no-vig prices are the reference for fair probabilities and CLV. */
export const REFERENCE_BOOK_KEY = "pinnacle";

/**
 * The one order in which books serve as the reference: Pinnacle, other sharp books, the book a bet was
 * placed with (when given), other real books, then aggregates. Lower is preferred.
 */
export function referenceRank(book: Pick<BookRef, "id" | "key" | "isSharp" | "isAggregate">, preferredBookId: number | null = null): number {
  if (book.isAggregate) return 4;
  if (book.key === REFERENCE_BOOK_KEY) return 0;
  if (book.isSharp) return 1;
  return book.id === preferredBookId ? 2 : 3;
}

/** Books sorted reference-first (stable for equal ranks). */
export function byReference<T extends { bookmaker: Pick<BookRef, "id" | "key" | "isSharp" | "isAggregate"> }>(items: T[], preferredBookId: number | null = null): T[] {
  return [...items].sort((a, b) => referenceRank(a.bookmaker, preferredBookId) - referenceRank(b.bookmaker, preferredBookId));
}

/**
 * The opening and closing view of a game's prices, decided by time where a capture time exists: a timed
 * snapshot is the opening price when it is the book's first for that selection, and the closing price when
 * it is the last one taken at or before kick-off. Archive prices keep the phase their source states.
 */
export type TimedQuote = Pick<Quote, "market" | "period" | "selection" | "line" | "phase" | "capturedAt" | "price"> & {
  bookmaker: Pick<BookRef, "key">;
  /** Needed for timed snapshots only: later ones are not closing prices. */
  gameStartsAt?: Date;
};

export function asOpeningOrClosing<T extends TimedQuote>(
  quotes: T[],
): { opening: T[]; closing: T[] } {
  const opening: T[] = [];
  const closing: T[] = [];
  const first = new Map<string, T>();
  const last = new Map<string, T>();
  for (const q of quotes) {
    if (!q.capturedAt) {
      if (q.phase === "OPENING") opening.push(q);
      else if (q.phase === "CLOSING" || q.phase === "UNSPECIFIED") closing.push(q);
      continue;
    }
    const key = `${q.bookmaker.key}|${q.market}|${q.period}|${q.selection}|${q.line}`;
    const t = q.capturedAt.getTime();
    const f = first.get(key);
    if (!f || t < f.capturedAt!.getTime()) first.set(key, q);
    if (q.gameStartsAt && t > q.gameStartsAt.getTime()) continue;
    const l = last.get(key);
    if (!l || t > l.capturedAt!.getTime()) last.set(key, q);
  }
  return { opening: [...opening, ...first.values()], closing: [...closing, ...last.values()] };
}
