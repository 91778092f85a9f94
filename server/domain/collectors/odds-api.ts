import type { Market, Selection } from "../vocabulary";
import type { CollectedEvent, CollectedPrice, CollectedScore, Mapped, RejectedRow } from "./types";
import { refusedKickOff, refusedLine, refusedPrice } from "./validation";
import { bookmakerOfOddsApi } from "./odds-api-books";

/**
 * The Odds API v4 payloads (already shape-checked by server/integrations/the-odds-api/schema.ts) turned into the
 * shared collection rows. Every price is checked on its own: a refused price, outcome or event becomes a
 * RejectedRow with the provider's event id, and the rest of the payload still maps.
 */

export const ODDS_API_PROVIDER = "the-odds-api";

export interface OddsApiSportTarget {
  /** The product's sport and league keys (server/domain/imports/catalogue.ts). */
  sport: string;
  league: string;
}

/** The Odds API's sport keys that the product collects, and where their games belong. */
export const ODDS_API_SPORTS: Readonly<Record<string, OddsApiSportTarget>> = {
  americanfootball_nfl: { sport: "american-football", league: "nfl" },
  basketball_nba: { sport: "basketball", league: "nba" },
  soccer_epl: { sport: "soccer", league: "eng-premier-league" },
  soccer_spain_la_liga: { sport: "soccer", league: "esp-la-liga" },
  soccer_efl_champ: { sport: "soccer", league: "eng-championship" },
};

/** The fields of an odds event this mapping reads (the integration's parsed event satisfies it). */
export interface OddsApiEventInput {
  id: string;
  sport_key: string;
  commence_time: string;
  home_team: string;
  away_team: string;
  bookmakers?: {
    key: string;
    title: string;
    last_update: string;
    markets: { key: string; last_update?: string; outcomes: { name: string; price: number; point?: number }[] }[];
  }[];
}

export interface OddsApiScoreInput {
  id: string;
  sport_key: string;
  commence_time: string;
  completed: boolean;
  home_team: string;
  away_team: string;
  scores: { name: string; score: string }[] | null;
  last_update: string | null;
}

export interface OddsMappingOptions {
  receivedAt: Date;
  sportMap?: Readonly<Record<string, OddsApiSportTarget>>;
}

// Markets the product does not carry (h2h_lay: an exchange's lay side, alternate lines, props) are skipped, not
// refused: they are valid data, just not ours.
const MARKET_OF_KEY: Record<string, "h2h" | "SPREAD" | "TOTAL"> = { h2h: "h2h", spreads: "SPREAD", totals: "TOTAL" };

function eventOf(
  raw: { id: string; sport_key: string; commence_time: string; home_team: string; away_team: string },
  sportMap: Readonly<Record<string, OddsApiSportTarget>>,
): CollectedEvent | string {
  const target = sportMap[raw.sport_key];
  if (!target) return `sport ${raw.sport_key} is not collected (add it to ODDS_API_SPORTS)`;
  if (!raw.home_team.trim() || !raw.away_team.trim()) return "event without both team names";
  if (raw.home_team === raw.away_team) return `home and away are the same team (${raw.home_team})`;
  return {
    provider: ODDS_API_PROVIDER,
    externalId: raw.id,
    sport: target.sport,
    league: target.league,
    startsAt: new Date(raw.commence_time),
    home: raw.home_team,
    away: raw.away_team,
  };
}

function selectionOf(kind: "h2h" | "SPREAD" | "TOTAL", name: string, event: CollectedEvent): Selection | null {
  if (kind === "TOTAL") return name === "Over" ? "OVER" : name === "Under" ? "UNDER" : null;
  if (name === event.home) return "HOME";
  if (name === event.away) return "AWAY";
  if (kind === "h2h" && event.sport === "soccer" && name === "Draw") return "DRAW";
  return null;
}

/** Names a refused outcome in a rejection message. */
function where(book: string, market: string, outcome: { name: string; point?: number }): string {
  return `${book} ${market} ${outcome.name}${outcome.point === undefined ? "" : ` ${outcome.point}`}`;
}

