import { inngest } from "./client";
import { JOBS, type JobStep } from "./jobs";
import type { AppEvent } from "@/server/jobs/events";

/** One Inngest function per job; one run at a time per job, since each run takes all pending work. */
export const functions = JOBS.map((job) =>
  inngest.createFunction(
    { id: job.id, name: job.name, triggers: [{ cron: job.cron }, ...job.events.map((event) => ({ event }))], concurrency: { limit: 1 }, ...(job.debounce ? { debounce: job.debounce } : {}) },
    async ({ event, step }) => {
      const idle = await job.idle?.();
      if (idle) return { idle };
      const appEvent = job.events.includes(event.name as AppEvent["name"]) ? (event as unknown as AppEvent) : null;
      return job.run({ event: appEvent, step: step as unknown as JobStep });
    },
  ),
);
