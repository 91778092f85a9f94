import type { Market, Period, Selection } from "../vocabulary";
import type { BookmakerRef } from "../imports/types";

/**
 * What every live collector turns a provider's payload into, before any database identity exists: the
 * shared contract between the provider mappings (`server/domain/collectors/<provider>.ts`, pure) and the
 * collection services that store them (`server/services/collection`). Times are UTC.
 */

/** A provider's event: a game to create or match, identified by the provider's own id. */
export interface CollectedEvent {
  provider: string;
  /** The provider's event id ("e912..." at The Odds API, "401547..." at ESPN). */
  externalId: string;
  /** The product's sport key ("american-football", "basketball", "soccer") and league key ("nfl", "epl"). */
  sport: string;
  league: string;
  startsAt: Date;
  /** Team names as the provider spells them; the services resolve them with the import resolver. */
  home: string;
  away: string;
}

/** One price as the provider stated it, with when the provider says it last changed. */
export interface CollectedPrice {
  event: CollectedEvent;
  bookmaker: BookmakerRef;
  market: Market;
  period: Period;
  selection: Selection;
  /** Spread: the selected side's handicap; total: the total; null for 1X2 and moneyline. */
  line: number | null;
  /** Decimal odds, validated (1.01 to 1000). */
  price: number;
  /** The provider's last_update for this market (or bookmaker), else the time we received it. */
  providerUpdatedAt: Date;
}

/** A score or a final result. */
export interface CollectedScore {
  event: CollectedEvent;
  homeScore: number | null;
  awayScore: number | null;
  state: "scheduled" | "in-progress" | "final" | "postponed" | "cancelled";
  providerUpdatedAt: Date;
}

/** Weather at the venue at kick-off, as forecast at `forecastAt`. */
export interface CollectedWeather {
  event: CollectedEvent;
  forecastAt: Date;
  temperatureC: number | null;
  windKph: number | null;
  gustKph: number | null;
  precipitationMm: number | null;
}

/** One player on a team's injury report, as known at collection time. */
export interface CollectedInjury {
  league: string;
  team: string;
  player: string;
  position: string | null;
  /** "out", "doubtful", "questionable", "day-to-day", ... as the provider says, lower-case. */
  status: string;
  type: string | null;
  reportedAt: Date | null;
}

/** A row the mapping refused, with the provider's id so it can be found in their data. */
export interface RejectedRow {
  event: string;
  message: string;
}

export interface Mapped<T> {
  rows: T[];
  rejected: RejectedRow[];
}
