import { inngest } from "./client";
import { JOBS, skipReason, type JobStep } from "./jobs";
import { bulkPool } from "@/server/db/client";
import { EVENTS, type AppEvent } from "@/server/jobs/events";

/**
 * One Inngest function per job; one run at a time per job, since each run takes all pending work. Each also
 * listens to an administrator's "Run now" (EVENTS.jobRequested) for its own id only.
 */
export const functions = JOBS.map((job) =>
  inngest.createFunction(
    {
      id: job.id,
      name: job.name,
      triggers: [
        { cron: job.cron },
        ...job.events.map((event) => ({ event })),
        { event: EVENTS.jobRequested, if: `event.data.jobId == ${JSON.stringify(job.id)}` },
      ],
      concurrency: { limit: 1 },
      ...(job.debounce ? { debounce: job.debounce } : {}),
    },
    async ({ event, step }) => {
      const idle = await skipReason(job, bulkPool);
      if (idle) return { idle };
      const appEvent = job.events.includes(event.name as AppEvent["name"]) ? (event as unknown as AppEvent) : null;
      return job.run({ event: appEvent, step: step as unknown as JobStep });
    },
  ),
);
