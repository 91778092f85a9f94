import { z } from "zod";
import { assertJobExists, listJobs, requestJobRun } from "@/server/services/jobs/admin";
import { pauseJob, resumeJob } from "@/server/services/jobs/control";
import { adminProcedure, router } from "../trpc";

const JobId = z.object({ jobId: z.string().trim().min(1).max(100) });
const actorOf = (user: { id: string; email?: string | null }) => ({ id: user.id, email: user.email ?? null });

/** Administrators' view of the background jobs: their latest runs, "Run now", pause and resume. */
export const jobsRouter = router({
  list: adminProcedure
    .input(z.object({ runs: z.number().int().min(1).max(50).default(10) }).default({ runs: 10 }))
    .query(({ ctx, input }) => listJobs(ctx.db, input.runs)),
  runNow: adminProcedure.input(JobId).mutation(({ ctx, input }) => requestJobRun(ctx.db, actorOf(ctx.user), input.jobId)),
  pause: adminProcedure
    .input(JobId.extend({ reason: z.string().trim().max(500).optional() }))
    .mutation(({ ctx, input }) => {
      assertJobExists(input.jobId);
      return pauseJob(ctx.db, actorOf(ctx.user), input.jobId, input.reason || null);
    }),
  resume: adminProcedure.input(JobId).mutation(({ ctx, input }) => {
    assertJobExists(input.jobId);
    return resumeJob(ctx.db, actorOf(ctx.user), input.jobId);
  }),
});
