import { prepareData, viewKeyOf, viewOf, type ModelProbabilities } from "../backtest/dataset";
import { leagueMaskOf, pickRows, stakeOf, type SkipReason } from "../backtest/engine";
import type { BacktestGame } from "../backtest/games";
import { knownAt } from "../quotes";
import { compileColumns } from "../strategies/evaluate";
import type { Strategy, Tiers } from "../strategies/schema";
import { MARKET_CODES, MARKETS, SELECTION_CODES, SELECTION_KEYS, type Market, type MarketKey, type Selection } from "../vocabulary";
import { rowOf } from "./candidates";
import { minimumQualifyingPrice } from "./min-price";

/**
 * A bot's decisions for one run, pure: which upcoming games are in its window, what the strategy picks on the
 * prices known now (the backtest's one dataset builder, evaluator and pick rules), how much each pick stakes
 * from the bankroll as it stands, and which limit stopped each signal not taken.
 */

/** No pick is locked this close to kick-off (or later): a price seen a moment ago may be gone by then. */
export const LOCK_MARGIN_MS = 5 * 60_000;
export const MAX_WINDOW_HOURS = 14 * 24;

export type BotState = "DRAFT" | "ACTIVE" | "PAUSED" | "STOPPED";

/** Why a signal was not taken: the strategy's limits (as in backtests) and the bot's own switches. */
export type BotSkipReason = SkipReason | "botNotActive" | "killSwitch" | "noStake" | "alreadyLocked" | "kickoffPassed";

export const SKIP_REASON_TEXT: Record<BotSkipReason, string> = {
  stopAfterDrawdown: "The bankroll fell below the strategy's drawdown stop.",
  pauseAfterLosses: "Paused after the strategy's run of losses.",
  maxBetsPerGame: "The strategy's bets-per-game limit was reached.",
  maxBetsPerDay: "The strategy's bets-per-day limit was reached.",
  maxDailyExposure: "The day's stakes would pass the strategy's daily exposure limit.",
  maxOpenExposure: "Open stakes would pass the strategy's open exposure limit.",
  bankrollExhausted: "The bot's bankroll cannot cover the stake.",
  botNotActive: "The bot is not active.",
  killSwitch: "The kill switch is on.",
  noStake: "The stake rounds down to less than one cent.",
  alreadyLocked: "Another run locked this pick first.",
  kickoffPassed: "The game had started by the time the pick would have been written.",
};

/** An upcoming game with the prices stored for it (the decision reads only those known at the run). */
export interface LiveGame extends Omit<BacktestGame, "id"> {
  gameId: number;
}

export interface BankrollState {
  /** Ledger balance: what new stakes can come from. */
  balanceCents: number;
  /** Stakes riding on open bets. */
  openStakeCents: number;
  /** Capital put in plus realised profit: the bankroll stakes are sized from (open stakes included). */
  equityCents: number;
  /** The highest equity so far (for the drawdown stop). */
  peakEquityCents: number;
  /** Stakes of picks locked on the run's UTC date, and how many. */
  stakedTodayCents: number;
  picksToday: number;
  /** Picks already locked, by game id (for the per-game limit). */
  picksPerGame: ReadonlyMap<number, number>;
  /** Settled bets, oldest first: lost or not, and when (for the pause after losses). */
  recentSettled: readonly { lost: boolean; settledAt: Date }[];
  /** Cents of one "unit" of a flat stake: the initial deposit over the strategy's bankroll in units. */
  unitCents: number;
}

export interface BotDecisionInput {
  strategy: Strategy;
  state: BotState;
  killSwitch: boolean;
  /** Narrow the strategy's own lists; empty = the strategy's. */
  leagues: string[];
  markets: MarketKey[];
  windowHours: number;
  now: Date;
  games: LiveGame[];
  /** The model's probabilities by game id, when the strategy's source is a model (or a provider standing in for it). */
  modelProbabilities: ReadonlyMap<number, { home: number; draw: number | null; away: number }> | null;
  bankroll: BankrollState;
  /** `candidateKey`s of picks this bot has locked already: never decided twice. */
  lockedKeys: ReadonlySet<string>;
  /** The system's signal tier thresholds, for a strategy that sets none. */
  tiers: Tiers;
}

