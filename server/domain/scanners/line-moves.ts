import { detectSteamMoves, type SteamMove } from "../odds/movement";
import { referenceRank, type Quote } from "../quotes";
import type { Market, Period, Selection } from "../vocabulary";

/**
 * Steam and reverse line movement from timestamped snapshot histories (live collection). Archive prices carry
 * no capture time, so neither can be seen in them: callers show "needs timestamped prices" instead. Every move
 * says when it started and ended ("as of" times), so a page never presents an old move as news.
 */

/**
 * Steam: at least STEAM_MIN_BOOKS books move the same selection the same way, each by at least
 * STEAM_MIN_IMPLIED_MOVE of implied probability (2 points: 2.00 -> 1.92), within STEAM_WINDOW_MINUTES.
 * One book adjusting is a book balancing its liabilities; three within minutes is the market reacting to
 * sharp money or news. 2 points is above a single tick (about 1 point at even money) and 15 minutes spans a
 * few 60-second polls, so a move caught over consecutive polls still counts as one burst.
 */
export const STEAM_MIN_IMPLIED_MOVE = 0.02;
export const STEAM_MIN_LINE_MOVE = 0.5;
export const STEAM_MIN_BOOKS = 3;
export const STEAM_WINDOW_MINUTES = 15;

/**
 * Reverse line movement without public-betting shares (no feed we carry has them): the sharp book moves
 * towards a selection by at least RLM_MIN_SHARP_MOVE while the soft books' median moves away from it (or
 * stays within RLM_SOFT_FLAT). Soft books shade their prices towards where the public bets; a sharp book
 * moving against them is the same signal RLM looks for (money against the popular side). It is a proxy and
 * is labelled so; with public shares, isReverseLineMovement in server/domain/odds applies instead.
 */
export const RLM_MIN_SHARP_MOVE = 0.02;
export const RLM_SOFT_FLAT = 0.005;
/** The soft side needs enough books for a median to mean anything. */
export const RLM_MIN_SOFT_BOOKS = 2;

export interface SeriesRef {
  gameId: number;
  market: Market;
  period: Period;
  selection: Selection;
}

export interface LiveSteamMove extends SteamMove, SeriesRef {
  /** Mean implied-probability change of the books in the burst (+ = shortened), over the burst. */
  impliedChange: number;
}

export interface ReverseMove extends SeriesRef {
  sharpBook: string;
  /** Implied-probability change from each side's first to its last price up to the as-of time. */
  sharpChange: number;
  softChange: number;
  softBooks: number;
  /** The first and last capture times the comparison used. */
  from: Date;
  to: Date;
}

type Timed = Quote & { capturedAt: Date; price: number };

/** Real books' timed prices known at `asOf`, per game, market, period and selection (lines apart). */
function timedSeries(quotes: Quote[], asOf: Date | null): Map<string, Timed[]> {
  const series = new Map<string, Timed[]>();
  for (const q of quotes) {
    if (!q.capturedAt || q.price === null || q.price <= 1 || q.bookmaker.isAggregate) continue;
    if (asOf && q.capturedAt > asOf) continue;
    const key = `${q.gameId}|${q.market}|${q.period}|${q.selection}`;
    const list = series.get(key);
    if (list) list.push(q as Timed);
    else series.set(key, [q as Timed]);
  }
  for (const list of series.values()) list.sort((a, b) => a.capturedAt.getTime() - b.capturedAt.getTime());
  return series;
}

const refOf = (q: Quote): SeriesRef => ({ gameId: q.gameId, market: q.market, period: q.period, selection: q.selection });

/** Steam bursts in the histories known at `asOf` (null: everything stored). */
export function findSteam(quotes: Quote[], asOf: Date | null): LiveSteamMove[] {
  const found: LiveSteamMove[] = [];
  for (const points of timedSeries(quotes, asOf).values()) {
    const moves = detectSteamMoves(
      points.map((q) => ({ bookmaker: q.bookmaker.key, at: q.capturedAt, decimal: q.price, line: q.line })),
      { minImpliedMove: STEAM_MIN_IMPLIED_MOVE, minLineMove: STEAM_MIN_LINE_MOVE, minBooks: STEAM_MIN_BOOKS, windowMinutes: STEAM_WINDOW_MINUTES },
    );
    for (const m of moves) {
      const changes = m.bookmakers.map((book) => {
        const own = points.filter((p) => p.bookmaker.key === book);
        const before = own.filter((p) => p.capturedAt < m.start).at(-1) ?? own[0]!;
        const after = own.filter((p) => p.capturedAt <= m.end).at(-1)!;
        return 1 / after.price - 1 / before.price;
      });
      found.push({ ...m, ...refOf(points[0]!), impliedChange: changes.reduce((s, c) => s + c, 0) / changes.length });
    }
  }
  return found.sort((a, b) => b.end.getTime() - a.end.getTime());
}

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** Reverse line movement by the sharp/soft proxy (see RLM_MIN_SHARP_MOVE), on prices known at `asOf`. */
export function findReverseMoves(quotes: Quote[], asOf: Date | null): ReverseMove[] {
  const found: ReverseMove[] = [];
  for (const points of timedSeries(quotes, asOf).values()) {
    const byBook = new Map<string, Timed[]>();
    for (const p of points) {
      // Moneyline-style prices only: a spread's price moves with its line and would mix two measures.
      if (p.line !== null) continue;
      const list = byBook.get(p.bookmaker.key);
      if (list) list.push(p);
      else byBook.set(p.bookmaker.key, [p]);
    }
    const books = [...byBook.values()].filter((s) => s.length >= 2);
    const sharp = books.filter((s) => s[0]!.bookmaker.isSharp).sort((a, b) => referenceRank(a[0]!.bookmaker) - referenceRank(b[0]!.bookmaker))[0];
    const soft = books.filter((s) => !s[0]!.bookmaker.isSharp);
    if (!sharp || soft.length < RLM_MIN_SOFT_BOOKS) continue;
    const change = (s: Timed[]) => 1 / s.at(-1)!.price - 1 / s[0]!.price;
    const sharpChange = change(sharp);
    const softChange = median(soft.map(change));
    if (Math.abs(sharpChange) < RLM_MIN_SHARP_MOVE) continue;
    const against = Math.sign(softChange) === -Math.sign(sharpChange) || Math.abs(softChange) <= RLM_SOFT_FLAT;
    if (!against) continue;
    const all = [sharp, ...soft].flat();
    found.push({
      ...refOf(sharp[0]!),
      sharpBook: sharp[0]!.bookmaker.key,
      sharpChange,
      softChange,
      softBooks: soft.length,
      from: new Date(Math.min(...all.map((p) => p.capturedAt.getTime()))),
      to: new Date(Math.max(...all.map((p) => p.capturedAt.getTime()))),
    });
  }
  return found;
}
