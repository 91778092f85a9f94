import { MARKETS, SELECTIONS, type Market, type Selection } from "../vocabulary";

/** A pick as a person reads it: "1X2 Home", "Total Over 2.5", "Spread / handicap Away +1.5" (pages, slips, notifications). */
export function pickLabel(market: Market, selection: Selection, line: number | null): string {
  const l = line === null ? "" : ` ${line > 0 && market === "SPREAD" ? "+" : ""}${line}`;
  return `${MARKETS[market].label} ${SELECTIONS[selection].label}${l}`;
}