export interface Decision {
  gameId: number;
  market: Market;
  selection: Selection;
  line: number | null;
  bookmaker: string | null;
  price: number;
  probability: number;
  edge: number;
  stakeCents: number;
  taken: boolean;
  reason: BotSkipReason | null;
  /** Lowest price at which the pick still qualifies (slips); null for signals not taken. */
  minPrice: number | null;
  kickoff: Date;
}

export interface BotDecisions {
  /** Games in the window and still open for picks. */
  games: number;
  /** Signals the strategy's rules picked (before limits), picks already locked left out. */
  signals: number;
  decisions: Decision[];
}

/** What a bot picks at most once: (game, market, selection). */
export function candidateKey(gameId: number, market: Market, selection: Selection): string {
  return `${gameId}:${market}:${selection}`;
}

/** Record-chain keys of a pick's entries: each enters the bot's chain once. */
export function pickKey(botId: number, gameId: number, market: Market, selection: Selection): string {
  return `pick:${botId}:${candidateKey(gameId, market, selection)}`;
}
export function predictionKey(botId: number, gameId: number, market: Market, selection: Selection): string {
  return `prediction:${botId}:${candidateKey(gameId, market, selection)}`;
}
export function resultKey(pickSeq: number): string {
  return `result:${pickSeq}`;
}

/** Games a run may pick: kick-off later than the lock margin from now and within the bot's window. */
export function gamesInWindow<T extends { startsAt: Date }>(games: T[], now: Date, windowHours: number): T[] {
  const from = now.getTime() + LOCK_MARGIN_MS;
  const to = now.getTime() + windowHours * 3_600_000;
  return games.filter((g) => g.startsAt.getTime() > from && g.startsAt.getTime() <= to);
}

/** The strategy with the bot's narrower leagues and markets (never wider: a bot cannot add what its strategy lacks). */
export function narrowStrategy(strategy: Strategy, leagues: string[], markets: MarketKey[]): Strategy {
  const narrowedMarkets = markets.length ? strategy.markets.filter((m) => markets.includes(m)) : strategy.markets;
  const narrowedLeagues = leagues.length ? (strategy.leagues.length ? strategy.leagues.filter((l) => leagues.includes(l)) : leagues) : strategy.leagues;
  return { ...strategy, markets: narrowedMarkets, leagues: narrowedLeagues };
}

/** Whether the strategy's pause after losses holds at `now`, from the settled bets so far. */
export function pausedByLosses(strategy: Strategy, settled: BankrollState["recentSettled"], now: Date): boolean {
  const pause = strategy.limits?.pauseAfterLosses;
  if (!pause || settled.length === 0) return false;
  const window = settled.slice(-pause.lastBets);
  if (window.filter((b) => b.lost).length < pause.losses) return false;
  const last = window.at(-1)!.settledAt.getTime();
  return now.getTime() <= last + pause.days * 86_400_000;
}

const MARKET_BY_KEY = new Map(MARKET_CODES.map((m) => [MARKETS[m].key as string, m]));
const SELECTION_BY_KEY = new Map(SELECTION_CODES.map((s, i) => [SELECTION_KEYS[i] as string, s]));

