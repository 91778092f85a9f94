import { z } from "zod";
import { VIG_METHODS } from "@/server/domain/odds";
import { AppError } from "@/server/errors";
import { scannerDelay } from "@/server/services/billing/limits";
import { scanMarkets } from "@/server/services/scanners/scan-day";
import { scanWithStrategy } from "@/server/services/scanners/strategy-scan";
import { DbId, MarketSchema } from "../schemas";
import { protectedProcedure, rateLimited, router } from "../trpc";

const DAY_MS = 86_400_000;

export const scannersRouter = router({
  scan: protectedProcedure
    .use(rateLimited("scanners.scan", 30, 60_000))
    .input(
      z.object({
        day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "day is YYYY-MM-DD"),
        days: z.number().int().min(1).max(7).default(1),
        asOf: z.date().nullable().default(null),
        sport: z.string().trim().max(32).optional(),
        league: z.string().trim().max(64).optional(),
        market: MarketSchema.optional(),
        minEv: z.number().min(-1).max(1).default(0.02),
        vigMethod: z.enum(VIG_METHODS as [string, ...string[]]).default("multiplicative"),
        // Absent: the system's Kelly defaults (/admin/settings).
        kellyFraction: z.number().min(0).max(1).optional(),
        kellyCap: z.number().min(0).max(1).optional(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const from = new Date(`${input.day}T00:00:00Z`);
      if (Number.isNaN(from.getTime())) throw new AppError("BAD_REQUEST", `${input.day} is not a date.`);
      const { pricesKnownBy } = await scannerDelay(ctx.pool, ctx.user.id);
      return scanMarkets(ctx.pool, {
        pricesKnownBy,
        from,
        to: new Date(from.getTime() + input.days * DAY_MS),
        asOf: input.asOf,
        sport: input.sport,
        league: input.league,
        market: input.market,
        options: { minEv: input.minEv, vigMethod: input.vigMethod as (typeof VIG_METHODS)[number], kelly: { fraction: input.kellyFraction, maxFraction: input.kellyCap } },
      });
    }),
  /** A saved strategy over the games starting in the next hours, on the prices known now. */
  withStrategy: protectedProcedure
    .use(rateLimited("scanners.withStrategy", 30, 60_000))
    .input(z.object({ strategyId: DbId, hours: z.union([z.literal(24), z.literal(48), z.literal(168)]).default(48) }))
    .query(async ({ ctx, input }) => {
      const now = new Date();
      const { pricesKnownBy } = await scannerDelay(ctx.pool, ctx.user.id, now);
      return scanWithStrategy(ctx.pool, ctx.user.id, { strategyId: input.strategyId, hours: input.hours, now, pricesKnownBy });
    }),
  /** How delayed this user's scanners are (the plan's scannerDelayMinutes), for the page's notice. */
  delay: protectedProcedure
    .output(z.object({ minutes: z.number().int().min(0), notice: z.string().nullable() }))
    .query(async ({ ctx }) => {
      const { minutes, notice } = await scannerDelay(ctx.pool, ctx.user.id);
      return { minutes, notice };
    }),
});
