import { zonedTimeToUtc } from "@/server/domain/time/zoned";
import { MARKETS, SELECTIONS, type Market, type Selection } from "@/server/domain/vocabulary";

/** "1X2 Home", "Total Over 2.5", "Spread / handicap Away +1.5". */
export function pickLabel(market: Market, selection: Selection, line: number | null): string {
  const l = line === null ? "" : ` ${line > 0 && market === "SPREAD" ? "+" : ""}${line}`;
  return `${MARKETS[market].label} ${SELECTIONS[selection].label}${l}`;
}

export const STATE_LABEL = { DRAFT: "Draft", ACTIVE: "Active", PAUSED: "Paused", STOPPED: "Stopped" } as const;

/** The UTC instant at which `date` (YYYY-MM-DD) starts in `timeZone`. */
export function zonedDayStart(date: string, timeZone: string): Date {
  return zonedTimeToUtc(date, "00:00", timeZone);
}

/** Today's date (YYYY-MM-DD) in `timeZone`. */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** The [from, to) bounds of a day in the user's zone, as the slips API takes them. */
export function dayRange(date: string, timeZone: string): { from: Date; to: Date } {
  const from = zonedDayStart(date, timeZone);
  const next = new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return { from, to: zonedDayStart(next, timeZone) };
}
