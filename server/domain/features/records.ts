import { removeVig } from "../odds/vig";
import { asOpeningOrClosing, REFERENCE_BOOK_KEY, type TimedQuote } from "../quotes";
import type { Market, Selection } from "../vocabulary";
import type { MatchStats, ParsedBatch } from "../imports/types";
import { nbaFranchises } from "../teams/nba";
import { nflFranchises } from "../teams/nfl";
import type { GameInjuries } from "../injuries/known";

/** Decimal prices for one 1X2 or moneyline market; draw is null for two-way markets. */
export interface Prices {
  home: number;
  draw: number | null;
  away: number;
}

/**
 * One game as the model engine sees it, whichever way it arrived (a file or the database).
 * `closing` is the market the models are judged against; `opening` is what the market said before it,
 * the only prices market-aware features may use.
 */
export interface GameRecord {
  id: string;
  league: string;
  sport: string;
  season: number;
  startsAt: Date;
  home: string;
  away: string;
  homeScore: number | null;
  awayScore: number | null;
  neutral: boolean;
  roof: string | null;
  temperatureC: number | null;
  windKph: number | null;
  matchStats: MatchStats | null;
  opening: Prices | null;
  closing: Prices | null;
  /** Where the closing prices came from, stated beside every market figure. */
  closingSource: string | null;
  /**
   * Injury reports as known at the record's as-of time (kick-off for played games, the scoring moment for
   * upcoming ones); absent where none were collected (archives, files).
   */
  injuries?: GameInjuries;
}

export type Outcome = "HOME" | "DRAW" | "AWAY";

export function outcomeOf(g: GameRecord): Outcome | null {
  if (g.homeScore === null || g.awayScore === null) return null;
  return g.homeScore > g.awayScore ? "HOME" : g.homeScore < g.awayScore ? "AWAY" : "DRAW";
}

/** No-vig probabilities (normalised, as the reference figures are) in home, draw, away order. */
export function fairProbabilities(p: Prices): number[] {
  const prices = p.draw === null ? [p.home, p.away] : [p.home, p.draw, p.away];
  const fair = removeVig(prices, "multiplicative");
  return p.draw === null ? [fair[0]!, 0, fair[1]!] : fair;
}

// Books in order of preference for each role. Pinnacle's close is the sharpest reference there is.
const CLOSING_BOOKS = [REFERENCE_BOOK_KEY, "market-average", "betbrain-average", "nflverse-consensus", "sbr-nba", "bet365"];
const OPENING_BOOKS = [REFERENCE_BOOK_KEY, "market-average", "betbrain-average", "bet365", "william-hill"];

function pickPrices(odds: TimedQuote[], books: string[]): { prices: Prices; book: string } | null {
  for (const book of books) {
    const mine = odds.filter((o) => o.bookmaker.key === book && o.period === "FULL_GAME" && o.price !== null);
    const price = (s: Selection, market: Market) => mine.find((o) => o.selection === s && o.market === market)?.price ?? null;
    const threeWay = { home: price("HOME", "ONE_X_TWO"), draw: price("DRAW", "ONE_X_TWO"), away: price("AWAY", "ONE_X_TWO") };
    if (threeWay.home && threeWay.draw && threeWay.away) return { prices: threeWay as Prices, book };
    const twoWay = { home: price("HOME", "MONEYLINE"), away: price("AWAY", "MONEYLINE") };
    if (twoWay.home && twoWay.away) return { prices: { home: twoWay.home, draw: null, away: twoWay.away }, book };
  }
  return null;
}

/**
 * Opening and closing 1X2/moneyline prices of one game from its quotes. Timed snapshots from live
 * collection count by their capture time (first one opening, last before kick-off closing).
 */
export function marketOf(quotes: TimedQuote[]): Pick<GameRecord, "opening" | "closing" | "closingSource"> {
  const { opening: openingQuotes, closing: closingQuotes } = asOpeningOrClosing(quotes);
  const closing = pickPrices(closingQuotes, CLOSING_BOOKS);
  const opening = pickPrices(openingQuotes, OPENING_BOOKS);
  return { opening: opening?.prices ?? null, closing: closing?.prices ?? null, closingSource: closing?.book ?? null };
}

/** Franchise names where sources change spellings over time (OAK, LV); elsewhere the source's own. */
export function teamKey(league: ParsedBatch["games"][number]["league"], raw: string, season: number): string {
  const registry = league.naming === "nfl" ? nflFranchises : league.naming === "nba" ? nbaFranchises : null;
  const resolved = registry?.resolve(raw, season);
  return resolved?.kind === "team" ? resolved.name : raw.trim();
}

/** A file game's identity across the model engine and backtests: league, local date and both teams. */
export function recordKeyOf(g: ParsedBatch["games"][number]): { id: string; home: string; away: string } {
  const home = teamKey(g.league, g.home, g.season.startYear);
  const away = teamKey(g.league, g.away, g.season.startYear);
  return { id: `${g.league.key}:${g.localDate}:${home}:${away}`, home, away };
}

/**
 * Records from an importer's batch. Closing prices: Pinnacle's close first, then market averages; the
 * NBA archive's prices carry no phase and are used as closing (the source does not say).
 */
export function recordsFromBatch(batch: ParsedBatch): GameRecord[] {
  const oddsByGame = new Map<number, TimedQuote[]>();
  for (const o of batch.odds) {
    const list = oddsByGame.get(o.game) ?? [];
    list.push({ ...o, capturedAt: null });
    oddsByGame.set(o.game, list);
  }
  return batch.games
    .filter((g) => g.status !== "CANCELLED" && g.status !== "POSTPONED")
    .map((g) => {
      const index = batch.games.indexOf(g);
      const { id, home, away } = recordKeyOf(g);
      return {
        id,
        league: g.league.key,
        sport: g.league.sport.key,
        season: g.season.startYear,
        startsAt: g.startsAt,
        home,
        away,
        homeScore: g.homeScore,
        awayScore: g.awayScore,
        neutral: g.neutralSite,
        roof: g.roof,
        temperatureC: g.temperatureC,
        windKph: g.windKph,
        matchStats: g.matchStats,
        ...marketOf(oddsByGame.get(index) ?? []),
      };
    });
}