export function decideBot(input: BotDecisionInput): BotDecisions {
  const strategy = narrowStrategy(input.strategy, input.leagues, input.markets);
  const open = gamesInWindow(input.games, input.now, input.windowHours);
  const nowMs = input.now.getTime();
  const games: BacktestGame[] = open.map(({ gameId, ...g }) => ({
    ...g,
    id: String(gameId),
    // Only what was known at the run: a replayed or late-stored price from after it must not decide.
    quotes: g.quotes.filter((q) => knownAt(q) <= nowMs),
    homeScore: null,
    awayScore: null,
  }));
  const gameIdOf = new Map(open.map((g) => [String(g.gameId), g.gameId]));
  const models = new Map<string, ModelProbabilities>();
  if (strategy.probability.startsWith("model:") && input.modelProbabilities) {
    models.set(strategy.probability.slice(6), new Map([...input.modelProbabilities].map(([id, p]) => [String(id), p])));
  }
  const data = prepareData(games, models, input.tiers);
  // Live, the decision price is the latest one known now: the view's "closing" phase is the last price at
  // or before kick-off, and every quote here was captured before the run.
  const view = viewOf(data, { ...viewKeyOf(strategy, data.tiers), decideAt: "closing" });
  const mask = compileColumns(strategy.when)(view);
  const leagueMask = strategy.leagues.length ? leagueMaskOf(view, strategy.leagues) : null;
  const rows = pickRows(strategy, view, mask, leagueMask, { unplayed: true });

  const b = input.bankroll;
  const limits = strategy.limits ?? {};
  let available = b.balanceCents;
  let openStake = b.openStakeCents;
  let stakedToday = b.stakedTodayCents;
  let picksToday = b.picksToday;
  const perGame = new Map(b.picksPerGame);
  const stopped = limits.stopAfterDrawdown !== undefined && b.peakEquityCents > 0 && (b.peakEquityCents - b.equityCents) / b.peakEquityCents >= limits.stopAfterDrawdown;
  const paused = pausedByLosses(strategy, b.recentSettled, input.now);
  const decisions: Decision[] = [];
  let signals = 0;

  for (const row of rows) {
    const facts = rowOf(view, row);
    const gi = view.game[row]!;
    const gameId = gameIdOf.get(data.games[gi]!.id)!;
    const market = MARKET_BY_KEY.get(facts.market as string)!;
    const selection = SELECTION_BY_KEY.get(facts.selection as string)!;
    if (input.lockedKeys.has(candidateKey(gameId, market, selection))) continue;
    const p = facts.probability as number;
    const d = facts.price as number;
    const raw = stakeOf(strategy, b.equityCents, p, d);
    // As in backtests, a selection the staking rule gives nothing (Kelly at no edge) is no signal at all.
    if (!(raw > 0)) continue;
    signals++;
    const stakeCents = Math.floor(strategy.stake.kind === "flat" ? raw * b.unitCents : raw);
    const base = {
      gameId,
      market,
      selection,
      line: typeof facts.line === "number" ? facts.line : null,
      bookmaker: typeof facts.bookmaker === "string" ? facts.bookmaker : null,
      price: d,
      probability: p,
      edge: p * d - 1,
      kickoff: data.games[gi]!.startsAt,
    };
    const reason: BotSkipReason | null =
      input.state !== "ACTIVE"
        ? "botNotActive"
        : input.killSwitch
          ? "killSwitch"
          : stopped
            ? "stopAfterDrawdown"
            : paused
              ? "pauseAfterLosses"
              : !(stakeCents > 0)
                ? "noStake"
                : limits.maxBetsPerGame !== undefined && (perGame.get(gameId) ?? 0) >= limits.maxBetsPerGame
                  ? "maxBetsPerGame"
                  : limits.maxBetsPerDay !== undefined && picksToday >= limits.maxBetsPerDay
                    ? "maxBetsPerDay"
                    : limits.maxDailyExposure !== undefined && stakedToday + stakeCents > limits.maxDailyExposure * b.equityCents
                      ? "maxDailyExposure"
                      : limits.maxOpenExposure !== undefined && openStake + stakeCents > limits.maxOpenExposure * b.equityCents
                        ? "maxOpenExposure"
                        : stakeCents > available
                          ? "bankrollExhausted"
                          : null;
    if (reason) {
      decisions.push({ ...base, stakeCents: Math.max(0, stakeCents), taken: false, reason, minPrice: null });
      continue;
    }
    perGame.set(gameId, (perGame.get(gameId) ?? 0) + 1);
    picksToday++;
    stakedToday += stakeCents;
    openStake += stakeCents;
    available -= stakeCents;
    decisions.push({ ...base, stakeCents, taken: true, reason: null, minPrice: minimumQualifyingPrice(strategy, facts, d) });
  }
  return { games: open.length, signals, decisions };
}
