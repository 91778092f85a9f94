import { BOOKMAKERS } from "../imports/catalogue";
import type { BookmakerRef } from "../imports/types";

/**
 * The Odds API's keys of books the archives also carry, mapped to the catalogue's keys: a book is stored once
 * whichever source saw it first, with the catalogue's name and sharp/aggregate flags (Pinnacle is the sharp
 * reference for value scans). One-to-one on purpose: two feed keys made one book would put the same price
 * twice into one pass (Betfair's EU exchange key and Caesars' US key stay apart).
 */
const CATALOGUE_KEY_OF: Readonly<Record<string, string>> = {
  pinnacle: "pinnacle",
  bet365: "bet365",
  williamhill: "william-hill",
  betvictor: "betvictor",
  paddypower: "paddy-power",
  skybet: "sky-bet",
  coral: "coral",
  ladbrokes_uk: "ladbrokes",
  betfair_sb_uk: "betfair",
  betfair_ex_uk: "betfair-exchange",
  onexbet: "1xbet",
  betmgm: "betmgm",
};

const ODDS_API_KEY_OF = new Map(Object.entries(CATALOGUE_KEY_OF).map(([feed, catalogue]) => [catalogue, feed]));
const CATALOGUE = new Map<string, BookmakerRef>(Object.values(BOOKMAKERS).map((b) => [b.key, b]));

/** The book to store for a feed's bookmaker: the catalogue's when it is one of them, else the feed's key and title. */
export function bookmakerOfOddsApi(key: string, title: string): BookmakerRef {
  // Books without an Odds API key reach us from the replay as the archive key with underscores.
  const known = CATALOGUE.get(CATALOGUE_KEY_OF[key] ?? key.replace(/_/g, "-"));
  if (known && !known.isAggregate) return known;
  return { key, name: title, isSharp: false, isAggregate: false };
}

/** The Odds API key under which the replay serves a catalogue book (the inverse of bookmakerOfOddsApi). */
export function oddsApiKeyOf(catalogueKey: string): string {
  return ODDS_API_KEY_OF.get(catalogueKey) ?? catalogueKey.replace(/-/g, "_");
}
