import { gradeBet, type Outcome } from "../odds/grading";
import { removeVig } from "../odds/vig";
import { asOpeningOrClosing, REFERENCE_BOOK_KEY } from "../quotes";
import { DEFAULT_TIERS, type Strategy, type Tiers } from "../strategies/schema";
import { FIELDS, RESULT_VALUES, ROLE_VALUES, TIER_VALUES, type ColumnTable } from "../strategies/fields";
import {
  MARKET_CODES,
  MARKET_KEYS,
  MARKETS,
  marketFromKey,
  SELECTION_CODES,
  winnerMarketOf,
  SELECTION_KEYS,
  selectionsOf,
  type Market,
  type MarketKey,
  type Selection,
} from "../vocabulary";
import type { BacktestGame, BacktestQuote } from "./games";

/**
 * The columns a backtest reads, computed once per dataset and "view" (markets, probability source, price
 * source, decision time) and cached, so a sweep of 1,000 variants that differ in thresholds or staking only
 * evaluates rules over typed arrays: no quote is looked at twice and no model runs inside a sweep.
 *
 * Look-ahead is impossible by construction here: the decision columns (price, probability, edge, Pinnacle's
 * probability) are built only from the quotes of the decision phase (opening prices when deciding at the
 * opening, the last price at or before kick-off when deciding at the close) and from walk-forward model
 * predictions; closing prices and results go only to the "after" columns a condition may not use.
 */

/** Model probabilities per game id, as walk-forward evaluation produced them (trained on earlier seasons). */
export type ModelProbabilities = ReadonlyMap<string, { home: number; draw: number | null; away: number }>;

export interface PreparedData {
  /** In kick-off order. */
  games: BacktestGame[];
  /** Every UTC calendar date on which a game kicks off, in order. */
  dates: string[];
  gameDay: Int32Array;
  /** Days since each side's previous game in the same league (NaN for its first). */
  restHome: Float64Array;
  restAway: Float64Array;
  leagues: string[];
  seasons: number[];
  /** Walk-forward predictions by model name. */
  models: ReadonlyMap<string, ModelProbabilities>;
  /** Each game's opening and closing quotes by market (timed snapshots resolved by capture time). */
  opening: Map<Market, BacktestQuote[]>[];
  closing: Map<Market, BacktestQuote[]>[];
  /** Keys of aggregate "books" (market maximum/average) per game. */
  aggregates: Set<string>[];
  /** Signal tier thresholds for strategies that set none (the system settings when the data was prepared). */
  tiers: Tiers;
  views: Map<string, View>;
}

export const utcDate = (d: Date) => d.toISOString().slice(0, 10);
const DAY_MS = 86_400_000;

/**
 * `tiers`: the system's signal tier thresholds (server/services/system-settings); services pass them, and only
 * callers without settings (benchmarks, unit tests) take the built-in defaults.
 */
