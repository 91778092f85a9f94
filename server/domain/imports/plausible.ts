import type { Market, Period } from "../vocabulary";

/**
 * What an imported line or price can be. Archives swap columns (an NFL second-half "spread" of -24.5 next to a
 * "total" of 0.5) or mistype them; a value outside these ranges is dropped with a warning, never stored.
 * The ranges are wide: they hold every real line in the shared archives (NFL spreads to 26.5, totals 28.5 to
 * 64; NBA totals 170 to 262.5; Asian handicaps to 3.75) and refuse only what no book has offered.
 */

interface Range {
  min: number;
  max: number;
}
interface SportLines {
  /** As it reads inside a sentence. */
  name: string;
  spread: { fullGame: number; half: number };
  total: { fullGame: Range; half: Range };
}

// Spreads are symmetric: the largest handicap either side may get.
const LINES: Record<string, SportLines> = {
  "american-football": { name: "American football", spread: { fullGame: 30, half: 15 }, total: { fullGame: { min: 20, max: 80 }, half: { min: 10, max: 40 } } },
  basketball: { name: "basketball", spread: { fullGame: 30, half: 20 }, total: { fullGame: { min: 150, max: 300 }, half: { min: 70, max: 160 } } },
  soccer: { name: "soccer", spread: { fullGame: 6, half: 4 }, total: { fullGame: { min: 0.5, max: 10 }, half: { min: 0.5, max: 6 } } },
  tennis: { name: "tennis", spread: { fullGame: 25, half: 15 }, total: { fullGame: { min: 10, max: 80 }, half: { min: 5, max: 40 } } },
};

/** Decimal odds: above 1 once rounded to the 5 decimals the database keeps; no book offers more than 1001. */
export const PRICE_RANGE = { minExclusive: 1, max: 1001, decimals: 5 } as const;

/** Why a decimal price cannot be stored, or null when it can. */
export function implausiblePrice(price: number): string | null {
  const stored = Math.round(price * 10 ** PRICE_RANGE.decimals) / 10 ** PRICE_RANGE.decimals;
  if (!(stored > PRICE_RANGE.minExclusive)) return `decimal odds must be greater than ${PRICE_RANGE.minExclusive}`;
  if (stored > PRICE_RANGE.max) return `decimal odds above ${PRICE_RANGE.max} are not offered by any book`;
  return null;
}

const PERIOD_WORDS: Record<Period, string> = { FULL_GAME: "", FIRST_HALF: "first-half ", SECOND_HALF: "second-half " };

/** Why a spread or total line cannot be right for this sport and period, or null when it can. */
export function implausibleLine(sportKey: string, market: Market, period: Period, line: number): string | null {
  const lines = LINES[sportKey];
  // A sport without ranges here has no lines in any importer yet; its first importer adds them.
  if (!lines || (market !== "SPREAD" && market !== "TOTAL")) return null;
  const full = period === "FULL_GAME";
  const range =
    market === "SPREAD"
      ? { min: -(full ? lines.spread.fullGame : lines.spread.half), max: full ? lines.spread.fullGame : lines.spread.half }
      : full
        ? lines.total.fullGame
        : lines.total.half;
  if (line >= range.min && line <= range.max) return null;
  const what = `a ${PERIOD_WORDS[period]}${market === "SPREAD" ? "spread" : "total"} in ${lines.name}`;
  return `${what} lies between ${range.min} and ${range.max}`;
}