function parsedTime(text: string | undefined): Date | null {
  if (text === undefined) return null;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Every bookmaker price of every event, as decimal odds with its line and the provider's update time. */
export function mapOddsEvents(
  events: readonly OddsApiEventInput[],
  options: OddsMappingOptions,
): Mapped<CollectedPrice> {
  const sportMap = options.sportMap ?? ODDS_API_SPORTS;
  const rows: CollectedPrice[] = [];
  const rejected: RejectedRow[] = [];
  for (const raw of events) {
    const event = eventOf(raw, sportMap);
    if (typeof event === "string") {
      rejected.push({ event: raw.id, message: event });
      continue;
    }
    const kickOff = refusedKickOff(event.startsAt, options.receivedAt);
    if (kickOff) {
      rejected.push({ event: raw.id, message: kickOff });
      continue;
    }
    for (const book of raw.bookmakers ?? []) {
      const bookmaker = bookmakerOfOddsApi(book.key, book.title);
      for (const market of book.markets) {
        const kind = MARKET_OF_KEY[market.key];
        if (!kind) continue;
        const productMarket: Market = kind === "h2h" ? (event.sport === "soccer" ? "ONE_X_TWO" : "MONEYLINE") : kind;
        const updatedAt = parsedTime(market.last_update) ?? parsedTime(book.last_update) ?? options.receivedAt;
        for (const outcome of market.outcomes) {
          const selection = selectionOf(kind, outcome.name, event);
          if (!selection) {
            rejected.push({
              event: raw.id,
              message: `${where(book.key, market.key, outcome)}: unknown outcome "${outcome.name}" for ${event.home} v ${event.away}`,
            });
            continue;
          }
          const line = kind === "h2h" ? null : (outcome.point ?? null);
          const problem = refusedPrice(outcome.price) ?? refusedLine(event.sport, productMarket, line);
          if (problem) {
            rejected.push({ event: raw.id, message: `${where(book.key, market.key, outcome)}: ${problem}` });
            continue;
          }
          rows.push({
            event,
            bookmaker,
            market: productMarket,
            period: "FULL_GAME",
            selection,
            line,
            price: outcome.price,
            providerUpdatedAt: updatedAt,
          });
        }
      }
    }
  }
  return { rows, rejected };
}

function wholeScore(text: string): number | null {
  const trimmed = text.trim();
  return /^\d{1,4}$/.test(trimmed) ? Number(trimmed) : null;
}

/**
 * Scores and results. Completed games are final; a game with scores and not completed is in progress; one
 * without scores is scheduled. When the provider gives no last_update, the received time (else kick-off) stands.
 */
export function mapOddsScores(
  scores: readonly OddsApiScoreInput[],
  options: { receivedAt?: Date; sportMap?: Readonly<Record<string, OddsApiSportTarget>> } = {},
): Mapped<CollectedScore> {
  const sportMap = options.sportMap ?? ODDS_API_SPORTS;
  const rows: CollectedScore[] = [];
  const rejected: RejectedRow[] = [];
  for (const raw of scores) {
    const event = eventOf(raw, sportMap);
    if (typeof event === "string") {
      rejected.push({ event: raw.id, message: event });
      continue;
    }
    if (Number.isNaN(event.startsAt.getTime())) {
      rejected.push({ event: raw.id, message: "kick-off time is not a date" });
      continue;
    }
    const updatedAt = parsedTime(raw.last_update ?? undefined) ?? options.receivedAt ?? event.startsAt;
    if (raw.scores === null || raw.scores.length === 0) {
      if (raw.completed) rejected.push({ event: raw.id, message: "completed without scores" });
      else rows.push({ event, homeScore: null, awayScore: null, state: "scheduled", providerUpdatedAt: updatedAt });
      continue;
    }
    const home = raw.scores.find((s) => s.name === event.home);
    const away = raw.scores.find((s) => s.name === event.away);
    if (!home || !away) {
      const names = raw.scores.map((s) => `"${s.name}"`).join(", ");
      rejected.push({ event: raw.id, message: `scores name ${names}, not ${event.home} and ${event.away}` });
      continue;
    }
    const homeScore = wholeScore(home.score);
    const awayScore = wholeScore(away.score);
    if (homeScore === null || awayScore === null) {
      rejected.push({ event: raw.id, message: `unparsable score "${home.score}"-"${away.score}"` });
      continue;
    }
    rows.push({
      event,
      homeScore,
      awayScore,
      state: raw.completed ? "final" : "in-progress",
      providerUpdatedAt: updatedAt,
    });
  }
  return { rows, rejected };
}