export function prepareData(
  input: BacktestGame[],
  models: ReadonlyMap<string, ModelProbabilities> = new Map(),
  tiers: Tiers = DEFAULT_TIERS,
): PreparedData {
  const games = [...input].sort(
    (a, b) => a.startsAt.getTime() - b.startsAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const dates: string[] = [];
  const gameDay = new Int32Array(games.length);
  const restHome = new Float64Array(games.length).fill(Number.NaN);
  const restAway = new Float64Array(games.length).fill(Number.NaN);
  const lastPlayed = new Map<string, number>();
  const opening: Map<Market, BacktestQuote[]>[] = [];
  const closing: Map<Market, BacktestQuote[]>[] = [];
  const aggregates: Set<string>[] = [];
  games.forEach((g, i) => {
    const date = utcDate(g.startsAt);
    if (dates.at(-1) !== date) dates.push(date);
    gameDay[i] = dates.length - 1;
    const t = g.startsAt.getTime();
    for (const [team, rest] of [
      [g.home, restHome],
      [g.away, restAway],
    ] as const) {
      const key = `${g.league}|${team}`;
      const previous = lastPlayed.get(key);
      if (previous !== undefined) rest[i] = Math.floor((t - previous) / DAY_MS);
      lastPlayed.set(key, t);
    }
    const split = asOpeningOrClosing(g.quotes);
    opening.push(byMarket(split.opening));
    closing.push(byMarket(split.closing));
    aggregates.push(new Set(g.quotes.filter((q) => q.bookmaker.isAggregate).map((q) => q.bookmaker.key)));
  });
  return {
    games,
    dates,
    gameDay,
    restHome,
    restAway,
    leagues: [...new Set(games.map((g) => g.league))].sort(),
    seasons: [...new Set(games.map((g) => g.season))].sort((a, b) => a - b),
    models,
    opening,
    closing,
    aggregates,
    tiers,
    views: new Map(),
  };
}

function byMarket(quotes: BacktestQuote[]): Map<Market, BacktestQuote[]> {
  const out = new Map<Market, BacktestQuote[]>();
  for (const q of quotes) {
    const list = out.get(q.market);
    if (list) list.push(q);
    else out.set(q.market, [q]);
  }
  return out;
}

/** What a view depends on: the strategy's fields that decide which prices and probabilities are read. */
export type ViewKey = Pick<Strategy, "markets" | "probability" | "price" | "decideAt"> & {
  inverse: boolean;
  bookmakers: string[] | null;
  tiers: Tiers;
};

/** `defaultTiers` apply when the strategy sets no tiers of its own (normally `data.tiers`). */
export function viewKeyOf(s: Strategy, defaultTiers: Tiers): ViewKey {
  return {
    markets: [...s.markets].sort(),
    probability: s.probability,
    price: s.price,
    decideAt: s.decideAt,
    inverse: s.inverse ?? false,
    bookmakers: s.bookmakers ? [...s.bookmakers].sort() : null,
    tiers: s.tiers ?? defaultTiers,
  };
}

/** A view's columns as plain typed arrays: what a sweep worker is sent (structured-clone friendly). */
export interface ViewColumns {
  key: ViewKey;
  length: number;
  game: Int32Array;
  day: Int32Array;
  win: Float64Array;
  loss: Float64Array;
  selectionRank: Int32Array;
  bettable: number;
  numbers: Record<string, Float64Array>;
  codes: Record<string, Int32Array>;
  dictionaries: Record<string, string[]>;
}

/** One candidate bet per row: a selection of a game's market at the line most books quoted. */
export interface View extends ColumnTable {
  readonly columns: ViewColumns;
  readonly key: ViewKey;
  /** Game index (into PreparedData.games) and date index of each row. */
  readonly game: Int32Array;
  readonly day: Int32Array;
  /** Stake shares won and lost on the final score (half outcomes on quarter lines); NaN without a result. */
  readonly win: Float64Array;
  readonly loss: Float64Array;
  /** Tie order of selections for "best-per-game": home, draw, away, over, under. */
  readonly selectionRank: Int32Array;
  /** How many rows have a price, a probability and a result: the candidates any strategy can bet. */
  readonly bettable: number;
}

const NUMBER_COLUMNS = [
  "edge",
  "probability",
  "price",
  "impliedProbability",
  "marketProbability",
  "season",
  "line",
  "hoursToKickoff",
  "restDays",
  "playersOut",
  "opponentPlayersOut",
  "quarterbackOut",
  "temperatureC",
  "windKph",
  "closingPrice",
  "closingProbability",
  "clv",
] as const;
const CODE_COLUMNS = ["selection", "market", "role", "tier", "league", "bookmaker", "roof", "result"] as const;

const OUTCOME_SHARES: Record<Outcome, [number, number]> = {
  win: [1, 0],
  "half-win": [0.5, 0],
  push: [0, 0],
  "half-loss": [0, 0.5],
  loss: [0, 1],
};

/** Spread quotes state the selected side's handicap; group both sides under the home side's line. */
function groupKey(q: BacktestQuote): string {
  if (q.market === "SPREAD") return String(q.selection === "AWAY" ? -(q.line ?? 0) || 0 : (q.line ?? 0));
  if (q.market === "TOTAL") return String(q.line ?? "");
  return "";
}

/** The line group most books quoted for a market (ties: the first seen), or null when nobody priced it. */
function mainGroup(quotes: BacktestQuote[], market: Market): string | null {
  const books = new Map<string, Set<string>>();
  for (const q of quotes) {
    if (q.market !== market) continue;
    const k = groupKey(q);
    const set = books.get(k) ?? new Set<string>();
    set.add(q.bookmaker.key);
    books.set(k, set);
  }
  let best: string | null = null;
  let most = 0;
  for (const [k, set] of books) if (set.size > most) [best, most] = [k, set.size];
  return best;
}

type PriceTable = Map<string, Map<Selection, number>>;

/** Prices by book and selection within one market's line group (a timed book's last quote wins). */
function pricesIn(quotes: BacktestQuote[], market: Market, group: string): PriceTable {
  const table: PriceTable = new Map();
  for (const q of quotes) {
    if (q.market !== market || groupKey(q) !== group) continue;
    const row = table.get(q.bookmaker.key) ?? new Map<Selection, number>();
    row.set(q.selection, q.price);
    table.set(q.bookmaker.key, row);
  }
  return table;
}

/** A book's multiplicative no-vig probabilities when it priced every selection of the market. */
function noVig(
  row: Map<Selection, number> | undefined,
  selections: readonly Selection[],
): Map<Selection, number> | null {
  if (!row) return null;
  const prices = selections.map((s) => row.get(s));
  if (prices.some((p) => p === undefined || !(p > 1))) return null;
  const fair = removeVig(prices as number[], "multiplicative");
  return new Map(selections.map((s, i) => [s, fair[i]!]));
}

/** Mean of each individual book's own no-vig probabilities, over the books that price every selection. */
function consensus(
  table: PriceTable,
  aggregates: Set<string>,
  selections: readonly Selection[],
): Map<Selection, number> | null {
  const sums = new Map<Selection, number>(selections.map((s) => [s, 0]));
  let books = 0;
  for (const [book, row] of table) {
    if (aggregates.has(book)) continue;
    const fair = noVig(row, selections);
    if (!fair) continue;
    books++;
    for (const s of selections) sums.set(s, sums.get(s)! + fair.get(s)!);
  }
  return books === 0 ? null : new Map(selections.map((s) => [s, sums.get(s)! / books]));
}

interface Taken {
  price: number;
  book: string;
}

function takePrice(table: PriceTable, selection: Selection, key: ViewKey, aggregates: Set<string>): Taken | null {
  if (key.price === "pinnacle" || key.price.startsWith("book:")) {
    const book = key.price === "pinnacle" ? REFERENCE_BOOK_KEY : key.price.slice(5);
    const price = table.get(book)?.get(selection);
    return price ? { price, book } : null;
  }
  let best: Taken | null = null;
  for (const [book, row] of table) {
    if (aggregates.has(book) || (key.bookmakers && !key.bookmakers.includes(book))) continue;
    const price = row.get(selection);
    if (price && (!best || price > best.price)) best = { price, book };
  }
  return best;
}

/** When the chosen price was captured (live snapshots only; archives carry no capture time). */
function capturedAtOf(
  quotes: BacktestQuote[],
  market: Market,
  group: string,
  book: string,
  selection: Selection,
): Date | null {
  let at: Date | null = null;
  for (const q of quotes) {
    if (
      q.market === market &&
      q.bookmaker.key === book &&
      q.selection === selection &&
      groupKey(q) === group &&
      q.capturedAt
    ) {
      if (!at || q.capturedAt > at) at = q.capturedAt;
    }
  }
  return at;
}

function tierOf(p: number, tiers: Tiers): number {
  if (!(p >= 0)) return -1;
  return p >= tiers.a ? 0 : p >= tiers.b ? 1 : p >= tiers.c ? 2 : 3;
}

function lineOf(market: Market, selection: Selection, group: string): number {
  if (market === "SPREAD") return selection === "AWAY" ? -Number(group) || 0 : Number(group);
  if (market === "TOTAL") return Number(group);
  return Number.NaN;
}

class Dictionary {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();
  constructor(fixed: readonly string[] = []) {
    fixed.forEach((v) => this.code(v));
  }
  code(value: string | null): number {
    if (value === null) return -1;
    let c = this.index.get(value);
    if (c === undefined) {
      c = this.values.length;
      this.values.push(value);
      this.index.set(value, c);
    }
    return c;
  }
}

/** The view's columns, from the data's cache or built now. */
export function viewOf(data: PreparedData, key: ViewKey): View {
  const id = JSON.stringify(key);
  let view = data.views.get(id);
  if (!view) {
    view = buildView(data, key);
    data.views.set(id, view);
  }
  return view;
}

function buildView(data: PreparedData, key: ViewKey): View {
  const markets = key.markets
    .map((m) => marketFromKey(m)!)
    .sort((a, b) => MARKET_CODES.indexOf(a) - MARKET_CODES.indexOf(b));
  const model = key.probability.startsWith("model:") ? (data.models.get(key.probability.slice(6)) ?? null) : null;
  const numbers: Record<string, number[]> = Object.fromEntries(NUMBER_COLUMNS.map((c) => [c, []]));
  const codes: Record<string, number[]> = Object.fromEntries(CODE_COLUMNS.map((c) => [c, []]));
  const dicts: Record<string, Dictionary> = {
    selection: new Dictionary(SELECTION_KEYS),
    market: new Dictionary(MARKET_KEYS),
    role: new Dictionary(ROLE_VALUES),
    tier: new Dictionary(TIER_VALUES),
    league: new Dictionary(data.leagues),
    bookmaker: new Dictionary(),
    roof: new Dictionary(FIELDS.roof.values ?? []),
    result: new Dictionary(RESULT_VALUES),
  };
  const game: number[] = [];
  const day: number[] = [];
  const win: number[] = [];
  const loss: number[] = [];
  const rank: number[] = [];
  let bettable = 0;

  data.games.forEach((g, gi) => {
    const aggregates = data.aggregates[gi]!;
    for (const market of markets) {
      const decisionQuotes = (key.decideAt === "opening" ? data.opening[gi]! : data.closing[gi]!).get(market) ?? [];
      const group = mainGroup(decisionQuotes, market);
      if (group === null) continue;
      const selections = selectionsOf(market);
      const decision = pricesIn(decisionQuotes, market, group);
      const openingTable = pricesIn(data.opening[gi]!.get(market) ?? [], market, group);
      const closingTable = pricesIn(data.closing[gi]!.get(market) ?? [], market, group);
      const pinnacleNow = noVig(decision.get(REFERENCE_BOOK_KEY), selections);
      const pinnacleClose = noVig(closingTable.get(REFERENCE_BOOK_KEY), selections);
      let source: Map<Selection, number> | null = null;
      if (key.probability === "market:pinnacle-opening")
        source = noVig(openingTable.get(REFERENCE_BOOK_KEY), selections);
      else if (key.probability === "market:consensus-opening") source = consensus(openingTable, aggregates, selections);
      else if (model && market === winnerMarketOf(g.sport)) {
        const p = model.get(g.id);
        if (p)
          source = new Map<Selection, number>(
            market === "ONE_X_TWO"
              ? [
                  ["HOME", p.home],
                  ["DRAW", p.draw ?? Number.NaN],
                  ["AWAY", p.away],
                ]
              : [
                  ["HOME", p.home],
                  ["AWAY", p.away],
                ],
          );
      }
      if (source && key.inverse) {
        const k = selections.length;
        source = new Map(selections.map((s) => [s, (1 - source!.get(s)!) / (k - 1)]));
      }
      const taken = selections.map((s) => takePrice(decision, s, key, aggregates));
      const lowest = Math.min(...taken.map((t) => t?.price ?? Number.POSITIVE_INFINITY));
      selections.forEach((s, si) => {
        const t = taken[si];
        const d = t?.price ?? Number.NaN;
        const p = source?.get(s) ?? Number.NaN;
        const line = lineOf(market, s, group);
        let outcome: Outcome | null = null;
        if (g.homeScore !== null && g.awayScore !== null) {
          outcome = gradeBet(
            {
              market: MARKETS[market].key as MarketKey,
              selection: SELECTION_KEYS[SELECTION_CODES.indexOf(s)]!,
              line: Number.isNaN(line) ? undefined : line,
            },
            { home: g.homeScore, away: g.awayScore },
          );
        }
        const closingTaken = takePrice(closingTable, s, key, aggregates);
        const closeFair = pinnacleClose?.get(s) ?? Number.NaN;
        const captured = t ? capturedAtOf(decisionQuotes, market, group, t.book, s) : null;
        const side = s === "HOME" ? data.restHome[gi]! : s === "AWAY" ? data.restAway[gi]! : Number.NaN;
        numbers.edge!.push(p * d - 1);
        numbers.probability!.push(p);
        numbers.price!.push(d);
        numbers.impliedProbability!.push(1 / d);
        numbers.marketProbability!.push(pinnacleNow?.get(s) ?? Number.NaN);
        numbers.season!.push(g.season);
        numbers.line!.push(line);
        numbers.hoursToKickoff!.push(captured ? (g.startsAt.getTime() - captured.getTime()) / 3_600_000 : Number.NaN);
        numbers.restDays!.push(side);
        const own = s === "HOME" ? g.injuries?.home : s === "AWAY" ? g.injuries?.away : undefined;
        const other = s === "HOME" ? g.injuries?.away : s === "AWAY" ? g.injuries?.home : undefined;
        numbers.playersOut!.push(own ? own.out : Number.NaN);
        numbers.opponentPlayersOut!.push(other ? other.out : Number.NaN);
        numbers.quarterbackOut!.push(own ? (own.quarterbackOut ? 1 : 0) : Number.NaN);
        numbers.temperatureC!.push(g.temperatureC ?? Number.NaN);
        numbers.windKph!.push(g.windKph ?? Number.NaN);
        numbers.closingPrice!.push(closingTaken?.price ?? Number.NaN);
        numbers.closingProbability!.push(closeFair);
        numbers.clv!.push(d * closeFair - 1);
        codes.selection!.push(dicts.selection!.code(SELECTION_KEYS[SELECTION_CODES.indexOf(s)]!));
        codes.market!.push(dicts.market!.code(MARKETS[market].key));
        codes.role!.push(t ? dicts.role!.code(d === lowest ? "favourite" : "underdog") : -1);
        codes.tier!.push(tierOf(p, key.tiers));
        codes.league!.push(dicts.league!.code(g.league));
        codes.bookmaker!.push(dicts.bookmaker!.code(t?.book ?? null));
        codes.roof!.push(dicts.roof!.code(g.roof));
        codes.result!.push(dicts.result!.code(outcome));
        game.push(gi);
        day.push(data.gameDay[gi]!);
        const [w, l] = outcome ? OUTCOME_SHARES[outcome] : [Number.NaN, Number.NaN];
        win.push(w);
        loss.push(l);
        rank.push(SELECTION_CODES.indexOf(s));
        if (outcome && d > 1 && p >= 0) bettable++;
      });
    }
  });

  return viewFromColumns({
    key,
    length: game.length,
    game: Int32Array.from(game),
    day: Int32Array.from(day),
    win: Float64Array.from(win),
    loss: Float64Array.from(loss),
    selectionRank: Int32Array.from(rank),
    bettable,
    numbers: Object.fromEntries(Object.entries(numbers).map(([k, v]) => [k, Float64Array.from(v)])),
    codes: Object.fromEntries(Object.entries(codes).map(([k, v]) => [k, Int32Array.from(v)])),
    dictionaries: Object.fromEntries(Object.entries(dicts).map(([k, d]) => [k, d.values])),
  });
}

export function viewFromColumns(columns: ViewColumns): View {
  const { key, length, game, day, win, loss, selectionRank, bettable } = columns;
  const lookup = <T>(table: Record<string, T>, field: string, what: string): T => {
    if (!Object.hasOwn(table, field)) throw new RangeError(`"${field}" is not ${what}`);
    return table[field]!;
  };
  return {
    columns,
    key,
    length,
    game,
    day,
    win,
    loss,
    selectionRank,
    bettable,
    numbers: (field) => lookup(columns.numbers, field, "a number column"),
    codes: (field) => lookup(columns.codes, field, "a coded column"),
    dictionary: (field) => lookup(columns.dictionaries, field, "a coded column"),
  };
}
