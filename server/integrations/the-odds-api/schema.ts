import { z } from "zod";
import type { RejectedRow } from "@/server/domain/collectors/types";

/**
 * The Odds API v4 responses as the real service sends them (https://the-odds-api.com/liveapi/guides/v4/), with
 * dateFormat=iso and oddsFormat=decimal. Only types are checked here; ranges (prices, lines, kick-off) are the
 * domain's (server/domain/collectors/validation.ts). Arrays are parsed item by item, so one malformed event is
 * refused alone and the rest of the poll still counts.
 */

const isoTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), "not an ISO time");

export const oddsApiSportSchema = z.object({
  key: z.string().min(1),
  group: z.string(),
  title: z.string(),
  description: z.string(),
  active: z.boolean(),
  has_outrights: z.boolean(),
});

export const oddsApiOutcomeSchema = z.object({
  name: z.string().min(1),
  price: z.number().finite(),
  point: z.number().finite().optional(),
  description: z.string().optional(),
});

export const oddsApiMarketSchema = z.object({
  key: z.string().min(1),
  last_update: isoTime.optional(),
  outcomes: z.array(oddsApiOutcomeSchema),
});

export const oddsApiBookmakerSchema = z.object({
  key: z.string().min(1),
  title: z.string(),
  last_update: isoTime,
  markets: z.array(oddsApiMarketSchema),
});

/** An event of /events, and (with bookmakers) of /odds. */
export const oddsApiEventSchema = z.object({
  id: z.string().min(1),
  sport_key: z.string().min(1),
  sport_title: z.string().optional(),
  commence_time: isoTime,
  home_team: z.string().min(1),
  away_team: z.string().min(1),
});

export const oddsApiOddsEventSchema = oddsApiEventSchema.extend({ bookmakers: z.array(oddsApiBookmakerSchema) });

export const oddsApiScoreSchema = oddsApiEventSchema.extend({
  completed: z.boolean(),
  scores: z.array(z.object({ name: z.string(), score: z.string() })).nullable(),
  last_update: isoTime.nullable(),
});

/** The error body of 401, 422 and 429 answers. */
export const oddsApiErrorSchema = z.object({ message: z.string(), error_code: z.string().optional() }).passthrough();

export type OddsApiSport = z.infer<typeof oddsApiSportSchema>;
export type OddsApiEvent = z.infer<typeof oddsApiEventSchema>;
export type OddsApiOddsEvent = z.infer<typeof oddsApiOddsEventSchema>;
export type OddsApiScore = z.infer<typeof oddsApiScoreSchema>;

/** Each item parsed on its own; a refused item is named by its id when it has one, else by its position. */
export function parseEach<T>(schema: z.ZodType<T>, items: readonly unknown[]): { data: T[]; rejected: RejectedRow[] } {
  const data: T[] = [];
  const rejected: RejectedRow[] = [];
  items.forEach((item, index) => {
    const result = schema.safeParse(item);
    if (result.success) {
      data.push(result.data);
      return;
    }
    const id = item && typeof item === "object" && "id" in item && typeof item.id === "string" ? item.id : `#${index}`;
    const issues = result.error.issues.map((i) => `${i.path.join(".") || "item"}: ${i.message}`);
    rejected.push({
      event: id,
      message: `malformed: ${issues.slice(0, 3).join("; ")}${issues.length > 3 ? ` (+${issues.length - 3} more)` : ""}`,
    });
  });
  return { data, rejected };
}
