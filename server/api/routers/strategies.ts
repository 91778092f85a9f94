import { z } from "zod";
import { StrategyV1 } from "@/server/domain/strategies/schema";
import { getBacktest, listBacktests, requestBacktest } from "@/server/services/backtests/backtests";
import { BacktestOptions, Sweep } from "@/server/services/backtests/request";
import { backtestBetsCsv } from "@/server/services/backtests/export";
import { previewBacktest } from "@/server/services/backtests/preview";
import { allowanceFor, assertWithinLimit, withDailyQuota } from "@/server/services/billing/limits";
import { archiveStrategy, getStrategy, listStrategies, saveStrategy } from "@/server/services/strategies/strategies";
import { DbId, Version } from "../schemas";
import { protectedProcedure, rateLimited, router } from "../trpc";

const Hash = z.string().length(64);
const StrategyHead = z.object({
  id: z.number(),
  name: z.string(),
  version: z.number(),
  hash: Hash.nullable(),
  archivedAt: z.date().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
const BacktestHead = z.object({
  id: z.number(),
  strategyId: z.number(),
  strategyVersionId: z.number(),
  strategyHash: Hash,
  status: z.enum(["QUEUED", "RUNNING", "SUCCEEDED", "FAILED"]),
  progress: z.number(),
  progressNote: z.string().nullable(),
  error: z.string().nullable(),
  request: z.object({
    fromSeason: z.number().nullable(),
    toSeason: z.number().nullable(),
    leagues: z.array(z.string()),
    sweep: Sweep.nullable(),
    // The signal tier thresholds the run used (absent on runs from before tiers were a system setting).
    tiers: z.object({ a: z.number(), b: z.number(), c: z.number() }).optional(),
  }),
  codeVersion: z.string(),
  dataFrom: z.date().nullable(),
  dataTo: z.date().nullable(),
  createdAt: z.date(),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
});
const Saved = z.object({ id: z.number(), version: z.number(), hash: Hash });

export const strategiesRouter = router({
  list: protectedProcedure
    .input(z.object({ archived: z.boolean().default(false) }).default({ archived: false }))
    .output(z.array(StrategyHead))
    .query(({ ctx, input }) => listStrategies(ctx.pool, ctx.user.id, input)),

  get: protectedProcedure
    .input(z.object({ id: DbId }))
    .output(
      StrategyHead.extend({
        definition: StrategyV1.nullable(),
        versions: z.array(z.object({ id: z.number(), hash: Hash, createdAt: z.date() })),
        backtests: z.array(BacktestHead),
      }),
    )
    .query(async ({ ctx, input }) => {
      const strategy = await getStrategy(ctx.pool, ctx.user.id, input.id);
      return { ...strategy, backtests: await listBacktests(ctx.pool, ctx.user.id, input.id) };
    }),

  /** Creates (no id) or saves a strategy; the content is parsed by the strategy schema in the service. */
  save: protectedProcedure
    .input(z.object({ id: DbId.optional(), version: Version.optional(), strategy: z.unknown() }))
    .output(Saved)
    .mutation(async ({ ctx, input }) =>
      saveStrategy(ctx.pool, ctx.user.id, input, input.id === undefined ? await allowanceFor(ctx.pool, ctx.user.id, "strategies") : undefined),
    ),

  archive: protectedProcedure
    .input(z.object({ id: DbId, version: Version }))
    .output(z.object({ id: z.number(), version: z.number() }))
    .mutation(({ ctx, input }) => archiveStrategy(ctx.pool, ctx.user.id, input)),

  requestBacktest: protectedProcedure
    .use(rateLimited("strategies.requestBacktest", 60, 60 * 60_000))
    .input(
      z.object({ strategyId: DbId, idempotencyKey: z.uuid("send a UUID as the request key") }).and(BacktestOptions),
    )
    .output(z.object({ backtestId: z.number() }))
    .mutation(async ({ ctx, input }) => {
      if (input.sweep) {
        const variants = input.sweep.parameters.reduce((n, p) => n * p.values.length, 1);
        await assertWithinLimit(ctx.pool, ctx.user.id, "sweepVariants", { current: 0, adding: variants });
      }
      // A retry with the same request key was counted when it was first sent.
      const isRetry = async () =>
        (await ctx.pool.query(`SELECT 1 FROM "Backtest" WHERE "requestKey" = $1`, [`${ctx.user.id}:${input.idempotencyKey}`])).rowCount! > 0;
      return withDailyQuota(ctx.pool, ctx.user.id, "backtestsPerDay", () => requestBacktest(ctx.pool, ctx.user.id, input), { isRetry });
    }),

  backtest: protectedProcedure
    .input(z.object({ id: DbId }))
    .output(BacktestHead.extend({ report: z.unknown() }))
    .query(({ ctx, input }) => getBacktest(ctx.pool, ctx.user.id, input.id)),

  /**
   * The builder's live mini-backtest on the last completed season; invalid strategies come back as errors, not a
   * 400. A mutation only so that a large strategy travels in the body, not the address; it writes nothing.
   */
  preview: protectedProcedure
    .use(rateLimited("strategies.preview", 240, 60_000))
    .input(z.object({ strategy: z.unknown() }))
    .mutation(({ ctx, input }) => previewBacktest(ctx.pool, ctx.user.id, input.strategy)),

  /** Every bet of a finished run as CSV (also at GET /api/v1/backtests/{id}/bets.csv). */
  backtestBetsCsv: protectedProcedure
    .input(z.object({ id: DbId }))
    .output(z.object({ csv: z.string(), fileName: z.string() }))
    .query(({ ctx, input }) => backtestBetsCsv(ctx.pool, ctx.user.id, input.id)),

  backtests: protectedProcedure
    .input(z.object({ strategyId: DbId }))
    .output(z.array(BacktestHead))
    .query(({ ctx, input }) => listBacktests(ctx.pool, ctx.user.id, input.strategyId)),
});
