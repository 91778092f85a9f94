import { knownAt, type Quote } from "../quotes";

/**
 * Prices a feed delivered that nobody could have bet at: a price that jumps and comes straight back (a
 * feed glitch or a book's fat finger, pulled within a minute), and a book far from every other book's price
 * for the same selection and line (a stale or mis-mapped market). They stay stored and shown, with a flag;
 * scanners and the upcoming view's best prices leave them out, because a "value bet" or "arbitrage" built on
 * one of them is almost always the error, not the opportunity.
 */

/** A spike is a move of at least half the price (2.00 -> 3.00 or 2.00 -> 1.33) ... */
export const SPIKE_MIN_JUMP = 0.5;
/** ... undone within a minute: real repricing holds longer than one polling interval. */
export const SPIKE_RETURN_WITHIN_MS = 60_000;
/** "Back" means within 10% of the price before the jump (books re-open a pulled price a tick off). */
export const SPIKE_RETURN_TOLERANCE = 0.1;

/**
 * A book is off consensus when its implied probability is more than 40% above or below the median of the
 * other books' (ratio) AND at least 3 points away: long shots differ a lot in ratio but little in
 * probability between honest books, favourites the other way round; both conditions keep either from flagging.
 */
export const OFF_CONSENSUS_MAX_RATIO = 1.4;
export const OFF_CONSENSUS_MIN_GAP = 0.03;
/** Consensus needs at least this many other real books on the same selection and line. */
export const OFF_CONSENSUS_MIN_BOOKS = 3;

export type AnomalyKind = "spike" | "off-consensus";

export interface AnomalyFlag {
  quote: Quote;
  kind: AnomalyKind;
  /** In words, for the page: "2.00 -> 3.40 and back within 40 s", "3.80 against a median of 2.10". */
  detail: string;
}

/** One book's prices for one selection at one line: the series both checks walk. */
function seriesKey(q: Quote): string {
  return `${q.gameId}|${q.market}|${q.period}|${q.selection}|${q.line}|${q.bookmaker.key}`;
}

const relativeJump = (from: number, to: number) => Math.abs(to - from) / Math.min(from, to);
const priced = (q: Quote): q is Quote & { price: number } => q.price !== null && q.price > 1;

/** Spikes in timed histories: a jump of SPIKE_MIN_JUMP that the next snapshot undoes within a minute. */
export function detectSpikes(quotes: Quote[]): AnomalyFlag[] {
  const series = new Map<string, (Quote & { price: number; capturedAt: Date })[]>();
  for (const q of quotes) {
    if (!q.capturedAt || !priced(q)) continue;
    const key = seriesKey(q);
    const list = series.get(key);
    const timed = q as Quote & { price: number; capturedAt: Date };
    if (list) list.push(timed);
    else series.set(key, [timed]);
  }
  const flags: AnomalyFlag[] = [];
  for (const list of series.values()) {
    list.sort((a, b) => a.capturedAt.getTime() - b.capturedAt.getTime());
    for (let i = 1; i + 1 < list.length; i++) {
      const [before, jump, after] = [list[i - 1]!, list[i]!, list[i + 1]!];
      if (relativeJump(before.price, jump.price) < SPIKE_MIN_JUMP) continue;
      const back = after.capturedAt.getTime() - jump.capturedAt.getTime();
      if (back > SPIKE_RETURN_WITHIN_MS) continue;
      if (Math.abs(after.price - before.price) / before.price > SPIKE_RETURN_TOLERANCE) continue;
      flags.push({
        quote: jump,
        kind: "spike",
        detail: `${before.price.toFixed(2)} -> ${jump.price.toFixed(2)} and back within ${Math.round(back / 1000)} s`,
      });
    }
  }
  return flags;
}

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/**
 * Books far from the consensus of the prices known at `asOf` (null: each game's kick-off): each real book's
 * latest price per selection and line is compared with the median of the other real books' latest prices.
 */
export function detectOffConsensus(quotes: Quote[], asOf: Date | null): AnomalyFlag[] {
  const latest = new Map<string, Quote & { price: number }>();
  for (const q of quotes) {
    if (!priced(q) || q.bookmaker.isAggregate) continue;
    const at = knownAt(q);
    if (at > (asOf ? asOf.getTime() : q.gameStartsAt.getTime())) continue;
    const key = seriesKey(q);
    const prev = latest.get(key);
    if (!prev || at > knownAt(prev)) latest.set(key, q);
  }
  const bySelection = new Map<string, (Quote & { price: number })[]>();
  for (const q of latest.values()) {
    const key = `${q.gameId}|${q.market}|${q.period}|${q.selection}|${q.line}`;
    const list = bySelection.get(key);
    if (list) list.push(q);
    else bySelection.set(key, [q]);
  }
  const flags: AnomalyFlag[] = [];
  for (const books of bySelection.values()) {
    if (books.length < OFF_CONSENSUS_MIN_BOOKS + 1) continue;
    for (const q of books) {
      const others = books.filter((b) => b !== q).map((b) => 1 / b.price);
      const consensus = median(others);
      const implied = 1 / q.price;
      const ratio = Math.max(implied / consensus, consensus / implied);
      if (ratio > OFF_CONSENSUS_MAX_RATIO && Math.abs(implied - consensus) >= OFF_CONSENSUS_MIN_GAP) {
        flags.push({ quote: q, kind: "off-consensus", detail: `${q.price.toFixed(2)} against a median of ${(1 / consensus).toFixed(2)} at other books` });
      }
    }
  }
  return flags;
}

/** Both checks over the prices known at `asOf` (null: each game's kick-off). */
export function detectAnomalies(quotes: Quote[], asOf: Date | null): AnomalyFlag[] {
  const cutoff = (q: Quote) => knownAt(q) <= (asOf ? asOf.getTime() : q.gameStartsAt.getTime());
  return [...detectSpikes(quotes.filter(cutoff)), ...detectOffConsensus(quotes, asOf)];
}

/**
 * The quotes scanners may trust: without flagged spikes, and without an off-consensus book's prices for that
 * selection and line up to the flagged one (its earlier prices would otherwise stand in as "latest").
 */
export function withoutAnomalies(quotes: Quote[], flags: AnomalyFlag[]): Quote[] {
  if (flags.length === 0) return quotes;
  const spikes = new Set(flags.filter((f) => f.kind === "spike").map((f) => f.quote));
  const distrusted = new Map<string, number>();
  for (const f of flags) {
    if (f.kind !== "off-consensus") continue;
    const key = seriesKey(f.quote);
    distrusted.set(key, Math.max(distrusted.get(key) ?? Number.NEGATIVE_INFINITY, knownAt(f.quote)));
  }
  return quotes.filter((q) => {
    if (spikes.has(q)) return false;
    const until = distrusted.get(seriesKey(q));
    return until === undefined || knownAt(q) > until;
  });
}
