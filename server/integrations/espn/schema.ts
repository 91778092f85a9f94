import { z } from "zod";

/**
 * zod schemas of ESPN's public site API (site.api.espn.com/apis/site/v2/sports/...), the fields we read. Real
 * responses carry many more (links, logos, broadcasts, odds, leaders...): objects are not strict. Scoreboards
 * are validated per event, so one malformed event is rejected alone.
 */

const status = z.object({
  type: z.object({
    id: z.string().optional(),
    name: z.string().optional(),
    state: z.enum(["pre", "in", "post"]),
    completed: z.boolean(),
    description: z.string().optional(),
    detail: z.string().optional(),
    shortDetail: z.string().optional(),
  }),
  clock: z.number().optional(),
  displayClock: z.string().optional(),
  period: z.number().optional(),
});

const weather = z.object({
  displayValue: z.string().optional(),
  temperature: z.number().optional(),
  highTemperature: z.number().optional(),
  conditionId: z.string().optional(),
});

export const espnCompetitorSchema = z.object({
  id: z.string().optional(),
  homeAway: z.enum(["home", "away"]),
  winner: z.boolean().optional(),
  team: z.object({
    id: z.string(),
    displayName: z.string().min(1),
    abbreviation: z.string().optional(),
    shortDisplayName: z.string().optional(),
    location: z.string().optional(),
    name: z.string().optional(),
  }),
  score: z.union([z.string(), z.number()]).nullish(),
});

export const espnCompetitionSchema = z.object({
  id: z.string(),
  date: z.string(),
  neutralSite: z.boolean().optional(),
  venue: z
    .object({
      id: z.string().optional(),
      fullName: z.string().optional(),
      address: z
        .object({ city: z.string().optional(), state: z.string().optional(), country: z.string().optional() })
        .optional(),
      indoor: z.boolean().optional(),
    })
    .nullish(),
  competitors: z.array(espnCompetitorSchema),
  status,
  weather: weather.nullish(),
});

export const espnEventSchema = z.object({
  id: z.string(),
  uid: z.string().optional(),
  date: z.string(),
  name: z.string().optional(),
  shortName: z.string().optional(),
  competitions: z.array(espnCompetitionSchema).min(1),
  weather: weather.nullish(),
  status: status.optional(),
});

/** The envelope; `events` items are parsed one by one with espnEventSchema. */
export const espnScoreboardEnvelope = z.object({ events: z.array(z.unknown()) });

export const espnInjurySchema = z.object({
  id: z.string().optional(),
  status: z.string(),
  date: z.string().nullish(),
  shortComment: z.string().optional(),
  longComment: z.string().optional(),
  athlete: z.object({
    displayName: z.string(),
    shortName: z.string().optional(),
    position: z.object({ abbreviation: z.string().optional(), name: z.string().optional() }).nullish(),
  }),
  type: z
    .object({ name: z.string().optional(), description: z.string().optional(), abbreviation: z.string().optional() })
    .nullish(),
  details: z
    .object({
      type: z.string().nullish(),
      location: z.string().nullish(),
      detail: z.string().nullish(),
      side: z.string().nullish(),
      returnDate: z.string().nullish(),
    })
    .nullish(),
});

export const espnInjuryTeamSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  injuries: z.array(z.unknown()),
});

/** GET /apis/site/v2/sports/{sport}/{league}/injuries: `{ timestamp, status, season, injuries: [team...] }`. */
export const espnInjuriesEnvelope = z.object({ injuries: z.array(z.unknown()) });

export type EspnEvent = z.infer<typeof espnEventSchema>;
export type EspnInjury = z.infer<typeof espnInjurySchema>;
export type EspnInjuryTeam = Omit<z.infer<typeof espnInjuryTeamSchema>, "injuries"> & { injuries: EspnInjury[] };
