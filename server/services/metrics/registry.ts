import client from "prom-client";

/**
 * The process's one Prometheus registry and its metrics. Kept on globalThis: Next.js bundles route handlers
 * separately and reloads modules in development, and a metric registered twice throws.
 */
export interface Metrics {
  registry: client.Registry;
  apiRequests: client.Counter<"route" | "method" | "status">;
  jobRunDuration: client.Histogram<"job" | "outcome">;
  gauges: DatabaseGauges;
  /** The database gauges' refresh under way, shared by scrapes that arrive meanwhile. */
  refreshing: Promise<void> | null;
}

export interface DatabaseGauges {
  up: client.Gauge;
  collectSeconds: client.Gauge;
  users: client.Gauge;
  activeBots: client.Gauge;
  jobRuns: client.Gauge<"job" | "status">;
  jobLastSuccess: client.Gauge<"job">;
  quotaRemaining: client.Gauge<"provider">;
  circuitOpen: client.Gauge<"provider">;
  consecutiveFailures: client.Gauge<"provider">;
  deliveries: client.Gauge<"status">;
  backtestsQueued: client.Gauge;
  evaluationsQueued: client.Gauge;
  oddsSnapshots: client.Gauge;
  poolConnections: client.Gauge<"state">;
  poolWaiting: client.Gauge;
}

function createMetrics(): Metrics {
  const registry = new client.Registry();
  // Node's standard process_* and nodejs_* metrics keep their usual names, so stock dashboards work.
  client.collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const gauge = <L extends string = string>(name: string, help: string, labelNames: L[] = []) =>
    new client.Gauge<L>({ name: `linesmith_${name}`, help, labelNames, registers });
  return {
    registry,
    apiRequests: new client.Counter({
      name: "linesmith_api_requests_total",
      help: "REST API (/api/v1) requests answered, by endpoint path, method and HTTP status",
      labelNames: ["route", "method", "status"],
      registers,
    }),
    jobRunDuration: new client.Histogram({
      name: "linesmith_job_run_duration_seconds",
      help: "Duration of background job runs on the local runner, retries included, by job and outcome",
      labelNames: ["job", "outcome"],
      buckets: [0.05, 0.25, 1, 5, 15, 60, 180, 600, 1800, 3600],
      registers,
    }),
    gauges: {
      up: gauge("database_up", "1 when the last scrape read the database gauges, 0 when the database did not answer"),
      collectSeconds: gauge(
        "metrics_database_collect_seconds",
        "Time the last scrape spent reading the database gauges",
      ),
      users: gauge("users", "User accounts"),
      activeBots: gauge("active_bots", "Bots in the ACTIVE state"),
      jobRuns: gauge(
        "job_runs_last_24h",
        "Job runs started in the last 24 hours, by job and status (succeeded, failed, running)",
        ["job", "status"],
      ),
      jobLastSuccess: gauge(
        "job_last_success_timestamp_seconds",
        "When each job's latest successful run finished (Unix time)",
        ["job"],
      ),
      quotaRemaining: gauge(
        "collector_quota_remaining",
        "Requests left in a collector provider's quota, as it last reported",
        ["provider"],
      ),
      circuitOpen: gauge("collector_circuit_open", "1 while a collector provider's circuit breaker is open", [
        "provider",
      ]),
      consecutiveFailures: gauge("collector_consecutive_failures", "Failed collections in a row, per provider", [
        "provider",
      ]),
      deliveries: gauge(
        "notification_deliveries",
        "Notification deliveries waiting to be sent (pending) or retried (failed)",
        ["status"],
      ),
      backtestsQueued: gauge("backtests_queued", "Backtests waiting for the runner"),
      evaluationsQueued: gauge("evaluations_queued", "Model evaluations waiting for the runner"),
      oddsSnapshots: gauge(
        "odds_snapshots_estimate",
        "Stored odds snapshots, PostgreSQL's estimate (pg_class.reltuples)",
      ),
      poolConnections: gauge("db_pool_connections", "Connections of the bulk database pool, total and idle", ["state"]),
      poolWaiting: gauge("db_pool_waiting_clients", "Queries waiting for a connection of the bulk database pool"),
    },
    refreshing: null,
  };
}

const globalForMetrics = globalThis as unknown as { linesmithMetrics?: Metrics };

export function metrics(): Metrics {
  globalForMetrics.linesmithMetrics ??= createMetrics();
  return globalForMetrics.linesmithMetrics;
}

/** Counts one answered REST API request; `route` is the endpoint's path template, never the raw URL. */
export function countApiRequest(route: string, method: string, status: number): void {
  metrics().apiRequests.inc({ route, method, status: String(status) });
}

/** Records one job run on the local runner, from its start to its last attempt. */
export function observeJobRun(job: string, outcome: "succeeded" | "failed", seconds: number): void {
  metrics().jobRunDuration.observe({ job, outcome }, seconds);
}
