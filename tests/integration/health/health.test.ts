import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { pool } from "../../support/app-db";

const { GET: live } = await import("@/app/api/health/route");
const { GET: ready } = await import("@/app/api/health/ready/route");
const { checkReadiness } = await import("@/server/services/health/readiness");
const { bulkPool } = await import("@/server/db/client");

const PROVIDER = "health-test-provider";
afterAll(async () => {
  await pool.query(`DELETE FROM "JobRun" WHERE job = 'health-test'`);
  await pool.query(`DELETE FROM "ProviderState" WHERE provider = $1`, [PROVIDER]);
  await bulkPool.end();
});

interface ReadyBody {
  status: string;
  checks: { database: { ok: boolean }; jobRunner: { ok: boolean; ageSeconds: number | null }; collectors: { provider: string; circuit: string }[] };
}

describe("/api/health", () => {
  it("liveness answers 200 JSON without the database", async () => {
    const res = live();
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok" });
  });

  it("readiness: 503 while the newest job run is stale, 200 once the runner records a run; open circuits are listed", async () => {
    await pool.query(`INSERT INTO "JobRun" (job, trigger, "startedAt") VALUES ('health-test', 'manual', now() - interval '1 hour')`);
    let res = await ready();
    expect(res.status).toBe(503);
    let body = (await res.json()) as ReadyBody;
    expect(body.status).toBe("not ready");
    expect(body.checks.database.ok).toBe(true);
    expect(body.checks.jobRunner.ok).toBe(false);
    expect(body.checks.jobRunner.ageSeconds).toBeGreaterThanOrEqual(3600);

    await pool.query(`INSERT INTO "JobRun" (job, trigger) VALUES ('health-test', 'manual')`);
    await pool.query(
      `INSERT INTO "ProviderState" (provider, "consecutiveFailures", "circuitOpenUntil") VALUES ($1, 4, now() + interval '5 minutes')`,
      [PROVIDER],
    );
    res = await ready();
    expect(res.status).toBe(200);
    body = (await res.json()) as ReadyBody;
    expect(body.status).toBe("ready");
    expect(body.checks.collectors).toContainEqual(expect.objectContaining({ provider: PROVIDER, circuit: "open" }));
  });

  it("readiness: the database unreachable is 'not ready', with no driver message", async () => {
    const dead = new pg.Pool({ connectionString: "postgresql://nobody@127.0.0.1:1/none", connectionTimeoutMillis: 500 });
    try {
      const result = await checkReadiness(dead, { maxJobAgeSeconds: 600 });
      expect(result.ready).toBe(false);
      expect(result.checks.database).toEqual({ ok: false, error: "unreachable" });
    } finally {
      await dead.end();
    }
  });
});
