import { z } from "zod";
import { getPlayer, searchPlayers } from "@/server/services/catalog/players";
import { DbId, SearchTerm } from "../schemas";
import { protectedProcedure, router } from "../trpc";

const LOGS_PER_PAGE = 25;

const Log = z.object({
  gameDate: z.date(),
  gameId: z.number().nullable(),
  starter: z.boolean(),
  won: z.boolean().nullable(),
  seconds: z.number(),
  points: z.number(),
  rebounds: z.number(),
  assists: z.number(),
  steals: z.number(),
  blocks: z.number(),
  turnovers: z.number(),
  fgMade: z.number(),
  fgAttempted: z.number(),
  threesMade: z.number(),
  threesAttempted: z.number(),
  ftMade: z.number(),
  ftAttempted: z.number(),
  team: z.object({ name: z.string() }),
  opponent: z.object({ name: z.string() }),
});

export const playersRouter = router({
  search: protectedProcedure
    .input(z.object({ term: SearchTerm.pipe(z.string().min(2, "type at least 2 letters of the name")), limit: z.number().int().min(1).max(50).default(20) }))
    .output(z.array(z.object({ id: z.number(), name: z.string(), position: z.string().nullable(), league: z.string(), team: z.string().nullable(), games: z.number() })))
    .query(({ ctx, input }) => searchPlayers(ctx.db, input.term, input.limit)),

  get: protectedProcedure
    .input(z.object({ id: DbId, page: z.number().int().min(1).max(10_000).default(1) }))
    .output(
      z.object({
        id: z.number(),
        name: z.string(),
        position: z.string().nullable(),
        league: z.object({ key: z.string(), name: z.string() }),
        currentTeam: z.object({ name: z.string() }).nullable(),
        games: z.number(),
        page: z.number(),
        pages: z.number(),
        logs: z.array(Log),
      }),
    )
    .query(({ ctx, input }) => getPlayer(ctx.db, input.id, input.page, LOGS_PER_PAGE)),
});
