import type pg from "pg";
import type { PrismaClient } from "@/server/db/generated/client";
import { recordAudit } from "@/server/services/audit/record";

/**
 * Administrators' pause switch per job (JobControl). Both runners ask `isJobPaused` before every run (through
 * `skipReason` in inngest/jobs.ts); a paused job does nothing and records no run, like an idle one.
 */
export async function isJobPaused(pool: pg.Pool, jobId: string): Promise<boolean> {
  const { rowCount } = await pool.query(`SELECT 1 FROM "JobControl" WHERE "jobId" = $1 AND "pausedAt" IS NOT NULL`, [jobId]);
  return (rowCount ?? 0) > 0;
}

export interface Actor {
  id: string;
  email?: string | null;
}

export interface JobControlState {
  jobId: string;
  paused: boolean;
  pausedAt: Date | null;
  pausedBy: string | null;
  reason: string | null;
  /** false when the job already was in the state asked for (nothing written, nothing audited) */
  changed: boolean;
}

/**
 * Pauses a job. Idempotent and safe under concurrent calls: the upsert only sets pausedAt when it is null, so of
 * two simultaneous pauses exactly one changes the row and is audited; the other answers the row as it is.
 */
export async function pauseJob(db: PrismaClient, actor: Actor, jobId: string, reason: string | null): Promise<JobControlState> {
  const by = actor.email ?? actor.id;
  return db.$transaction(async (tx) => {
    const changed = await tx.$queryRaw<{ jobId: string }[]>`
      INSERT INTO "JobControl" ("jobId", "pausedAt", "pausedBy", reason, "updatedAt") VALUES (${jobId}, now(), ${by}, ${reason}, now())
      ON CONFLICT ("jobId") DO UPDATE SET "pausedAt" = now(), "pausedBy" = EXCLUDED."pausedBy", reason = EXCLUDED.reason, "updatedAt" = now()
        WHERE "JobControl"."pausedAt" IS NULL
      RETURNING "jobId"`;
    if (changed.length)
      await recordAudit(tx, { actor, action: "job.pause", target: { type: "job", id: jobId }, details: { reason } });
    return stateOf(await tx.jobControl.findUniqueOrThrow({ where: { jobId } }), changed.length > 0);
  });
}

/** Resumes a paused job; resuming a running job changes nothing. The row stays (who paused it last is in the audit log). */
export async function resumeJob(db: PrismaClient, actor: Actor, jobId: string): Promise<JobControlState> {
  return db.$transaction(async (tx) => {
    const changed = await tx.$queryRaw<{ pausedBy: string | null }[]>`
      UPDATE "JobControl" c SET "pausedAt" = NULL, "pausedBy" = NULL, reason = NULL, "updatedAt" = now()
        FROM (SELECT "jobId", "pausedBy" FROM "JobControl" WHERE "jobId" = ${jobId} AND "pausedAt" IS NOT NULL FOR UPDATE) old
       WHERE c."jobId" = old."jobId"
      RETURNING old."pausedBy"`;
    if (changed.length)
      await recordAudit(tx, { actor, action: "job.resume", target: { type: "job", id: jobId }, details: { pausedBy: changed[0]!.pausedBy } });
    const row = await tx.jobControl.findUnique({ where: { jobId } });
    return row ? stateOf(row, changed.length > 0) : { jobId, paused: false, pausedAt: null, pausedBy: null, reason: null, changed: false };
  });
}

function stateOf(row: { jobId: string; pausedAt: Date | null; pausedBy: string | null; reason: string | null }, changed: boolean): JobControlState {
  return { jobId: row.jobId, paused: row.pausedAt !== null, pausedAt: row.pausedAt, pausedBy: row.pausedBy, reason: row.reason, changed };
}
