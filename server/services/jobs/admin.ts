import { JOBS } from "@/inngest/jobs";
import type { PrismaClient } from "@/server/db/generated/client";
import { AppError } from "@/server/errors";
import { EVENTS, hasEventPublisher, publishEvent } from "@/server/jobs/events";
import { recordAudit } from "@/server/services/audit/record";
import type { Actor } from "./control";

/** Every job of inngest/jobs.ts with its pause state and its latest runs (newest first), for /admin/jobs. */
export async function listJobs(db: PrismaClient, runsPerJob: number) {
  const [controls, runs] = await Promise.all([
    db.jobControl.findMany(),
    // The latest runs of each job in one query (JobRun is indexed by job, startedAt desc).
    db.$queryRaw<{ id: number; job: string; trigger: string; startedAt: Date; finishedAt: Date | null; ok: boolean | null; result: unknown; error: string | null }[]>`
      SELECT r.* FROM unnest(${JOBS.map((j) => j.id)}::text[]) AS j(id)
      CROSS JOIN LATERAL (SELECT id, job, trigger, "startedAt", "finishedAt", ok, result, error FROM "JobRun"
                           WHERE job = j.id ORDER BY "startedAt" DESC LIMIT ${runsPerJob}) r`,
  ]);
  return JOBS.map((job) => {
    const control = controls.find((c) => c.jobId === job.id);
    return {
      id: job.id,
      name: job.name,
      cron: job.cron,
      events: [...job.events],
      paused: Boolean(control?.pausedAt),
      pausedAt: control?.pausedAt ?? null,
      pausedBy: control?.pausedAt ? control.pausedBy : null,
      reason: control?.pausedAt ? control.reason : null,
      runs: runs
        .filter((r) => r.job === job.id)
        .map((r) => ({
          id: r.id,
          trigger: r.trigger,
          startedAt: r.startedAt,
          finishedAt: r.finishedAt,
          ok: r.ok,
          result: r.result ?? null,
          error: r.error,
        })),
    };
  });
}

export function assertJobExists(jobId: string): void {
  if (!JOBS.some((j) => j.id === jobId)) throw new AppError("NOT_FOUND", `There is no job "${jobId}": pick one from the list.`);
}

/**
 * "Run now": one run of the job through whichever runner this process uses (the local runner queues it behind
 * a run in progress; Inngest receives EVENTS.jobRequested, which only that job's function listens to). A paused
 * job is refused; the request is audited in a transaction that holds the job's control row, so a pause cannot
 * slip between the check and the audit entry.
 */
export async function requestJobRun(db: PrismaClient, actor: Actor, jobId: string): Promise<{ jobId: string; requested: true }> {
  assertJobExists(jobId);
  if (!hasEventPublisher())
    throw new AppError("CONFLICT", "No job runner is running in this server: set LOCAL_JOBS=on or configure Inngest, then try again.");
  await db.$transaction(async (tx) => {
    const control = await tx.$queryRaw<{ pausedAt: Date | null }[]>`SELECT "pausedAt" FROM "JobControl" WHERE "jobId" = ${jobId} FOR SHARE`;
    if (control[0]?.pausedAt)
      throw new AppError("CONFLICT", `The job "${jobId}" is paused: resume it first to run it now.`);
    await recordAudit(tx, { actor, action: "job.trigger", target: { type: "job", id: jobId } });
  });
  await publishEvent({ name: EVENTS.jobRequested, data: { jobId, requestedBy: actor.email ?? actor.id } });
  return { jobId, requested: true };
}
