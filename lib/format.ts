import { MARKETS, PERIODS, PHASES, SELECTIONS } from "@/server/domain/vocabulary";

/** Display helpers. Dates are stored in UTC and shown in UTC with the zone named, so they never shift. */

export function formatKickoff(startsAt: Date, timeKnown: boolean): string {
  const date = startsAt.toLocaleDateString("en-GB", { timeZone: "UTC", weekday: "short", day: "numeric", month: "short", year: "numeric" });
  if (!timeKnown) return date;
  const time = startsAt.toLocaleTimeString("en-GB", { timeZone: "UTC", hour: "2-digit", minute: "2-digit" });
  return `${date}, ${time} UTC`;
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
