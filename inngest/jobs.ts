import { bulkPool, db } from "@/server/db/client";
import { EVENTS, type AppEvent } from "@/server/jobs/events";
import { env } from "@/server/env";
import { anyActiveAlertRule, evaluateAlerts, evaluateAlertsScheduled } from "@/server/services/alerts/evaluate";
import { settleOpenBets } from "@/server/services/bets/settle";
import { gradeBots } from "@/server/services/bots/grade";
import { runDueBots } from "@/server/services/bots/run";
import { runQueuedBacktests } from "@/server/services/backtests/backtests";
import { runCollectionJob, type CollectionKind } from "@/server/services/collection/jobs";
import { PROVIDER_KINDS, providers } from "@/server/services/collection/providers";
import { runQueuedEvaluations } from "@/server/services/models/evaluations";
import { isJobPaused } from "@/server/services/jobs/control";
import { deliverPending, hasDueDeliveries } from "@/server/services/notify";
import { trainerFromEnv } from "@/server/services/models/trainer";
import { scoreUpcoming } from "@/server/services/upcoming/rescore";

/**
 * Every background job, once: its triggers and its body. inngest/functions.ts turns them into Inngest
 * functions; inngest/local-runner.ts runs the same bodies in-process when no Inngest server is configured.
 * Bodies put side effects inside `step.run` so Inngest can retry a step without repeating the others.
 */
export interface JobStep {
  run<T>(id: string, fn: () => Promise<T>): Promise<T>;
}

export interface Job {
  id: string;
  name: string;
  cron: string;
  events: AppEvent["name"][];
  run(input: { event: AppEvent | null; step: JobStep }): Promise<unknown>;
  /** A reason to do nothing at all this time (not even record a run), or null to run. */
  idle?(): string | null | Promise<string | null>;
  /**
   * Inngest's debounce: a burst of events makes one run, `period` after the last. The local runner gets the
   * same effect from its queue (one run at a time, at most one queued behind it).
   */
  debounce?: { period: `${number}s` };
}

export const settleBetsJob: Job = {
  id: "settle-bets",
  name: "Grade and settle open bets on finished games, then add bots' results to their records",
  // The schedule catches results stored by processes that publish no events (the import and collect CLIs).
  cron: "*/10 * * * *",
  events: [EVENTS.resultsStored],
  run: async ({ event, step }) => {
    const gameIds =
      event?.name === EVENTS.resultsStored ? (event as AppEvent<typeof EVENTS.resultsStored>).data.gameIds : undefined;
    const settlement = await step.run("settle-open-bets", () => settleOpenBets(bulkPool, gameIds ? { gameIds } : {}));
    // Bots' paper bets settle above like any bet; their records then gain a result entry per settled pick.
    // One job, in this order: a separate job on the same event would race settlement and grade nothing.
    const graded = await step.run("grade-bot-picks", () => gradeBots(db));
    return { ...settlement, graded };
  },
};

export const evaluateModelsJob: Job = {
  id: "evaluate-models",
  name: "Run queued model evaluations (walk-forward, registry, predictions)",
  // The schedule picks up evaluations queued while no runner was listening.
  cron: "*/5 * * * *",
  events: [EVENTS.evaluationRequested],
  run: async ({ step }) =>
    step.run("run-queued-evaluations", () =>
      runQueuedEvaluations(bulkPool, trainerFromEnv(), env().MODEL_ARTIFACT_DIR),
    ),
};

export const runBacktestsJob: Job = {
  id: "run-backtests",
  name: "Run queued strategy backtests",
  // The schedule picks up backtests queued while no runner was listening.
  cron: "*/5 * * * *",
  events: [EVENTS.backtestRequested],
  run: async ({ step }) => step.run("run-queued-backtests", () => runQueuedBacktests(bulkPool)),
};

export const runBotsJob: Job = {
  id: "run-bots",
  name: "Run due bots (fixed times, and on-odds bots when new prices were stored)",
  // Every minute for fixed-time bots; the odds event wakes the on-odds bots.
  cron: "* * * * *",
  events: [EVENTS.oddsStored],
  run: async ({ event, step }) =>
    step.run("run-due-bots", () =>
      runDueBots({ db, pool: bulkPool }, new Date(), { oddsStored: event?.name === EVENTS.oddsStored }),
    ),
};

