/**
 * The bounds every bet and money move must respect, in one place: the bet form, the API and the CSV import
 * validate against these (through the zod schemas in server/api/schemas.ts), so no path accepts more.
 * They keep every payout far inside a 64-bit column: the largest stake at the largest price pays 10^11 cents.
 */

/** Decimal odds: 1.01 (American -10000) to 1000 (+99900). Prices are stored with 5 decimals. */
export const MIN_PRICE = 1.01;
export const MAX_PRICE = 1000;

/** One stake: 0.01 to 1,000,000.00. */
export const MAX_STAKE_CENTS = 100_000_000;

/** One deposit or withdrawal: up to 100,000,000.00. */
export const MAX_MONEY_MOVE_CENTS = 10_000_000_000;

/** Spreads and totals, in quarter points. */
export const MIN_LINE = -200;
export const MAX_LINE = 500;

/** A bet CSV: rows per file (the import runs in one transaction) and bytes. */
export const MAX_CSV_ROWS = 5_000;
export const MAX_CSV_CHARS = 2_000_000;

/** Free text on a bet. */
export const MAX_NOTE_CHARS = 500;

/** How far a bet's placed time may run ahead of the server's clock (device clocks drift). */
export const PLACED_AT_CLOCK_SKEW_MS = 60_000;
