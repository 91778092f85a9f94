import { z } from "zod";

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

export const LeagueKey = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9-]+$/, "league keys are lower-case letters, digits and dashes");
