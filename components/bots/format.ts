import { zonedTimeToUtc } from "@/server/domain/time/zoned";
export { pickLabel } from "@/server/domain/bots/pick-label";

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
