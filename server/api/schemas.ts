import { z } from "zod";
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
