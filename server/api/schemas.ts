import { z } from "zod";
import { MARKET_CODES, PERIOD_CODES, PHASE_CODES, SELECTION_CODES } from "@/server/domain/vocabulary";
import { MAX_LINE, MAX_MONEY_MOVE_CENTS, MAX_NOTE_CHARS, MAX_PRICE, MAX_STAKE_CENTS, MIN_LINE, MIN_PRICE } from "@/server/domain/bets/limits";
import { isCurrencyCode } from "@/server/domain/money/currency";
import { canonicalTimeZone } from "@/server/domain/time/zoned";

/**
 * The boundary's building blocks, defined once: every router, REST handler and file import validates ids,
 * text, times and prices with these, so a value PostgreSQL cannot hold is a readable 400, never a 500.
 */

/** PostgreSQL `integer` ids and versions stop at 2^31 - 1. */
export const PG_INT_MAX = 2_147_483_647;

export const DbId = z
  .number({ error: "must be a number" })
  .int("must be a whole number")
  .positive("must be above 0")
  .max(PG_INT_MAX, "is not a valid id");

/** The id in a page address ("/models/12"): a database id, or null when the page should show "not found". */
export function idFromParam(segment: string): number | null {
  const parsed = DbId.safeParse(/^\d+$/.test(segment) ? Number(segment) : Number.NaN);
  return parsed.success ? parsed.data : null;
}

/** Optimistic-lock versions are positive integers in the same range. */
export const Version = DbId;

/** A text without NUL characters (PostgreSQL text cannot store them), trimmed, with a bounded length. */
export function safeText(max: number) {
  return z
    .string()
    .trim()
    .max(max, `use at most ${max} characters`)
    .refine((s) => !s.includes("\u0000"), "must not contain NUL characters");
}

/**
 * Times PostgreSQL and JavaScript both represent exactly: years 1900 to 2200 cover every game, bet and cursor
 * this product stores, and keep `-1e15` or year -5000 from reaching the database.
 */
export const EARLIEST_TIME = new Date(Date.UTC(1900, 0, 1));
export const LATEST_TIME = new Date(Date.UTC(2200, 0, 1));
export const UtcTime = z.coerce
  .date({ error: "must be a date and time" })
  .min(EARLIEST_TIME, "must be after 1900")
  .max(LATEST_TIME, "must be before 2200");

/** Escapes LIKE/ILIKE wildcards so that `%` and `_` in a search match themselves. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A free-text search term: bounded, no NUL. */
export const SearchTerm = safeText(80);

/** The vocabulary's codes as zod enums: adding a market to server/domain/vocabulary.ts adds it here. */
export const MarketSchema = z.enum(MARKET_CODES, { error: `choose one of ${MARKET_CODES.join(", ")}` });
export const SelectionSchema = z.enum(SELECTION_CODES, { error: `choose one of ${SELECTION_CODES.join(", ")}` });
export const PeriodSchema = z.enum(PERIOD_CODES);
export const PhaseSchema = z.enum(PHASE_CODES);
/*
 * Bets and money, bounded by server/domain/bets/limits.ts. The bet form, the API and the CSV import all use
 * these, so a stake, price or line that one path refuses no other path accepts.
 */
const amount = (cents: number) => (cents / 100).toLocaleString("en-US", { minimumFractionDigits: 2 });

export const Price = z
  .number({ error: "enter the price as decimal odds, e.g. 1.91" })
  .min(MIN_PRICE, `decimal odds must be at least ${MIN_PRICE} (American -10000)`)
  .max(MAX_PRICE, `decimal odds must be at most ${MAX_PRICE} (American +99900)`);

export const StakeCents = z
  .number({ error: "enter the stake as an amount, e.g. 25.00" })
  .int("stakes are whole cents")
  .positive("the stake must be above 0")
  .max(MAX_STAKE_CENTS, `a stake can be at most ${amount(MAX_STAKE_CENTS)}`);

