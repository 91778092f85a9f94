import type { BookmakerRef, ParsedBatch, ParsedGame, ParsedOdds } from "@/server/domain/imports";
import { oddsApiKeyOf } from "@/server/domain/collectors/odds-api-books";
import { nflFranchises } from "@/server/domain/teams/nfl";
import { nbaFranchises } from "@/server/domain/teams/nba";
import { MARKETS, type Market, type Selection } from "@/server/domain/vocabulary";

/**
 * The replay's feed (pure): archive games, as the importers read them, turned into what a live provider
 * would say about them at a given archive moment. A game is listed from 48 h before kick-off; until an hour
 * before kick-off its books show the archive's opening prices, from then the closing prices (a market the
 * archive has no closing prices for keeps its opening ones); it leaves the odds feed at kick-off and gets its
 * final score once a game of its sport would be over. Times given to clients are real-time images
 * (`toReal`), so every poll agrees on them.
 */

export const LISTED_BEFORE_MS = 48 * 3_600_000;
export const CLOSING_FROM_MS = 3_600_000;
const SOCCER_DURATION_MS = 2 * 3_600_000;
const US_DURATION_MS = 3.5 * 3_600_000;
// Soccer's half-time score is known 45 minutes plus a 15-minute break after kick-off.
const HALF_TIME_KNOWN_MS = 60 * 60_000;

export type OddsApiMarketKey = "h2h" | "spreads" | "totals";
export type OddsApiRegion = "us" | "uk" | "eu" | "au";

export interface ReplaySport {
  /** The Odds API's sport key ("soccer_epl"). */
  key: string;
  group: string;
  title: string;
  description: string;
  /** ESPN's path below /apis/site/v2/sports/ ("soccer/eng.1"). */
  espn: { sport: string; league: string; name: string; abbreviation: string };
  /** Minutes from kick-off until the result is final. */
  durationMs: number;
}

// Sport keys as The Odds API spells them, per the product's league keys (server/domain/imports/catalogue.ts).
const SPORTS: Record<string, ReplaySport> = {
  "eng-premier-league": soccer("soccer_epl", "EPL", "English Premier League", "eng.1", "English Premier League", "EPL"),
  "eng-championship": soccer(
    "soccer_efl_champ",
    "Championship",
    "EFL Championship",
    "eng.2",
    "English League Championship",
    "ELC",
  ),
  "esp-la-liga": soccer(
    "soccer_spain_la_liga",
    "La Liga - Spain",
    "Spanish Soccer",
    "esp.1",
    "Spanish LALIGA",
    "LALIGA",
  ),
  "ger-bundesliga": soccer(
    "soccer_germany_bundesliga",
    "Bundesliga - Germany",
    "German Soccer",
    "ger.1",
    "German Bundesliga",
    "BUN",
  ),
  "ita-serie-a": soccer(
    "soccer_italy_serie_a",
    "Serie A - Italy",
    "Italian Soccer",
    "ita.1",
    "Italian Serie A",
    "SERIE A",
  ),
  "fra-ligue-1": soccer(
    "soccer_france_ligue_one",
    "Ligue 1 - France",
    "French Soccer",
    "fra.1",
    "French Ligue 1",
    "LIGUE 1",
  ),
  nfl: {
    key: "americanfootball_nfl",
    group: "American Football",
    title: "NFL",
    description: "US Football",
    espn: { sport: "football", league: "nfl", name: "National Football League", abbreviation: "NFL" },
    durationMs: US_DURATION_MS,
  },
  nba: {
    key: "basketball_nba",
    group: "Basketball",
    title: "NBA",
    description: "US Basketball",
    espn: { sport: "basketball", league: "nba", name: "National Basketball Association", abbreviation: "NBA" },
    durationMs: US_DURATION_MS,
  },
};

function soccer(
  key: string,
  title: string,
  description: string,
  espnLeague: string,
  name: string,
  abbreviation: string,
): ReplaySport {
  return {
    key,
    group: "Soccer",
    title,
    description,
    espn: { sport: "soccer", league: espnLeague, name, abbreviation },
    durationMs: SOCCER_DURATION_MS,
  };
}

