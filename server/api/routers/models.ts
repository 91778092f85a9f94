import { z } from "zod";
import { evaluationReportSchema } from "@/server/domain/evaluation/report";
import { FEATURE_GROUPS } from "@/server/domain/features/feature-writer";
import { gamePredictions, getEvaluation, labOptions, listEvaluations, listPredictions, requestEvaluation } from "@/server/services/models/lab";
import { withDailyQuota } from "@/server/services/billing/limits";
import { DbId, MarketSchema } from "../schemas";
import { protectedProcedure, rateLimited, router } from "../trpc";

const Status = z.enum(["QUEUED", "RUNNING", "SUCCEEDED", "FAILED"]);
const EvaluationHead = z.object({
  id: z.number(),
  status: Status,
  progress: z.number(),
  progressNote: z.string().nullable(),
  error: z.string().nullable(),
  models: z.array(z.string()),
  fromSeason: z.number(),
  trainSeasons: z.number().nullable(),
  createdAt: z.date(),
  finishedAt: z.date().nullable(),
  league: z.object({ id: z.number(), name: z.string() }),
});
const ModelName = z.string().regex(/^[a-z+]{2,30}$/, "unknown model name");

export const modelsRouter = router({
  options: protectedProcedure
    .output(
      z.array(
        z.object({
          id: z.number(),
          key: z.string(),
          name: z.string(),
          sport: z.string(),
          games: z.number(),
          firstSeason: z.number().nullable(),
          lastSeason: z.number().nullable(),
          market: MarketSchema,
          models: z.array(z.object({ name: z.string(), group: z.enum(FEATURE_GROUPS), description: z.string() })),
        }),
      ),
    )
    .query(({ ctx }) => labOptions(ctx.pool)),

  evaluate: protectedProcedure
    .use(rateLimited("models.evaluate", 10, 60 * 60_000))
    .input(
      z.object({
        leagueId: DbId,
        models: z.array(ModelName).min(1, "pick at least one model").max(10),
        fromSeason: z.number().int().min(1900).max(2100),
        trainSeasons: z.number().int().min(2).max(50).nullable().default(null),
      }),
    )
    .output(z.object({ id: z.number() }))
    .mutation(({ ctx, input }) =>
      withDailyQuota(ctx.pool, ctx.user.id, "modelEvaluationsPerDay", () => requestEvaluation(ctx.db, ctx.pool, ctx.user.id, input)),
    ),

  evaluations: protectedProcedure.output(z.array(EvaluationHead)).query(({ ctx }) => listEvaluations(ctx.db, ctx.user.id)),

  evaluation: protectedProcedure
    .input(z.object({ id: DbId }))
    .output(
      EvaluationHead.extend({
        report: evaluationReportSchema.nullable(),
        reportNotice: z.string().nullable(),
        versions: z.array(
          z.object({
            id: z.number(),
            name: z.string(),
            version: z.number(),
            kind: z.string(),
            featureGroup: z.string(),
            trainGames: z.number(),
            trainedFrom: z.date(),
            trainedTo: z.date(),
            artifactBytes: z.number(),
            predictions: z.number(),
          }),
        ),
      }),
    )
    .query(({ ctx, input }) => getEvaluation(ctx.db, ctx.user.id, input.id)),

  forGame: protectedProcedure
    .input(z.object({ gameId: DbId }))
    .output(
      z.array(
        z.object({
          model: z.string(),
          version: z.number(),
          group: z.string(),
          evaluationId: z.number().nullable(),
          probabilities: z.record(z.string(), z.number()),
          predictedAt: z.date(),
        }),
      ),
    )
    .query(({ ctx, input }) => gamePredictions(ctx.db, ctx.user.id, input.gameId)),

  predictions: protectedProcedure
    .input(z.object({ modelVersionId: DbId }))
    .output(
      z.object({
        version: z.object({ id: z.number(), name: z.string(), version: z.number() }),
        predictions: z.array(
          z.object({ gameId: z.number(), startsAt: z.date(), home: z.string(), away: z.string(), probabilities: z.record(z.string(), z.number()), featuresHash: z.string() }),
        ),
      }),
    )
    .query(({ ctx, input }) => listPredictions(ctx.db, ctx.user.id, input.modelVersionId)),
});
