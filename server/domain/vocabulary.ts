/**
 * The product's vocabulary: markets, selections, periods and price phases, each defined once with its
 * labels. Codes (MONEYLINE, HOME, ...) are what the database, the API and the domain store; keys
 * ("moneyline", "home", ...) are the lower-case names of files, the command line and strategy JSON.
 * Adding a market means adding one entry here; Prisma's enums are checked against these lists at compile
 * time (server/db/vocabulary.ts) and the zod schemas derive from them (server/api/schemas.ts).
 */

export const SELECTIONS = {
  HOME: { key: "home", label: "Home" },
  DRAW: { key: "draw", label: "Draw" },
  AWAY: { key: "away", label: "Away" },
  OVER: { key: "over", label: "Over" },
  UNDER: { key: "under", label: "Under" },
} as const;
export type Selection = keyof typeof SELECTIONS;
export type SelectionKey = (typeof SELECTIONS)[Selection]["key"];
/** In the order ties are broken and columns are shown: home, draw, away, over, under. */
export const SELECTION_CODES = Object.keys(SELECTIONS) as [Selection, ...Selection[]];

export const MARKETS = {
  ONE_X_TWO: { key: "1x2", label: "1X2", selections: ["HOME", "DRAW", "AWAY"], hasLine: false },
  MONEYLINE: { key: "moneyline", label: "Moneyline", selections: ["HOME", "AWAY"], hasLine: false },
  SPREAD: { key: "spread", label: "Spread / handicap", selections: ["HOME", "AWAY"], hasLine: true },
  TOTAL: { key: "total", label: "Total", selections: ["OVER", "UNDER"], hasLine: true },
} as const satisfies Record<string, { key: string; label: string; selections: readonly Selection[]; hasLine: boolean }>;
export type Market = keyof typeof MARKETS;
export type MarketKey = (typeof MARKETS)[Market]["key"];
/** In display order: the three-way market first, then moneyline, spread and total. */
export const MARKET_CODES = Object.keys(MARKETS) as [Market, ...Market[]];

export const PERIODS = {
  FULL_GAME: { label: "Full game" },
  FIRST_HALF: { label: "1st half" },
  SECOND_HALF: { label: "2nd half" },
} as const;
export type Period = keyof typeof PERIODS;
export const PERIOD_CODES = Object.keys(PERIODS) as [Period, ...Period[]];

/**
 * When a stored price was taken. Live snapshots carry a capture time (SNAPSHOT); archives mostly do not,
 * and say only whether a price opened or closed the market, or nothing (UNSPECIFIED).
 */
export const PHASES = {
  OPENING: { label: "Opening" },
  SNAPSHOT: { label: "Snapshot" },
  UNSPECIFIED: { label: "Timing not stated by the source" },
  CLOSING: { label: "Closing" },
} as const;
export type Phase = keyof typeof PHASES;
/** In time order as far as it is known: opening, timed snapshots, unstated, closing. */
export const PHASE_CODES = Object.keys(PHASES) as [Phase, ...Phase[]];

export function selectionsOf(market: Market): readonly Selection[] {
  return MARKETS[market].selections;
}

export function isSelectionOf(market: Market, selection: Selection): boolean {
  return (MARKETS[market].selections as readonly Selection[]).includes(selection);
}

export function marketKey(market: Market): MarketKey {
  return MARKETS[market].key;
}

export function selectionKey(selection: Selection): SelectionKey {
  return SELECTIONS[selection].key;
}

const MARKET_BY_KEY = new Map<string, Market>(MARKET_CODES.map((m) => [MARKETS[m].key, m]));
const SELECTION_BY_KEY = new Map<string, Selection>(SELECTION_CODES.map((s) => [SELECTIONS[s].key, s]));

/** The market of a lower-case key ("1x2", "moneyline", ...), or null for anything else. */
export function marketFromKey(key: string): Market | null {
  return MARKET_BY_KEY.get(key.trim().toLowerCase()) ?? null;
}

/** The selection of a lower-case key ("home", "draw", ...), or null for anything else. */
export function selectionFromKey(key: string): Selection | null {
  return SELECTION_BY_KEY.get(key.trim().toLowerCase()) ?? null;
}

export const MARKET_KEYS = MARKET_CODES.map((m) => MARKETS[m].key) as [MarketKey, ...MarketKey[]];
export const SELECTION_KEYS = SELECTION_CODES.map((s) => SELECTIONS[s].key) as [SelectionKey, ...SelectionKey[]];

/** The winner market a sport is priced in: three-way where a draw is a result (soccer), else moneyline. */
export function winnerMarketOf(sportKey: string): Market {
  return sportKey === "soccer" ? "ONE_X_TWO" : "MONEYLINE";
}

/** Markets a bet on a game of this sport can be in. */
export function marketsOfSport(sportKey: string): Market[] {
  return [winnerMarketOf(sportKey), "SPREAD", "TOTAL"];
}