/** The Odds API sport of a product league key, or null when the replay does not serve that league. */
export function replaySportOf(leagueKey: string): ReplaySport | null {
  return Object.hasOwn(SPORTS, leagueKey) ? SPORTS[leagueKey]! : null;
}

export interface OddsApiBook {
  key: string;
  title: string;
  region: OddsApiRegion;
}

// Titles and regions under which the replay serves archive books; keys come from the one mapping in
// server/domain/collectors/odds-api-books.ts, so collecting the replay stores the archives' own books.
const ODDS_API_TITLES: Record<string, Omit<OddsApiBook, "key">> = {
  pinnacle: { title: "Pinnacle", region: "eu" },
  bet365: { title: "Bet365", region: "uk" },
  "william-hill": { title: "William Hill", region: "uk" },
  betvictor: { title: "Bet Victor", region: "uk" },
  "paddy-power": { title: "Paddy Power", region: "uk" },
  "sky-bet": { title: "Sky Bet", region: "uk" },
  coral: { title: "Coral", region: "uk" },
  ladbrokes: { title: "Ladbrokes", region: "uk" },
  betfair: { title: "Betfair Sportsbook", region: "uk" },
  "betfair-exchange": { title: "Betfair", region: "uk" },
  "1xbet": { title: "1xBet", region: "eu" },
  betmgm: { title: "BetMGM", region: "us" },
};

/** The Odds API identity of an archive bookmaker; null for aggregates (market average, consensus lines), which nobody can bet at. */
export function oddsApiBookOf(book: BookmakerRef): OddsApiBook | null {
  if (book.isAggregate) return null;
  return { key: oddsApiKeyOf(book.key), ...(ODDS_API_TITLES[book.key] ?? { title: book.name, region: "eu" }) };
}

export interface FeedOutcome {
  name: string;
  price: number;
  point?: number;
}

export interface ReplayTeam {
  name: string;
  abbreviation: string;
  espnId: string;
}

/** One market at one book as the archive has it: complete sets of outcomes per phase. */
export interface ReplayMarket {
  book: OddsApiBook;
  key: OddsApiMarketKey;
  opening: FeedOutcome[] | null;
  closing: FeedOutcome[] | null;
}

export interface ReplayGame {
  /** The Odds API-style event id (32 hex digits), stable for the same archive game. */
  id: string;
  /** ESPN-style numeric event id. */
  espnId: string;
  sport: ReplaySport;
  /** The product's league key ("eng-premier-league"). */
  league: string;
  /** Archive kick-off. */
  kickoff: Date;
  home: ReplayTeam;
  away: ReplayTeam;
  homeScore: number | null;
  awayScore: number | null;
  halfTime: { home: number; away: number } | null;
  markets: ReplayMarket[];
}

export interface ReplayGames {
  games: ReplayGame[];
  /** Why games were left out (unserved league, no start time). */
  skipped: string[];
}

const ODDS_API_MARKET: Partial<Record<Market, OddsApiMarketKey>> = {
  ONE_X_TWO: "h2h",
  MONEYLINE: "h2h",
  SPREAD: "spreads",
  TOTAL: "totals",
};

/**
 * The games of an importer's batch that the replay can serve (of one season, when given: nflverse's file
 * holds every season), with their prices grouped per book and market.
 */
export function replayGamesFromBatch(batch: ParsedBatch, { season }: { season?: number } = {}): ReplayGames {
  const skipped: string[] = [];
  const pricesByGame = new Map<number, ParsedOdds[]>();
  for (const o of batch.odds) {
    const list = pricesByGame.get(o.game) ?? [];
    list.push(o);
    pricesByGame.set(o.game, list);
  }
  const games: ReplayGame[] = [];
  batch.games.forEach((g, index) => {
    if (season !== undefined && g.season.startYear !== season) return;
    const sport = replaySportOf(g.league.key);
    if (!sport) {
      skipped.push(`line ${g.line}: league ${g.league.key} is not served by the replay`);
      return;
    }
    if (!g.startTimeKnown) {
      skipped.push(`line ${g.line}: ${g.home} v ${g.away} has no kick-off time`);
      return;
    }
    const home = team(g, g.home);
    const away = team(g, g.away);
    const identity = `${g.league.key}|${g.startsAt.toISOString()}|${g.home}|${g.away}`;
    const h1 = g.periodScores?.find((p) => p.period === "H1");
    games.push({
      id: hexId(identity),
      espnId: String(400_000_000 + (fnv1a(identity, 0x9e3779b9) % 99_999_999)),
      sport,
      league: g.league.key,
      kickoff: g.startsAt,
      home,
      away,
      homeScore: g.homeScore,
      awayScore: g.awayScore,
      halfTime: h1 ? { home: h1.home, away: h1.away } : null,
      markets: marketsOf(pricesByGame.get(index) ?? [], home.name, away.name),
    });
  });
  games.sort((a, b) => a.kickoff.getTime() - b.kickoff.getTime() || a.id.localeCompare(b.id));
  return { games, skipped };
}