export const MoneyMoveCents = z
  .number({ error: "enter an amount, e.g. 100.00" })
  .int("amounts are whole cents")
  .positive("the amount must be above 0")
  .max(MAX_MONEY_MOVE_CENTS, `one deposit or withdrawal can be at most ${amount(MAX_MONEY_MOVE_CENTS)}`);

export const BetLine = z
  .number({ error: "enter the line as a number, e.g. -3.5" })
  .min(MIN_LINE, `a line must be at least ${MIN_LINE}`)
  .max(MAX_LINE, `a line must be at most ${MAX_LINE}`)
  .multipleOf(0.25, "lines move in quarter points (e.g. -3.5, 2.25)")
  .nullable();

export const BookmakerKey = safeText(64)
  .pipe(z.string().min(1, "choose a bookmaker").regex(/^[a-z0-9-]+$/, "is not a bookmaker key"))
  .nullable();

export const BetNote = safeText(MAX_NOTE_CHARS).nullable();

export const BetRef = safeText(100).pipe(z.string().min(1, "a reference cannot be empty")).nullable();

/** When the bet was placed, kept to the second (a minute-rounded time sorted a bet before the deposit that paid for it). */
export const PlacedAt = UtcTime.transform((d) => new Date(Math.floor(d.getTime() / 1000) * 1000));

/** The fields of a bet as the user states them, for the form, the API and each CSV row. */
export const BetFields = z.object({
  gameId: DbId,
  line: BetLine,
  bookmakerKey: BookmakerKey,
  price: Price,
  stakeCents: StakeCents,
  placedAt: PlacedAt,
  note: BetNote,
  externalRef: BetRef,
});

/** An IANA time zone name ("Europe/London"), checked with Intl and returned in its canonical spelling. */
export const TimeZoneName = safeText(64).transform((name, ctx) => {
  const zone = canonicalTimeZone(name);
  if (zone === null) {
    ctx.addIssue({ code: "custom", message: `"${name}" is not a time zone: pick one from the list, such as Europe/London or America/New_York` });
    return z.NEVER;
  }
  return zone;
});

/** An ISO 4217 currency code ("usd" is read as "USD"). */
export const CurrencyCode = z
  .string({ error: "pick a currency" })
  .trim()
  .toUpperCase()
  .refine(isCurrencyCode, "is not a currency code: use three letters such as USD, EUR or GBP");

type Issue = z.core.$ZodRawIssue;
const TYPE_WORD: Record<string, string> = { number: "a number", string: "text", date: "a date", boolean: "yes or no", array: "a list", object: "a set of fields" };

/**
 * Plain words for zod's built-in checks, so a schema without its own message still tells a user what to type
 * ("must be a number", not "Invalid input: expected number, received NaN"). Messages a schema gives win.
 */
export function plainZodMessage(issue: Issue): string | undefined {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return "is required";
      return `must be ${TYPE_WORD[issue.expected] ?? issue.expected}`;
    case "too_small": {
      const min = Number(issue.minimum);
      if (issue.origin === "string") return min <= 1 ? "must not be empty" : `use at least ${min} characters`;
      if (issue.origin === "array" || issue.origin === "set") return `give at least ${min}`;
      return issue.inclusive ? `must be at least ${min}` : `must be above ${min}`;
    }
    case "too_big": {
      const max = Number(issue.maximum);
      if (issue.origin === "string") return `use at most ${max} characters`;
      if (issue.origin === "array" || issue.origin === "set") return `give at most ${max}`;
      return issue.inclusive ? `must be at most ${max}` : `must be below ${max}`;
    }
    case "invalid_value":
      return `must be one of: ${issue.values.map(String).join(", ")}`;
    case "invalid_format":
      return issue.format === "email" ? "must be an email address" : "is not in the expected format";
    case "not_multiple_of":
      return `must be a multiple of ${String(issue.divisor)}`;
    case "unrecognized_keys":
      return `unknown field${issue.keys.length === 1 ? "" : "s"}: ${issue.keys.join(", ")}`;
    default:
      return undefined;
  }
}

z.config({ customError: plainZodMessage });

export const LeagueKey = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9-]+$/, "league keys are lower-case letters, digits and dashes");
