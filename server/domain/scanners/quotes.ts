import { knownAt, type Quote } from "../quotes";
import { selectionsOf, type Market, type Period, type Selection } from "../vocabulary";

/** One market of one game at one line, priced by every book: the unit the scanners compare. */
export interface MarketOffer {
  gameId: number;
  market: Market;
  period: Period;
  /** Home side's handicap for spreads, the total for totals, null otherwise. */
  line: number | null;
  selections: readonly Selection[];
  /** Per bookmaker, the latest known price per selection (same order as `selections`). */
  books: { bookmaker: Quote["bookmaker"]; prices: (number | null)[] }[];
}

/** Spreads pair home -3.5 with away +3.5: both keyed by the home line. */
function keyLine(q: Quote): number | null {
  if (q.line === null) return null;
  return q.market === "SPREAD" && q.selection === "AWAY" ? -q.line : q.line;
}

/**
 * Groups quotes into market offers using, per book and selection, the latest price known at `asOf`
 * (null: each game's kick-off, i.e. the closing market).
 */
export function buildOffers(quotes: Quote[], asOf: Date | null): MarketOffer[] {
  const latest = new Map<string, Quote>();
  for (const q of quotes) {
    if (q.price === null || q.price <= 1) continue;
    if ((q.market === "SPREAD" || q.market === "TOTAL") && q.line === null) continue;
    const cutoff = asOf ? asOf.getTime() : q.gameStartsAt.getTime();
    const at = knownAt(q);
    if (at > cutoff) continue;
    const key = `${q.gameId}|${q.market}|${q.period}|${keyLine(q)}|${q.bookmaker.key}|${q.selection}`;
    const prev = latest.get(key);
    if (!prev || at > knownAt(prev) || (at === knownAt(prev) && q.phase === "CLOSING")) latest.set(key, q);
  }
  const offers = new Map<string, MarketOffer>();
  const bookIndex = new Map<string, number>();
  for (const q of latest.values()) {
    const offerKey = `${q.gameId}|${q.market}|${q.period}|${keyLine(q)}`;
    let offer = offers.get(offerKey);
    if (!offer) {
      offer = { gameId: q.gameId, market: q.market, period: q.period, line: keyLine(q), selections: selectionsOf(q.market), books: [] };
      offers.set(offerKey, offer);
    }
    const bookKey = `${offerKey}|${q.bookmaker.key}`;
    let i = bookIndex.get(bookKey);
    if (i === undefined) {
      i = offer.books.push({ bookmaker: q.bookmaker, prices: offer.selections.map(() => null) }) - 1;
      bookIndex.set(bookKey, i);
    }
    offer.books[i]!.prices[offer.selections.indexOf(q.selection)] = q.price;
  }
  return [...offers.values()];
}
