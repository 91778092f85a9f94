import { z } from "zod";
import { INVERSE_MIN_BETS, INVERSE_WINDOWS_DAYS, INVERSE_Z } from "@/server/domain/inverse/inverse";
import { modelInverseView } from "@/server/services/analyst/inverse";
import { analystStatus, callDetail, recentCalls } from "@/server/services/analyst/overview";
import { DbId } from "../schemas";
import { protectedProcedure, router } from "../trpc";

const Summary = z.object({ bets: z.number(), profit: z.number(), roi: z.number().nullable(), lowerBound: z.number().nullable() });

/** The AI analyst (Benny): its configuration and usage, the calls it made, and the inverse view of the user's models. */
export const analystRouter = router({
  status: protectedProcedure
    .output(
      z.object({
        on: z.boolean(),
        reason: z.string().nullable(),
        provider: z.string().nullable(),
        model: z.string().nullable(),
        promptVersion: z.string(),
        confidenceGate: z.number(),
        budget: z.number(),
        usage: z.object({ month: z.string(), tokens: z.number(), requests: z.number() }),
      }),
    )
    .query(({ ctx }) => analystStatus(ctx.pool, ctx.user.id, new Date())),

  recentCalls: protectedProcedure
    .input(z.object({ limit: z.number().int().min(1).max(100).default(20) }).default({ limit: 20 }))
    .output(
      z.array(
        z.object({
          id: z.number(),
          gameId: z.number(),
          home: z.string(),
          away: z.string(),
          startsAt: z.date(),
          provider: z.string(),
          model: z.string(),
          promptVersion: z.string(),
          ok: z.boolean(),
          error: z.string().nullable(),
          tokens: z.number(),
          createdAt: z.date(),
        }),
      ),
    )
    .query(({ ctx, input }) => recentCalls(ctx.pool, ctx.user.id, input.limit)),

  callDetail: protectedProcedure
    .input(z.object({ id: DbId }))
    .query(({ ctx, input }) => callDetail(ctx.pool, ctx.user.id, input.id)),

  inverse: protectedProcedure
    .output(
      z.object({
        rule: z.object({ minBets: z.number(), z: z.number(), windows: z.array(z.number()) }),
        games: z.number(),
        rows: z.array(
          z.object({
            model: z.string(),
            sport: z.string(),
            market: z.string(),
            windowDays: z.number(),
            pick: Summary,
            inverse: Summary,
            verdict: z.enum(["use", "invert", "avoid"]),
            basis: z.string(),
          }),
        ),
      }),
    )
    .query(async ({ ctx }) => {
      const view = await modelInverseView(ctx.pool, ctx.user.id, new Date());
      return { rule: { minBets: INVERSE_MIN_BETS, z: INVERSE_Z, windows: [...INVERSE_WINDOWS_DAYS] }, ...view };
    }),
});
