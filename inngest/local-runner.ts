import { Cron } from "croner";
import type pg from "pg";
import { EVENTS, setEventPublisher, type AppEvent } from "@/server/jobs/events";
import { observeJobRun } from "@/server/services/metrics/registry";
import { JOBS, skipReason, type Job } from "./jobs";
import { log } from "@/server/log";

const logger = log.child({ module: "jobs" });

/**
 * Runs the jobs in-process when no Inngest server is configured (the zero-setup default): each job's cron
 * schedule through croner, and its events as soon as they are published. One run per job at a time; an
 * event that arrives during a run queues one more run, so nothing is missed and nothing piles up. A failed
 * run is retried twice with a pause, and every run is recorded in JobRun.
 */
export interface LocalRunner {
  trigger(jobId: string, event?: AppEvent | null): Promise<void>;
  idle(): Promise<void>;
  stop(): void;
}

const RETRY_DELAYS_MS = [2_000, 10_000];

export function startLocalRunner(pool: pg.Pool, opts: { schedules?: boolean; log?: (line: string) => void } = {}): LocalRunner {
  const log = opts.log ?? ((line) => logger.info(`[jobs] ${line}`));
  const state = new Map<string, { running: Promise<void> | null; queued: { event: AppEvent | null; origin: string } | undefined }>();
  const crons = opts.schedules === false ? [] : JOBS.map((job) => new Cron(job.cron, { protect: true, timezone: "UTC" }, () => void trigger(job.id, null, "cron")));

  async function execute(job: Job, event: AppEvent | null, origin: string): Promise<void> {
    if (await skipReason(job, pool)) return;
    const { rows } = await pool.query<{ id: number }>(`INSERT INTO "JobRun" (job, trigger) VALUES ($1, $2) RETURNING id`, [job.id, origin]);
    const runId = rows[0]!.id;
    const started = performance.now();
    for (let attempt = 0; ; attempt++) {
      try {
        const result = await job.run({ event, step: { run: (_id, fn) => fn() } });
        await pool.query(`UPDATE "JobRun" SET "finishedAt" = now(), ok = true, result = $2 WHERE id = $1`, [runId, JSON.stringify(result ?? null)]);
        observeJobRun(job.id, "succeeded", (performance.now() - started) / 1000);
        log(`${job.id} (${origin}) done: ${JSON.stringify(result)}`);
        return;
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        if (attempt >= RETRY_DELAYS_MS.length) {
          await pool.query(`UPDATE "JobRun" SET "finishedAt" = now(), ok = false, error = $2 WHERE id = $1`, [runId, message.slice(0, 2000)]);
          observeJobRun(job.id, "failed", (performance.now() - started) / 1000);
          log(`${job.id} (${origin}) failed after ${attempt + 1} attempts: ${message}`);
          return;
        }
        await new Promise((r) => setTimeout(r, RETRY_DELAYS_MS[attempt]));
      }
    }
  }

  function trigger(jobId: string, event: AppEvent | null = null, origin = "manual"): Promise<void> {
    const job = JOBS.find((j) => j.id === jobId);
    if (!job) return Promise.reject(new Error(`no job "${jobId}"`));
    const s = state.get(jobId) ?? { running: null, queued: undefined };
    state.set(jobId, s);
    if (s.running) {
      // An administrator's request keeps its origin ("manual:<who>") on the queued run; others read "queued".
      s.queued = { event, origin: origin.startsWith("manual") ? origin : "queued" };
      return s.running;
    }
    s.running = (async () => {
      let next: { event: AppEvent | null; origin: string } | undefined = { event, origin };
      while (next !== undefined) {
        s.queued = undefined;
        await execute(job, next.event, next.origin).catch((e) => log(`${job.id} could not record its run: ${(e as Error).message}`));
        next = s.queued;
      }
      s.running = null;
    })();
    return s.running;
  }

  setEventPublisher(async (event) => {
    // "Run now": queued like any trigger, so it waits for a run in progress instead of running beside it.
    if (event.name === EVENTS.jobRequested) {
      const { jobId, requestedBy } = (event as AppEvent<typeof EVENTS.jobRequested>).data;
      void trigger(jobId, null, `manual:${requestedBy}`).catch((e: Error) => log(e.message));
      return;
    }
    for (const job of JOBS.filter((j) => j.events.includes(event.name))) void trigger(job.id, event, `event:${event.name}`);
  });

  return {
    trigger: (jobId, event) => trigger(jobId, event ?? null),
    idle: async () => {
      while ([...state.values()].some((s) => s.running)) await Promise.all([...state.values()].map((s) => s.running));
    },
    stop: () => crons.forEach((c) => c.stop()),
  };
}
