import { removeVig } from "../odds/vig";
import { byReference, knownAt, type Quote } from "../quotes";
import { SELECTIONS, type Market, type Selection } from "../vocabulary";
import type { PriceFact, SelectionOddsFact, WinnerSelectionKey } from "./facts";

/**
 * The odds part of the analyst's facts from a game's stored prices, as they stood at `asOf`: a price counts only
 * once it was known (quotes.ts `knownAt`), so a closing archive line or a snapshot taken later never reaches the
 * prompt. Opening and "now" come from one reference book (the first in the product's reference order that prices
 * every selection now), "best" from any book one can bet at.
 */
export function oddsFactsOf(
  quotes: Quote[],
  market: Market,
  selections: readonly WinnerSelectionKey[],
  asOf: Date,
): { referenceBook: string | null; odds: SelectionOddsFact[] } {
  const codes = selections.map((key) => (Object.keys(SELECTIONS) as Selection[]).find((s) => SELECTIONS[s].key === key)!);
  const known = quotes.filter((q) => q.market === market && q.period === "FULL_GAME" && q.price !== null && q.price > 1 && knownAt(q) <= asOf.getTime());
  // Archive opening lines have no time: they rank before every timed price.
  const time = (q: Quote) => q.capturedAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  const latest = new Map<string, Quote>();
  const opening = new Map<string, Quote>();
  for (const q of known) {
    const key = `${q.bookmaker.id}|${q.selection}`;
    const l = latest.get(key);
    if (!l || time(q) > time(l)) latest.set(key, q);
    const o = opening.get(key);
    const isOpening = (x: Quote) => x.phase === "OPENING";
    if (!o || (isOpening(q) && !isOpening(o)) || (isOpening(q) === isOpening(o) && time(q) < time(o))) opening.set(key, q);
  }
  const books = byReference([...new Map(known.map((q) => [q.bookmaker.id, q])).values()]).map((q) => q.bookmaker);
  const reference = books.find((b) => !b.isAggregate && codes.every((s) => latest.has(`${b.id}|${s}`))) ?? null;
  let fair: number[] | null = null;
  if (reference) fair = removeVig(codes.map((s) => latest.get(`${reference.id}|${s}`)!.price!), "multiplicative");
  const fact = (q: Quote | undefined): PriceFact | null =>
    q ? { price: q.price!, bookmaker: q.bookmaker.name, at: q.capturedAt ? q.capturedAt.toISOString() : null } : null;
  const odds = codes.map((s, i): SelectionOddsFact => {
    let best: Quote | undefined;
    for (const b of books) {
      const q = latest.get(`${b.id}|${s}`);
      if (q && !b.isAggregate && (!best || q.price! > best.price!)) best = q;
    }
    return {
      selection: selections[i]!,
      opening: reference ? fact(opening.get(`${reference.id}|${s}`)) : null,
      now: reference ? fact(latest.get(`${reference.id}|${s}`)) : null,
      best: fact(best),
      // Four decimals: enough for the analyst, and keeps the prompt's text short and stable.
      fairNow: fair ? Math.round(fair[i]! * 10_000) / 10_000 : null,
    };
  });
  return { referenceBook: reference?.name ?? null, odds: known.length ? odds : [] };
}