function team(game: ParsedGame, raw: string): ReplayTeam {
  const registry = game.league.naming === "nfl" ? nflFranchises : game.league.naming === "nba" ? nbaFranchises : null;
  const resolved = registry?.resolve(raw, game.season.startYear);
  if (resolved?.kind === "team") {
    return {
      name: resolved.name,
      abbreviation: resolved.abbreviation ?? abbreviate(resolved.name),
      espnId: teamId(resolved.name),
    };
  }
  return { name: raw, abbreviation: abbreviate(raw), espnId: teamId(raw) };
}

const abbreviate = (name: string) => (name.replace(/[^A-Za-z]/g, "").slice(0, 3) || "TBD").toUpperCase();
const teamId = (name: string) => String(1 + (fnv1a(name, 0x811c9dc5) % 99_999));

function marketsOf(odds: ParsedOdds[], home: string, away: string): ReplayMarket[] {
  type Side = { price: number; line: number | null };
  const groups = new Map<
    string,
    { book: OddsApiBook; market: Market; opening: Map<Selection, Side>; closing: Map<Selection, Side> }
  >();
  for (const o of odds) {
    const book = oddsApiBookOf(o.bookmaker);
    if (!book || o.period !== "FULL_GAME" || o.price === null || !ODDS_API_MARKET[o.market]) continue;
    if (o.phase !== "OPENING" && o.phase !== "CLOSING" && o.phase !== "UNSPECIFIED") continue;
    const id = `${book.key}|${o.market}`;
    const group = groups.get(id) ?? { book, market: o.market, opening: new Map(), closing: new Map() };
    groups.set(id, group);
    // Unlabelled archive prices are what the market closed at as far as anyone can tell.
    const side = o.phase === "OPENING" ? group.opening : group.closing;
    // The first column wins when a file states a price twice (Pinnacle's "PSH" and "PH").
    if (!side.has(o.selection)) side.set(o.selection, { price: o.price, line: o.line });
  }
  const outcomeName = (s: Selection) => ({ HOME: home, AWAY: away, DRAW: "Draw", OVER: "Over", UNDER: "Under" })[s];
  const outcomes = (market: Market, sides: Map<Selection, Side>): FeedOutcome[] | null => {
    const selections = MARKETS[market].selections as readonly Selection[];
    if (!selections.every((s) => sides.has(s))) return null;
    const hasLine = MARKETS[market].hasLine;
    if (hasLine && selections.some((s) => sides.get(s)!.line === null)) return null;
    return selections.map((s) => {
      const { price, line } = sides.get(s)!;
      return hasLine ? { name: outcomeName(s), price, point: line! } : { name: outcomeName(s), price };
    });
  };
  const markets: ReplayMarket[] = [];
  for (const g of groups.values()) {
    const opening = outcomes(g.market, g.opening);
    const closing = outcomes(g.market, g.closing);
    if (opening || closing) markets.push({ book: g.book, key: ODDS_API_MARKET[g.market]!, opening, closing });
  }
  return markets;
}

export interface FeedMarket {
  key: OddsApiMarketKey;
  /** Real time. */
  lastUpdate: Date;
  outcomes: FeedOutcome[];
}