export const scoreUpcomingJob: Job = {
  id: "score-upcoming",
  name: "Re-score upcoming games' predictions when their data change",
  // Odds are stored every minute near kick-off: one scoring pass per 30 s of quiet is enough. The schedule
  // catches snapshots stored by processes that publish no events (the collect CLI).
  cron: "*/15 * * * *",
  events: [EVENTS.oddsStored],
  debounce: { period: "30s" },
  // Every upcoming game of the leagues with models: a debounced run keeps only the last event's payload, so
  // it re-scores them all; unchanged features write nothing.
  run: async ({ step }) => step.run("score-upcoming", () => scoreUpcoming(bulkPool)),
};

export const evaluateAlertsJob: Job = {
  id: "evaluate-alerts",
  name: "Match users' alert rules (value bets, steam, target prices) on newly stored odds; check models' calibration",
  // The event carries the games whose odds moved; the schedule catches odds stored by the collect CLI and
  // checks calibration-drift rules (their input is final scores, which no odds event announces).
  // No debounce: a debounced run would keep only the last event's games.
  cron: "*/15 * * * *",
  events: [EVENTS.oddsStored],
  idle: async () => ((await anyActiveAlertRule(bulkPool)) ? null : "no alert rule is turned on"),
  run: async ({ event, step }) => {
    const gameIds = event?.name === EVENTS.oddsStored ? (event as AppEvent<typeof EVENTS.oddsStored>).data.gameIds : null;
    return step.run("evaluate-alerts", () => (gameIds ? evaluateAlerts(bulkPool, gameIds) : evaluateAlertsScheduled(bulkPool)));
  },
};

/** A live collection job: every configured provider of its kind; a cheap no-op when none is configured. */
function collectionJob(kind: CollectionKind, cron: string, name: string): Job {
  return {
    id: `collect-${kind}`,
    name,
    cron,
    events: [],
    // With no provider of this kind configured, the job does nothing at all: no run row every minute.
    idle: () =>
      PROVIDER_KINDS[kind].some((name) => !providers(env())[name].notConfigured())
        ? null
        : `no ${kind} provider is configured`,
    // Each provider's pass is its own step, so a retry does not repeat the passes that succeeded.
    run: ({ step }) =>
      runCollectionJob(bulkPool, kind, providers(env()), {
        step: (id, fn) => step.run(id, fn),
        schedule: env().COLLECT_SCHEDULE,
      }),
  };
}

// Every collection cron fires each minute; the schedule (COLLECT_SCHEDULE, server/domain/collectors/schedule.ts)
// decides whether a pass is due: odds every 60 s near kick-off and 15 min further out (slower when the quota
// would run out), scores every 5 min and every minute while a game is on, weather and injuries hourly.
export const collectOddsJob = collectionJob("odds", "* * * * *", "Collect live odds");
export const collectScoresJob = collectionJob("scores", "* * * * *", "Collect scores and final results");
export const collectWeatherJob = collectionJob("weather", "* * * * *", "Collect kick-off weather forecasts");
export const collectInjuriesJob = collectionJob("injuries", "* * * * *", "Collect injury reports");

export const deliverNotificationsJob: Job = {
  id: "deliver-notifications",
  name: "Send due notification deliveries (email, Slack, Telegram, web push) and their retries",
  // Every minute for retries whose backoff has passed; the event sends background notifications at once.
  cron: "* * * * *",
  events: [EVENTS.notificationCreated],
  // Nothing due: no run row every minute.
  idle: async () => ((await hasDueDeliveries(bulkPool, new Date())) ? null : "no notification delivery is due"),
  run: async ({ step }) => step.run("deliver-pending", () => deliverPending(bulkPool, new Date())),
};

export const JOBS: Job[] = [
  settleBetsJob,
  evaluateModelsJob,
  runBacktestsJob,
  runBotsJob,
  scoreUpcomingJob,
  evaluateAlertsJob,
  collectOddsJob,
  collectScoresJob,
  collectWeatherJob,
  collectInjuriesJob,
  deliverNotificationsJob,
];

/**
 * Why a job does nothing this time, or null to run it: the one check both runners make before every run. A job
 * an administrator paused (JobControl) is skipped like an idle one: no run is recorded, whatever triggered it.
 */
export async function skipReason(job: Job, pool: typeof bulkPool): Promise<string | null> {
  if (await isJobPaused(pool, job.id)) return "paused by an administrator";
  return (await job.idle?.()) ?? null;
}
