import { z } from "zod";

/**
 * Events the application publishes for background jobs. Who delivers them is decided at start-up: the
 * Inngest client when Inngest is configured, the in-process local runner otherwise (see inngest/).
 * Without either (a CLI process), publishing does nothing and the schedules pick the work up.
 */
export const EVENTS = {
  /** Results were stored for some games (an import, a score feed): open bets on them can be graded. */
  resultsStored: "linesmith/results.stored",
  /** A user asked for a model evaluation: run the queued evaluations. */
  evaluationRequested: "linesmith/evaluation.requested",
  /** New (moved) price snapshots were stored for some games by live collection: upcoming predictions are
   *  re-scored and bots that run on odds updates look again. */
  oddsStored: "linesmith/odds.stored",
  /** A user asked for a strategy backtest: run the queued backtests. */
  backtestRequested: "linesmith/backtest.requested",
  /** A notification was recorded for background delivery: send its deliveries. */
  notificationCreated: "linesmith/notification.created",
  /** An administrator asked for one run of a job now ("Run now" at /admin/jobs): only that job runs. */
  jobRequested: "linesmith/job.requested",
} as const;

export const EventSchemas = {
  [EVENTS.resultsStored]: z.object({ gameIds: z.array(z.number().int().positive()).max(100_000).optional(), importRunId: z.string().optional() }),
  [EVENTS.evaluationRequested]: z.object({ evaluationId: z.number().int().positive() }),
  [EVENTS.backtestRequested]: z.object({ backtestId: z.number().int().positive() }),
  [EVENTS.notificationCreated]: z.object({ notificationId: z.number().int().positive() }),
  [EVENTS.oddsStored]: z.object({ gameIds: z.array(z.number().int().positive()).max(100_000) }),
  // requestedBy: the administrator's email (or id), recorded as the run's trigger
  [EVENTS.jobRequested]: z.object({ jobId: z.string().min(1).max(100), requestedBy: z.string().min(1).max(320) }),
};

export type EventName = keyof typeof EventSchemas;
export type AppEvent<N extends EventName = EventName> = { name: N; data: z.infer<(typeof EventSchemas)[N]> };

type Publisher = (event: AppEvent) => Promise<void>;
const holder = globalThis as unknown as { linesmithPublisher?: Publisher };

export function setEventPublisher(publisher: Publisher): void {
  holder.linesmithPublisher = publisher;
}

/** Whether anything delivers events in this process (Inngest or the local runner); a CLI process has neither. */
export function hasEventPublisher(): boolean {
  return holder.linesmithPublisher !== undefined;
}

export async function publishEvent<N extends EventName>(event: AppEvent<N>): Promise<void> {
  EventSchemas[event.name].parse(event.data);
  await holder.linesmithPublisher?.(event as AppEvent);
}
