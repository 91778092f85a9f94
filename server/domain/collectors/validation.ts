import type { Market } from "../vocabulary";

/**
 * The range checks every live collector applies before a price, line or kick-off is trusted (issue 11). They are
 * tighter than the archive importers' (imports/plausible.ts) because a live feed is polled every minute: a value
 * outside them is a feed error, refused row by row with the reason, never stored. Each check returns why the
 * value is refused, or null when it is fine.
 */

export const LIVE_PRICE_RANGE = { min: 1.01, max: 1000 } as const;
export const LIVE_AMERICAN_RANGE = { min: -100_000, max: 100_000 } as const;
export const LIVE_SPREAD_LIMIT = 50;
/** Full-game totals by the product's sport key. */
export const LIVE_TOTAL_RANGES: Record<string, { min: number; max: number }> = {
  "american-football": { min: 20, max: 80 },
  basketball: { min: 150, max: 300 },
  soccer: { min: 0.5, max: 10 },
};
const YEAR_MS = 366 * 24 * 3600 * 1000;

/** Decimal odds between 1.01 and 1000. */
export function refusedPrice(price: number): string | null {
  if (!Number.isFinite(price)) return `price ${String(price)} is not a number`;
  if (price < LIVE_PRICE_RANGE.min || price > LIVE_PRICE_RANGE.max) {
    return `price ${price} is outside ${LIVE_PRICE_RANGE.min}..${LIVE_PRICE_RANGE.max} (decimal odds)`;
  }
  return null;
}

/** American odds between -100000 and +100000, and never between -100 and +100 (no such price exists). */
export function refusedAmericanPrice(american: number): string | null {
  if (!Number.isFinite(american)) return `American price ${String(american)} is not a number`;
  if (american < LIVE_AMERICAN_RANGE.min || american > LIVE_AMERICAN_RANGE.max) {
    return `American price ${american} is outside ${LIVE_AMERICAN_RANGE.min}..+${LIVE_AMERICAN_RANGE.max}`;
  }
  if (american > -100 && american < 100) return `American price ${american} lies between -100 and +100`;
  return null;
}

/** A spread within ±50, a total within the sport's range; markets without a line need none. */
export function refusedLine(sportKey: string, market: Market, line: number | null): string | null {
  if (market !== "SPREAD" && market !== "TOTAL") {
    return line === null ? null : `${market} carries no line, got ${line}`;
  }
  if (line === null || !Number.isFinite(line)) return `${market === "SPREAD" ? "spread" : "total"} without a line`;
  if (market === "SPREAD") {
    return Math.abs(line) <= LIVE_SPREAD_LIMIT ? null : `spread ${line} is outside ±${LIVE_SPREAD_LIMIT}`;
  }
  const range = LIVE_TOTAL_RANGES[sportKey];
  if (!range) return `no total range is known for sport ${sportKey}`;
  return line >= range.min && line <= range.max
    ? null
    : `total ${line} is outside ${range.min}..${range.max} for ${sportKey}`;
}

/** A kick-off that parses and lies within a year either side of when the payload arrived. */
export function refusedKickOff(startsAt: Date, receivedAt: Date): string | null {
  if (Number.isNaN(startsAt.getTime())) return "kick-off time is not a date";
  if (Math.abs(startsAt.getTime() - receivedAt.getTime()) > YEAR_MS) {
    return `kick-off ${startsAt.toISOString()} is more than a year from ${receivedAt.toISOString()}`;
  }
  return null;
}
