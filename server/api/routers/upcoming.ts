import { z } from "zod";
import { gameFlags, upcomingGames } from "@/server/services/upcoming/upcoming";
import { DbId } from "../schemas";
import { protectedProcedure, router } from "../trpc";

const Slug = z.string().trim().min(1).max(64).regex(/^[a-z0-9-]+$/);

export const upcomingRouter = router({
  /** Games in the next 24 h, 48 h or 7 days, as known now (the page polls it). */
  list: protectedProcedure
    .input(
      z.object({
        hours: z.union([z.literal(24), z.literal(48), z.literal(168)]).default(48),
        league: Slug.optional(),
        /** Only the games the caller follows. */
        followed: z.boolean().default(false),
      }),
    )
    .query(({ ctx, input }) =>
      upcomingGames(ctx.pool, ctx.user.id, { now: new Date(), hours: input.hours, league: input.league, followedOnly: input.followed }),
    ),
  /** A game's flagged prices (spikes, books far from consensus), for its page. */
  flags: protectedProcedure
    .input(z.object({ gameId: DbId }))
    .query(({ ctx, input }) => gameFlags(ctx.pool, input.gameId, new Date())),
});
