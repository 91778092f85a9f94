import { MARKETS, PERIODS, PHASES, SELECTIONS } from "@/server/domain/vocabulary";
import { formatOdds, type OddsFormat } from "@/server/domain/odds/format";

/**
 * Display helpers, used by every page. Times are stored in UTC and shown in the user's time zone (with the zone
 * named); prices are decimal inside and shown in the user's odds format.
 */

/** "UTC" for the zones that are UTC, else the IANA name. */
export function zoneLabel(timeZone: string): string {
  return timeZone === "UTC" || timeZone === "Etc/UTC" || timeZone === "Etc/GMT" ? "UTC" : timeZone;
}

function zoneAbbreviation(at: Date, timeZone: string): string {
  const part = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "short" }).formatToParts(at).find((p) => p.type === "timeZoneName");
  return part?.value ?? timeZone;
}

/** "Sun 19 May 2024" in `timeZone`. */
export function formatDate(at: Date, timeZone: string): string {
  return at.toLocaleDateString("en-GB", { timeZone, weekday: "short", day: "numeric", month: "short", year: "numeric" });
}

/** "Sun 19 May 2024, 16:00 BST" in `timeZone` (seconds when asked). */
export function formatDateTime(at: Date, timeZone: string, opts: { seconds?: boolean } = {}): string {
  const time = at.toLocaleTimeString("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", ...(opts.seconds ? { second: "2-digit" } : {}) });
  return `${formatDate(at, timeZone)}, ${time} ${zoneAbbreviation(at, timeZone)}`;
}

/**
 * A game's start. A date-only game is stored at noon UTC of the source's (venue-local) date, so its date is read
 * in UTC: shifting it by the viewer's zone would move it to another day.
 */
export function formatKickoff(startsAt: Date, timeKnown: boolean, timeZone: string): string {
  return timeKnown ? formatDateTime(startsAt, timeZone) : formatDate(startsAt, "UTC");
}

/** "YYYY-MM-DDTHH:mm" wall-clock time in `timeZone`, the value a datetime-local input shows. */
export function toDateTimeInput(at: Date, timeZone: string, opts: { seconds?: boolean } = {}): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" })
      .formatToParts(at)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}${opts.seconds ? `:${p.second}` : ""}`;
}

/** Sports whose matchups read "Away @ Home" (US convention); everywhere else "Home v Away". */
const AWAY_AT_HOME_SPORTS = new Set(["american-football", "basketball"]);

/** A game's two sides in the order its sport's readers expect. */
export function formatMatchup(game: { home: string; away: string; sport: string; neutralSite?: boolean }): string {
  if (AWAY_AT_HOME_SPORTS.has(game.sport)) return game.neutralSite ? `${game.away} vs ${game.home}` : `${game.away} @ ${game.home}`;
  return `${game.home} ${game.neutralSite ? "vs" : "v"} ${game.away}`;
}

/** "1 game", "2,345 games"; pass the plural when adding "s" is wrong ("1 match", "3 matches"). */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count.toLocaleString("en-US")} ${count === 1 ? singular : pluralForm}`;
}

export function formatPercent(p: number | null | undefined, digits = 1): string {
  return p === null || p === undefined ? "–" : `${(p * 100).toFixed(digits)}%`;
}

export const ODDS_FORMAT_NAME: Record<OddsFormat, string> = { decimal: "Decimal", american: "American", fractional: "Fractional" };

/** A decimal price in the user's odds format ("1.91", "-110", "10/11"). */
export function formatPrice(decimal: number | null | undefined, format: OddsFormat = "decimal"): string {
  return decimal === null || decimal === undefined ? "–" : formatOdds(decimal, format);
}

export function formatLine(line: number | null | undefined): string {
  if (line === null || line === undefined) return "";
  return line > 0 ? `+${line}` : String(line);
}

// Keyed by string: pages also look up codes that arrive as plain strings from the API.
const labels = (table: Record<string, { label: string }>): Record<string, string> =>
  Object.fromEntries(Object.entries(table).map(([code, v]) => [code, v.label]));

/** Labels by code, from the vocabulary (server/domain/vocabulary.ts). */
export const MARKET_LABEL = labels(MARKETS);
export const PERIOD_LABEL = labels(PERIODS);
export const PHASE_LABEL = labels(PHASES);
export const SELECTION_LABEL = labels(SELECTIONS);

/** Integer cents as money, e.g. 123456 -> "1,234.56"; signed when asked. */
export function formatCents(cents: number | null | undefined, opts: { signed?: boolean; currency?: string } = {}): string {
  if (cents === null || cents === undefined) return "–";
  const abs = Math.abs(cents);
  const body = `${Math.floor(abs / 100).toLocaleString("en-US")}.${String(abs % 100).padStart(2, "0")}`;
  const sign = cents < 0 ? "−" : opts.signed && cents > 0 ? "+" : "";
  return `${sign}${body}${opts.currency ? ` ${opts.currency}` : ""}`;
}
