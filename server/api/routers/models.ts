import { z } from "zod";
import type { EvaluationReport } from "@/server/ml/evaluate";
import { gamePredictions, getEvaluation, labOptions, listEvaluations, listPredictions, requestEvaluation } from "@/server/services/models/lab";
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
          market: z.enum(["1X2", "MONEYLINE"]),
          models: z.array(z.object({ name: z.string(), group: z.enum(["stats-only", "market-aware"]), description: z.string() })),
        }),
      ),
    )
    .query(() => labOptions()),

  evaluate: protectedProcedure
    .use(rateLimited("models.evaluate", 10, 60 * 60_000))
    .input(
      z.object({
        leagueId: z.number().int().positive(),
        models: z.array(ModelName).min(1, "pick at least one model").max(10),
        fromSeason: z.number().int().min(1900).max(2100),
        trainSeasons: z.number().int().min(2).max(50).nullable().default(null),
      }),
    )
    .output(z.object({ id: z.number() }))
    .mutation(({ ctx, input }) => requestEvaluation(ctx.db, ctx.user.id, input)),

  evaluations: protectedProcedure.output(z.array(EvaluationHead)).query(({ ctx }) => listEvaluations(ctx.db, ctx.user.id)),

  evaluation: protectedProcedure
    .input(z.object({ id: z.number().int().positive() }))
    .output(
      EvaluationHead.extend({
        report: z.custom<EvaluationReport>().nullable(),
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
    .input(z.object({ gameId: z.number().int().positive() }))
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
    .input(z.object({ modelVersionId: z.number().int().positive() }))
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
