/** Display helpers. Dates are stored in UTC and shown in UTC with the zone named, so they never shift. */

export function formatKickoff(startsAt: Date, timeKnown: boolean): string {
  const date = startsAt.toLocaleDateString("en-GB", { timeZone: "UTC", weekday: "short", day: "numeric", month: "short", year: "numeric" });
  if (!timeKnown) return date;
  const time = startsAt.toLocaleTimeString("en-GB", { timeZone: "UTC", hour: "2-digit", minute: "2-digit" });
  return `${date}, ${time} UTC`;
}

/** Between the teams of a matchup: "vs" at a neutral site, where neither side is at home. */
export function versus(neutralSite: boolean): string {
  return neutralSite ? "vs" : "v";
}

export function formatPercent(p: number | null | undefined, digits = 1): string {
  return p === null || p === undefined ? "–" : `${(p * 100).toFixed(digits)}%`;
}

export function formatPrice(decimal: number | null | undefined): string {
  return decimal === null || decimal === undefined ? "–" : decimal.toFixed(2);
}

export function formatLine(line: number | null | undefined): string {
  if (line === null || line === undefined) return "";
  return line > 0 ? `+${line}` : String(line);
}

export const MARKET_LABEL: Record<string, string> = {
  MONEYLINE: "Moneyline",
  ONE_X_TWO: "1X2",
  SPREAD: "Spread / handicap",
  TOTAL: "Total",
};
export const PERIOD_LABEL: Record<string, string> = { FULL_GAME: "Full game", FIRST_HALF: "1st half", SECOND_HALF: "2nd half" };
export const PHASE_LABEL: Record<string, string> = {
  OPENING: "Opening",
  SNAPSHOT: "Snapshot",
  CLOSING: "Closing",
  UNSPECIFIED: "Timing not stated by the source",
};
export const SELECTION_LABEL: Record<string, string> = { HOME: "Home", AWAY: "Away", DRAW: "Draw", OVER: "Over", UNDER: "Under" };

/** Integer cents as money, e.g. 123456 -> "1,234.56"; signed when asked. */
export function formatCents(cents: number | null | undefined, opts: { signed?: boolean; currency?: string } = {}): string {
  if (cents === null || cents === undefined) return "–";
  const abs = Math.abs(cents);
  const body = `${Math.floor(abs / 100).toLocaleString("en-US")}.${String(abs % 100).padStart(2, "0")}`;
  const sign = cents < 0 ? "−" : opts.signed && cents > 0 ? "+" : "";
  return `${sign}${body}${opts.currency ? ` ${opts.currency}` : ""}`;
}
