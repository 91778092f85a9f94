import { randomUUID } from "node:crypto";
import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiCaller, type Who } from "../../support/api-caller";

const { prisma, pool, caller } = apiCaller();
const { startLocalRunner } = await import("@/inngest/local-runner");
const { bulkPool } = await import("@/server/db/client");
const { EVENTS, setEventPublisher } = await import("@/server/jobs/events");
const { functions } = await import("@/inngest/functions");

// A real job whose body is harmless on a shared database (re-scores upcoming games; unchanged rows write nothing).
const JOB = "score-upcoming";
let admin: Who;
let user: Who;
let runner: ReturnType<typeof startLocalRunner>;

const runsOf = (since: number) => prisma.jobRun.findMany({ where: { job: JOB, id: { gt: since } }, orderBy: { id: "asc" } });
const lastRunId = async () => (await prisma.jobRun.findFirst({ orderBy: { id: "desc" }, select: { id: true } }))?.id ?? 0;
const auditsOf = (actorId: string, action: string) => prisma.auditLog.findMany({ where: { actorId, action, targetId: JOB } });

beforeAll(async () => {
  await prisma.jobControl.deleteMany({ where: { jobId: JOB } });
  admin = await prisma.user.create({ data: { email: `jobs-admin-${randomUUID()}@example.com`, role: "ADMIN" }, select: { id: true, role: true } });
  user = await prisma.user.create({ data: { email: `jobs-user-${randomUUID()}@example.com` }, select: { id: true, role: true } });
  runner = startLocalRunner(pool, { schedules: false, log: () => {} });
});

afterAll(async () => {
  runner.stop();
  setEventPublisher(undefined as never);
  await prisma.jobControl.deleteMany({ where: { jobId: JOB } });
  await bulkPool.end();
});

describe("admin jobs", () => {
  it("refuses everyone but administrators", async () => {
    for (const call of [
      () => caller(user).jobs.list(),
      () => caller(user).jobs.pause({ jobId: JOB }),
      () => caller(user).jobs.resume({ jobId: JOB }),
      () => caller(user).jobs.runNow({ jobId: JOB }),
    ])
      await expect(call()).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await prisma.jobControl.count({ where: { jobId: JOB } })).toBe(0);
  });

  it("lists every job with its schedule, events and pause state", async () => {
    const jobs = await caller(admin).jobs.list({ runs: 5 });
    const job = jobs.find((j) => j.id === JOB)!;
    expect(job).toMatchObject({ cron: "*/15 * * * *", events: ["linesmith/odds.stored"], paused: false });
    expect(jobs.map((j) => j.id)).toContain("settle-bets");
  });

  it("an unknown job is NOT_FOUND", async () => {
    await expect(caller(admin).jobs.pause({ jobId: "no-such-job" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("Run now runs the job once through the local runner and records who asked", async () => {
    const since = await lastRunId();
    await caller(admin).jobs.runNow({ jobId: JOB });
    await runner.idle();
    const runs = await runsOf(since);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ trigger: `manual:${admin.id}` });
    expect(runs[0]!.finishedAt).not.toBeNull();
    expect(await auditsOf(admin.id, "job.trigger")).toHaveLength(1);
  });

  it("two parallel pauses leave one paused row and one audit entry; the runner then skips the job", async () => {
    const results = await Promise.all([caller(admin).jobs.pause({ jobId: JOB, reason: "maintenance" }), caller(admin).jobs.pause({ jobId: JOB, reason: "maintenance" })]);
    expect(results.every((r) => r.paused)).toBe(true);
    expect(results.filter((r) => r.changed)).toHaveLength(1);
    const rows = await prisma.jobControl.findMany({ where: { jobId: JOB } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ pausedBy: admin.id, reason: "maintenance" });
    expect(rows[0]!.pausedAt).not.toBeNull();
    expect(await auditsOf(admin.id, "job.pause")).toHaveLength(1);
    expect((await caller(admin).jobs.list()).find((j) => j.id === JOB)).toMatchObject({ paused: true, pausedBy: admin.id });

    // The real runner, triggered directly (as its cron or an event would): nothing runs, nothing is recorded.
    const since = await lastRunId();
    await runner.trigger(JOB);
    await runner.idle();
    expect(await runsOf(since)).toHaveLength(0);

    // The Inngest function makes the same check: on "Run now"'s event it does nothing while paused.
    const fn = functions.find((f) => f.id().endsWith(JOB))!;
    const { result } = await new InngestTestEngine({ function: fn }).execute({ events: [{ name: EVENTS.jobRequested, data: { jobId: JOB, requestedBy: admin.id } }] });
    expect(result).toEqual({ idle: "paused by an administrator" });
  });

  it("refuses Run now while paused, with what to do", async () => {
    const since = await lastRunId();
    await expect(caller(admin).jobs.runNow({ jobId: JOB })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/paused: resume it first/) });
    await runner.idle();
    expect(await runsOf(since)).toHaveLength(0);
    expect(await auditsOf(admin.id, "job.trigger")).toHaveLength(1);
  });

  it("resume restores the runs; resuming again changes nothing", async () => {
    expect(await caller(admin).jobs.resume({ jobId: JOB })).toMatchObject({ paused: false, changed: true });
    expect(await caller(admin).jobs.resume({ jobId: JOB })).toMatchObject({ paused: false, changed: false });
    expect(await auditsOf(admin.id, "job.resume")).toHaveLength(1);
    const since = await lastRunId();
    await runner.trigger(JOB);
    await runner.idle();
    expect(await runsOf(since)).toHaveLength(1);
  });
});
