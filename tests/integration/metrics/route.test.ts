import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { apiCaller, type Who } from "../../support/api-caller";
import { parseExposition, valueOf } from "../../support/prometheus";

const { prisma, pool, caller } = apiCaller();
const { apiHandler, defineEndpoint } = await import("@/server/http/api-auth");
const { renderMetrics } = await import("@/server/services/metrics/database-gauges");
const { startLocalRunner } = await import("@/inngest/local-runner");

const TOKEN = "metrics-test-token-0123456789";
const JOB = `metrics-test-${randomUUID().slice(0, 8)}`;
const PROVIDERS = { open: `metrics-test-open-${JOB}`, closed: `metrics-test-closed-${JOB}` };

/** The route's GET with METRICS_TOKEN as given: env() is read once per module instance, so load a fresh one. */
async function routeWith(token: string | undefined) {
  if (token === undefined) delete process.env.METRICS_TOKEN;
  else process.env.METRICS_TOKEN = token;
  vi.resetModules();
  return (await import("@/app/api/metrics/route")).GET;
}

const scrape = (get: (req: Request) => Promise<Response>, headers: Record<string, string> = {}) =>
  get(new Request("http://localhost/api/metrics", { headers }));

const strategy = {
  schemaVersion: 1,
  name: "Metrics test",
  markets: ["1x2"],
  leagues: [],
  probability: "market:pinnacle-opening",
  price: "best",
  decideAt: "opening",
  when: { all: [{ field: "edge", op: "gte", value: 0.05 }] },
  stake: { kind: "percent", fraction: 0.02 },
};

let user: Who;
const lastSuccessAt = new Date(Date.now() - 30 * 60_000);

beforeAll(async () => {
  user = await prisma.user.create({
    data: { email: `metrics-${randomUUID()}@example.com` },
    select: { id: true, role: true },
  });
  const { id: strategyId } = await caller(user).strategies.save({ strategy });
  for (const name of ["Metrics A", "Metrics B", "Metrics draft"]) {
    const bot = await caller(user).bots.create({ name, strategyId, initialDepositCents: 10_000 });
    if (name !== "Metrics draft")
      await caller(user).bots.setState({ id: bot.id, version: bot.version, state: "ACTIVE" });
  }
  // Three successes, one failure and one run under way in the last day; the newest success is not the newest run.
  await pool.query(
    `INSERT INTO "JobRun" (job, trigger, "startedAt", "finishedAt", ok) VALUES
       ($1, 'cron', now() - interval '30 hours', now() - interval '30 hours', true),
       ($1, 'cron', now() - interval '3 hours', now() - interval '3 hours', true),
       ($1, 'cron', now() - interval '2 hours', now() - interval '2 hours', true),
       ($1, 'cron', $2::timestamptz - interval '1 minute', $2, true),
       ($1, 'cron', now() - interval '10 minutes', now() - interval '10 minutes', false),
       ($1, 'cron', now(), NULL, NULL)`,
    [JOB, lastSuccessAt],
  );
  await pool.query(
    `INSERT INTO "ProviderState" (provider, "quotaRemaining", "consecutiveFailures", "circuitOpenUntil") VALUES
       ($1, 417, 5, now() + interval '5 minutes'), ($2, NULL, 0, now() - interval '1 minute')`,
    [PROVIDERS.open, PROVIDERS.closed],
  );
});

afterAll(async () => {
  await pool.query(`DELETE FROM "JobRun" WHERE job = $1`, [JOB]);
  await pool.query(`DELETE FROM "ProviderState" WHERE provider = ANY($1)`, [Object.values(PROVIDERS)]);
  await prisma.user.delete({ where: { id: user.id } });
  const { bulkPool } = await import("@/server/db/client");
  await bulkPool.end();
  delete process.env.METRICS_TOKEN;
});

