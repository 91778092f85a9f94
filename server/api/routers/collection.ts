import { z } from "zod";
import { env } from "@/server/env";
import { collectionHealth } from "@/server/services/collection/health";
import { providers } from "@/server/services/collection/providers";
import { resolveReviewedName, teamsForReview } from "@/server/services/collection/review";
import { DbId } from "../schemas";
import { adminProcedure, router } from "../trpc";

const date = z.date().nullable();

export const collectionRouter = router({
  health: adminProcedure
    .input(z.object({ runs: z.number().int().min(1).max(200).default(50) }).default({ runs: 50 }))
    .output(
      z.object({
        providers: z.array(
          z.object({
            provider: z.string(),
            notConfigured: z.string().nullable(),
            lastSuccessAt: date,
            lastErrorAt: date,
            lastError: z.string().nullable(),
            consecutiveFailures: z.number(),
            circuitOpenUntil: date,
            skippedReason: z.string().nullable(),
            lastSkippedAt: date,
            quotaRemaining: z.number().nullable(),
            quotaUsed: z.number().nullable(),
          }),
        ),
        runs: z.array(
          z.object({
            id: z.number(),
            provider: z.string(),
            trigger: z.string(),
            startedAt: z.date(),
            finishedAt: date,
            ok: z.boolean().nullable(),
            error: z.string().nullable(),
            counts: z.record(z.string(), z.unknown()).nullable(),
          }),
        ),
        reviewQueue: z.array(
          z.object({
            id: z.number(),
            provider: z.string(),
            league: z.string(),
            name: z.string(),
            seen: z.number(),
            firstSeenAt: z.date(),
            lastSeenAt: z.date(),
          }),
        ),
      }),
    )
    .query(({ ctx, input }) => collectionHealth(ctx.pool, providers(env()), { runs: input.runs })),

  /** Teams a queued name can be resolved to (its league's). */
  reviewTeams: adminProcedure
    .input(z.object({ reviewId: DbId }))
    .output(z.array(z.object({ id: z.number(), name: z.string() })))
    .query(({ ctx, input }) => teamsForReview(ctx.pool, input.reviewId)),

  /** Resolves a queued name to a team: it becomes that team's alias for every later poll. */
  resolveName: adminProcedure
    .input(z.object({ reviewId: DbId, teamId: DbId }))
    .output(z.object({ alias: z.string() }))
    .mutation(({ ctx, input }) => resolveReviewedName(ctx.pool, input)),
});