export interface FeedBookmaker {
  key: string;
  title: string;
  region: OddsApiRegion;
  /** Real time: the latest of its markets'. */
  lastUpdate: Date;
  markets: FeedMarket[];
}

export type FeedState = "pre" | "in" | "post";

export interface FeedEvent {
  game: ReplayGame;
  /** Real-time image of the archive kick-off. */
  commenceTime: Date;
  state: FeedState;
  completed: boolean;
  /** Known score: the final one once completed, soccer's half-time score during the second half, else null. */
  scores: { home: number; away: number } | null;
  /** Real time the score was last updated, null without a score. */
  scoresUpdatedAt: Date | null;
  /** Which archive prices the books show now; null from kick-off (the odds feed no longer lists the game). */
  pricePhase: "opening" | "closing" | null;
  bookmakers: FeedBookmaker[];
}

export type ToReal = (archive: Date) => Date;

/** Whether the replay lists a game at an archive moment: from 48 h before kick-off on. */
export function isListed(game: ReplayGame, archiveNow: Date): boolean {
  return archiveNow.getTime() >= game.kickoff.getTime() - LISTED_BEFORE_MS;
}

/** What a live provider would say about one game at `archiveNow` (listed or not: ESPN shows schedules early). */
export function feedEventAt(game: ReplayGame, archiveNow: Date, toReal: ToReal): FeedEvent {
  const now = archiveNow.getTime();
  const kickoff = game.kickoff.getTime();
  const at = (ms: number) => toReal(new Date(ms));
  const base = { game, commenceTime: toReal(game.kickoff) };
  if (now < kickoff) {
    const closingFrom = kickoff - CLOSING_FROM_MS;
    const phase = now >= closingFrom ? "closing" : "opening";
    const openedAt = at(kickoff - LISTED_BEFORE_MS);
    const bookmakers = new Map<string, FeedBookmaker>();
    for (const m of game.markets) {
      const useClosing = phase === "closing" && m.closing !== null;
      const outcomes = useClosing ? m.closing : (m.opening ?? null);
      // A market the archive knows only at the close appears when the close does.
      if (!outcomes) continue;
      const lastUpdate = useClosing ? at(closingFrom) : openedAt;
      const book = bookmakers.get(m.book.key) ?? { ...m.book, lastUpdate, markets: [] };
      if (lastUpdate > book.lastUpdate) book.lastUpdate = lastUpdate;
      book.markets.push({ key: m.key, lastUpdate, outcomes: outcomes.map((o) => ({ ...o })) });
      bookmakers.set(m.book.key, book);
    }
    return {
      ...base,
      state: "pre",
      completed: false,
      scores: null,
      scoresUpdatedAt: null,
      pricePhase: phase,
      bookmakers: [...bookmakers.values()],
    };
  }
  const final = kickoff + game.sport.durationMs;
  if (now >= final && game.homeScore !== null && game.awayScore !== null) {
    return {
      ...base,
      state: "post",
      completed: true,
      scores: { home: game.homeScore, away: game.awayScore },
      scoresUpdatedAt: at(final),
      pricePhase: null,
      bookmakers: [],
    };
  }
  const halfTimeAt = kickoff + HALF_TIME_KNOWN_MS;
  const halfTime = game.halfTime && now >= halfTimeAt ? game.halfTime : null;
  return {
    ...base,
    state: "in",
    completed: false,
    scores: halfTime ? { ...halfTime } : null,
    scoresUpdatedAt: halfTime ? at(halfTimeAt) : null,
    pricePhase: null,
    bookmakers: [],
  };
}

/** Every game listed at `archiveNow`, in kick-off order. */
export function replayFeedAt(games: readonly ReplayGame[], archiveNow: Date, toReal: ToReal): FeedEvent[] {
  return games.filter((g) => isListed(g, archiveNow)).map((g) => feedEventAt(g, archiveNow, toReal));
}

// FNV-1a over UTF-16 code units: a stable, dependency-free hash for ids (not for security).
function fnv1a(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

function hexId(text: string): string {
  return [0x811c9dc5, 0x9e3779b9, 0x85ebca6b, 0xc2b2ae35]
    .map((seed) => fnv1a(text, seed).toString(16).padStart(8, "0"))
    .join("");
}
