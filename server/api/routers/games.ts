import { z } from "zod";
import { getGame, listGames } from "@/server/services/catalog/games";
import { followedGameIds, followGame, unfollowGame } from "@/server/services/follows/follows";
import { DbId, escapeLike, MarketSchema, PeriodSchema, PhaseSchema, SearchTerm, SelectionSchema, UtcTime } from "../schemas";
import { protectedProcedure, router } from "../trpc";

const Team = z.object({ id: z.number(), name: z.string(), abbreviation: z.string().nullable() });
const GameSummary = z.object({
  id: z.number(),
  startsAt: z.date(),
  startTimeKnown: z.boolean(),
  status: z.enum(["SCHEDULED", "FINAL", "POSTPONED", "CANCELLED"]),
  statusDetail: z.string().nullable(),
  homeScore: z.number().nullable(),
  awayScore: z.number().nullable(),
  neutralSite: z.boolean(),
  stage: z.string().nullable(),
  league: z.object({ key: z.string(), name: z.string(), sport: z.object({ key: z.string(), name: z.string() }) }),
  season: z.object({ label: z.string() }),
  homeTeam: Team,
  awayTeam: Team,
  oddsCount: z.number(),
});

const Cell = z.object({
  price: z.number().nullable(),
  line: z.number().nullable(),
  implied: z.number().nullable(),
  fair: z.number().nullable(),
  best: z.boolean(),
});
const GameDetail = GameSummary.extend({
  localDate: z.date(),
  periodScores: z.array(z.object({ period: z.string(), home: z.number(), away: z.number() })).nullable(),
  roof: z.string().nullable(),
  surface: z.string().nullable(),
  temperatureC: z.number().nullable(),
  windKph: z.number().nullable(),
  primarySource: z.string(),
  venue: z.object({ name: z.string() }).nullable(),
  oddsTables: z.array(
    z.object({
      market: MarketSchema,
      period: PeriodSchema,
      phase: PhaseSchema,
      selections: z.array(SelectionSchema),
      rows: z.array(
        z.object({
          bookmaker: z.object({ id: z.number(), key: z.string(), name: z.string(), isSharp: z.boolean(), isAggregate: z.boolean() }),
          cells: z.partialRecord(SelectionSchema, Cell),
          overround: z.number().nullable(),
        }),
      ),
      updatedAt: z.date().nullable(),
    }),
  ),
  lineMovement: z.array(
    z.object({
      market: MarketSchema,
      selection: SelectionSchema,
      measure: z.enum(["line", "price"]),
      points: z.array(z.object({ label: z.string(), values: z.record(z.string(), z.number()) })),
    }),
  ),
});

const Slug = z.string().trim().min(1).max(64).regex(/^[a-z0-9-]+$/);

export const gamesRouter = router({
  list: protectedProcedure
    .input(
      z.object({
        sport: Slug.optional(),
        league: Slug.optional(),
        season: z.string().trim().max(16).optional(),
        from: UtcTime.optional(),
        to: UtcTime.optional(),
        teamId: DbId.optional(),
        status: z.enum(["SCHEDULED", "FINAL", "POSTPONED", "CANCELLED"]).optional(),
        order: z.enum(["newest", "soonest"]).default("newest"),
        search: SearchTerm.transform(escapeLike).optional(),
        cursor: DbId.nullish(),
        limit: z.number().int().min(1).max(100).default(25),
      }),
    )
    .output(z.object({ items: z.array(GameSummary), nextCursor: z.number().nullable() }))
    .query(({ ctx, input }) =>
      listGames(ctx.db, { ...input, cursor: input.cursor ?? undefined, includeHidden: ctx.user.role === "ADMIN" }),
    ),
  byId: protectedProcedure
    .input(z.object({ id: DbId }))
    .output(GameDetail)
    .query(({ ctx, input }) => getGame(ctx.db, ctx.pool, input.id)),

  /** Whether the caller follows the game (steam alerts "on the games I follow", the Followed filter). */
  following: protectedProcedure
    .input(z.object({ gameId: DbId }))
    .output(z.object({ gameId: z.number(), following: z.boolean() }))
    .query(async ({ ctx, input }) => ({ gameId: input.gameId, following: (await followedGameIds(ctx.pool, ctx.user.id, [input.gameId])).has(input.gameId) })),
  /** Idempotent: following twice is one follow. NOT_FOUND for a game that does not exist. */
  follow: protectedProcedure
    .input(z.object({ gameId: DbId }).strict())
    .output(z.object({ gameId: z.number(), following: z.boolean() }))
    .mutation(({ ctx, input }) => followGame(ctx.pool, ctx.user.id, input.gameId)),
  /** Idempotent: unfollowing a game not followed is fine. */
  unfollow: protectedProcedure
    .input(z.object({ gameId: DbId }).strict())
    .output(z.object({ gameId: z.number(), following: z.boolean() }))
    .mutation(({ ctx, input }) => unfollowGame(ctx.pool, ctx.user.id, input.gameId)),
});
