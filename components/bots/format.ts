export { pickLabel } from "@/server/domain/bots/pick-label";

export const STATE_LABEL = { DRAFT: "Draft", ACTIVE: "Active", PAUSED: "Paused", STOPPED: "Stopped" } as const;

/** The UTC instant at which `date` (YYYY-MM-DD) starts in `timeZone`. */
export function zonedDayStart(date: string, timeZone: string): Date {
  const guess = Date.parse(`${date}T00:00:00Z`);
  const offsetAt = (t: number) => {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" })
        .formatToParts(new Date(t))
        .map((p) => [p.type, p.value]),
    );
    return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second)) - t;
  };
  // Twice: the offset at the guess may differ from the offset at the answer around a clock change.
  const first = guess - offsetAt(guess);
  return new Date(guess - offsetAt(first));
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
