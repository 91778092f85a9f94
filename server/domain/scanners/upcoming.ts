import type { AnomalyFlag } from "../collectors/anomalies";
import { knownAt, type Quote } from "../quotes";
import { MARKET_CODES, type Market, type Selection } from "../vocabulary";
import { buildOffers, type MarketOffer } from "./quotes";
import { bestPrices } from "./scan";

/**
 * What the upcoming view shows per game, from the prices known now: for each full-game market (spreads and
 * totals at their most-quoted line), the best price per selection at a real book, and how the market moved
 * since it opened (the median over books of each book's change from its first price to its current one).
 */
export interface SelectionSummary {
  selection: Selection;
  bookmaker: string;
  price: number;
  books: number;
  /** Median relative price change since each book's first price at this line (+0.05 = 5% longer); null without history. */
  movement: number | null;
}

export interface MarketSummary {
  market: Market;
  line: number | null;
  selections: SelectionSummary[];
}

export interface UpcomingGameOdds {
  markets: MarketSummary[];
  /** Latest capture time among the prices known now; null when only archive prices exist. */
  updatedAt: Date | null;
  /** The first capture time: the "since" of the movement. */
  openedAt: Date | null;
}

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** Spreads pair home -3.5 with away +3.5: keyed by the home line, as the scanners' offers are. */
const keyLine = (q: Quote) => (q.line !== null && q.market === "SPREAD" && q.selection === "AWAY" ? -q.line : q.line);

/** The market per kind that most books price (the main line of spreads and totals). */
function mainOffers(offers: MarketOffer[]): MarketOffer[] {
  const byMarket = new Map<Market, MarketOffer>();
  for (const o of offers) {
    if (o.period !== "FULL_GAME") continue;
    const prev = byMarket.get(o.market);
    if (!prev || o.books.length > prev.books.length) byMarket.set(o.market, o);
  }
  return MARKET_CODES.flatMap((m) => (byMarket.has(m) ? [byMarket.get(m)!] : []));
}

/**
 * The prices stored for games not yet played, as known now: every timed snapshot we have received (a provider's
 * clock may run ahead of ours, and the replay's does by design: a received price is known), and archive prices
 * by their phase (an archive closing price is known only at kick-off). Returns them with the moment that covers
 * them all, to pass to the scanners' as-of cut-offs.
 */
export function receivedQuotes(quotes: Quote[], now: Date): { known: Quote[]; asOf: Date } {
  let asOf = now.getTime();
  const known = quotes.filter((q) => {
    if (q.capturedAt) {
      asOf = Math.max(asOf, q.capturedAt.getTime());
      return true;
    }
    return knownAt(q) <= now.getTime();
  });
  return { known, asOf: new Date(asOf) };
}

/** One game's summary from its received, trusted quotes (see receivedQuotes; anomalies already removed). */
export function summarizeUpcoming(known: Quote[], asOf: Date): UpcomingGameOdds {
  const markets = mainOffers(buildOffers(known, asOf)).map((offer): MarketSummary => {
    const best = bestPrices(offer);
    return {
      market: offer.market,
      line: offer.line,
      selections: best.map((b) => {
        const changes: number[] = [];
        const series = new Map<string, Quote[]>();
        for (const q of known) {
          if (q.market !== offer.market || q.period !== offer.period || q.selection !== b.selection || keyLine(q) !== offer.line) continue;
          if (q.bookmaker.isAggregate || q.price === null || q.price <= 1) continue;
          const list = series.get(q.bookmaker.key);
          if (list) list.push(q);
          else series.set(q.bookmaker.key, [q]);
        }
        for (const list of series.values()) {
          if (list.length < 2) continue;
          list.sort((x, y) => knownAt(x) - knownAt(y));
          changes.push(list.at(-1)!.price! / list[0]!.price! - 1);
        }
        return { selection: b.selection, bookmaker: b.bookmaker, price: b.price, books: b.books, movement: changes.length ? median(changes) : null };
      }),
    };
  });
  let updatedAt: Date | null = null;
  let openedAt: Date | null = null;
  for (const q of known) {
    if (!q.capturedAt) continue;
    if (!updatedAt || q.capturedAt > updatedAt) updatedAt = q.capturedAt;
    if (!openedAt || q.capturedAt < openedAt) openedAt = q.capturedAt;
  }
  return { markets, updatedAt, openedAt };
}

/** Flags in the shape pages show (the quote itself stays on the server). */
export function describeFlags(flags: AnomalyFlag[]) {
  return flags.map(({ quote: q, kind, detail }) => ({
    gameId: q.gameId,
    market: q.market,
    selection: q.selection,
    line: q.line,
    bookmaker: q.bookmaker.key,
    bookmakerName: q.bookmaker.name,
    price: q.price,
    capturedAt: q.capturedAt,
    kind,
    detail,
  }));
}