describe("/api/metrics", () => {
  it("is off (404 JSON naming METRICS_TOKEN) while METRICS_TOKEN is unset", async () => {
    const res = await scrape(await routeWith(undefined), { authorization: `Bearer ${TOKEN}` });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { code: "NOT_FOUND", message: expect.stringContaining("METRICS_TOKEN") },
    });
  });

  it("answers 401 without the token, with a wrong one or another scheme", async () => {
    const get = await routeWith(TOKEN);
    const tries: Record<string, string>[] = [
      {},
      { authorization: `Bearer ${TOKEN.slice(0, -1)}x` },
      { authorization: `Bearer ${TOKEN}extra` },
      { authorization: `Basic ${TOKEN}` },
    ];
    for (const headers of tries) {
      const res = await scrape(get, headers);
      expect(res.status, JSON.stringify(headers)).toBe(401);
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("UNAUTHORIZED");
    }
  });

  it("serves the Prometheus text with the database gauges as stored, each metric with HELP and TYPE", async () => {
    const get = await routeWith(TOKEN);
    // A REST request refused for want of a key is counted under its path template.
    const endpoint = defineEndpoint({
      method: "GET",
      path: `/metrics-test/${JOB}/{id}`,
      scope: "read",
      summary: "test",
      run: async () => ({}),
    });
    const refused = await apiHandler(endpoint)(new Request("http://localhost/api/v1/x"), {
      params: Promise.resolve({ id: "1" }),
    });
    expect(refused.status).toBe(401);

    // One run of a real job on the local runner is timed in the histogram.
    const runner = startLocalRunner(pool, { schedules: false, log: () => undefined });
    await runner.trigger("settle-bets");
    runner.stop();

    const started = performance.now();
    const res = await scrape(get, { authorization: `Bearer ${TOKEN}` });
    const elapsedMs = performance.now() - started;
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const { samples, help, type } = parseExposition(await res.text());

    const activeInDb = await prisma.bot.count({ where: { state: "ACTIVE" } });
    expect(await prisma.bot.count({ where: { userId: user.id, state: "ACTIVE" } })).toBe(2);
    expect(valueOf(samples, "linesmith_active_bots")).toBe(activeInDb);
    expect(valueOf(samples, "linesmith_users")).toBe(await prisma.user.count());
    expect(valueOf(samples, "linesmith_job_runs_last_24h", { job: JOB, status: "succeeded" })).toBe(3);
    expect(valueOf(samples, "linesmith_job_runs_last_24h", { job: JOB, status: "failed" })).toBe(1);
    expect(valueOf(samples, "linesmith_job_runs_last_24h", { job: JOB, status: "running" })).toBe(1);
    expect(valueOf(samples, "linesmith_job_last_success_timestamp_seconds", { job: JOB })).toBe(
      lastSuccessAt.getTime() / 1000,
    );
    expect(valueOf(samples, "linesmith_collector_quota_remaining", { provider: PROVIDERS.open })).toBe(417);
    expect(valueOf(samples, "linesmith_collector_quota_remaining", { provider: PROVIDERS.closed })).toBeUndefined();
    expect(valueOf(samples, "linesmith_collector_circuit_open", { provider: PROVIDERS.open })).toBe(1);
    expect(valueOf(samples, "linesmith_collector_circuit_open", { provider: PROVIDERS.closed })).toBe(0);
    expect(valueOf(samples, "linesmith_collector_consecutive_failures", { provider: PROVIDERS.open })).toBe(5);
    const { rows } = await pool.query<{ pending: number; failed: number; backtests: number; evaluations: number }>(
      `SELECT count(*) FILTER (WHERE status = 'PENDING')::int AS pending, count(*) FILTER (WHERE status = 'FAILED')::int AS failed,
              (SELECT count(*) FROM "Backtest" WHERE status = 'QUEUED')::int AS backtests,
              (SELECT count(*) FROM "Evaluation" WHERE status = 'QUEUED')::int AS evaluations
       FROM "NotificationDelivery"`,
    );
    expect(valueOf(samples, "linesmith_notification_deliveries", { status: "pending" })).toBe(rows[0]!.pending);
    expect(valueOf(samples, "linesmith_notification_deliveries", { status: "failed" })).toBe(rows[0]!.failed);
    expect(valueOf(samples, "linesmith_backtests_queued")).toBe(rows[0]!.backtests);
    expect(valueOf(samples, "linesmith_evaluations_queued")).toBe(rows[0]!.evaluations);
    expect(valueOf(samples, "linesmith_odds_snapshots_estimate")).toBeGreaterThanOrEqual(0);
    expect(valueOf(samples, "linesmith_db_pool_connections", { state: "total" })).toBeGreaterThanOrEqual(0);
    expect(valueOf(samples, "linesmith_db_pool_waiting_clients")).toBe(0);
    expect(valueOf(samples, "linesmith_database_up")).toBe(1);
    expect(
      valueOf(samples, "linesmith_api_requests_total", { route: endpoint.path, method: "GET", status: "401" }),
    ).toBe(1);
    expect(
      valueOf(samples, "linesmith_job_run_duration_seconds_count", { job: "settle-bets", outcome: "succeeded" }),
    ).toBe(1);
    expect(
      valueOf(samples, "linesmith_job_run_duration_seconds_bucket", {
        job: "settle-bets",
        outcome: "succeeded",
        le: "+Inf",
      }),
    ).toBe(1);
    expect(valueOf(samples, "process_cpu_user_seconds_total")).toBeGreaterThan(0);

    const families = new Set(
      samples.map((s) => s.name.replace(/_(bucket|sum|count)$/, "")).filter((n) => n.startsWith("linesmith_")),
    );
    for (const family of families) {
      expect(help.get(family), family).toBeTruthy();
      expect(type.get(family), family).toMatch(/^(gauge|counter|histogram)$/);
    }
    const collectMs = valueOf(samples, "linesmith_metrics_database_collect_seconds")! * 1000;
    console.info(
      `[metrics] scrape answered in ${elapsedMs.toFixed(1)} ms (database gauges ${collectMs.toFixed(1)} ms)`,
    );
    expect(collectMs).toBeLessThan(1_000);
  });

  it("answers parallel scrapes alike, and keeps the last values with database_up 0 when the database is down", async () => {
    const get = await routeWith(TOKEN);
    const answers = await Promise.all([1, 2, 3].map(() => scrape(get, { authorization: `Bearer ${TOKEN}` })));
    const parsed = await Promise.all(answers.map(async (r) => parseExposition(await r.text()).samples));
    const active = await prisma.bot.count({ where: { state: "ACTIVE" } });
    expect(parsed.map((samples) => valueOf(samples, "linesmith_active_bots"))).toEqual([active, active, active]);
    const warmMs = valueOf(parsed[0]!, "linesmith_metrics_database_collect_seconds")! * 1000;
    console.info(`[metrics] database gauges with warm connections: ${warmMs.toFixed(1)} ms`);

    const dead = new pg.Pool({
      connectionString: "postgresql://nobody@127.0.0.1:1/none",
      connectionTimeoutMillis: 500,
    });
    try {
      const { samples } = parseExposition((await renderMetrics(dead)).body);
      expect(valueOf(samples, "linesmith_database_up")).toBe(0);
      expect(valueOf(samples, "linesmith_active_bots")).toBe(active);
      expect(valueOf(samples, "linesmith_job_runs_last_24h", { job: JOB, status: "succeeded" })).toBe(3);
    } finally {
      await dead.end();
    }
  });
});
