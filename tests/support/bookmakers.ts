/**
 * Bookmakers' display names for fixtures. Suites share one database and the first to create a book names it for
 * all the others (ON CONFLICT DO NOTHING), so every fixture must use the name the importers give.
 */
const NAMES: Record<string, string> = { pinnacle: "Pinnacle", bet365: "Bet365", williamhill: "William Hill", betfair: "Betfair" };

export function bookName(key: string): string {
  return NAMES[key] ?? key;
}
