import { describe, expect, it } from "vitest";
import { readiness } from "@/server/domain/health/readiness";

const now = new Date("2026-12-02T10:00:00Z");
const base = { now, databaseError: null, maxJobAgeSeconds: 600, providers: [] };

describe("readiness", () => {
  it("is ready when the database answers and a job started within the allowed age", () => {
    const r = readiness({ ...base, latestJobRunAt: new Date(now.getTime() - 600_000) });
    expect(r.ready).toBe(true);
    expect(r.checks.jobRunner).toEqual({ ok: true, latestRunAt: "2026-12-02T09:50:00.000Z", ageSeconds: 600, maxAgeSeconds: 600 });
  });

  it("is not ready when the newest job run is too old or there was never one", () => {
    expect(readiness({ ...base, latestJobRunAt: new Date(now.getTime() - 601_000) }).ready).toBe(false);
    const never = readiness({ ...base, latestJobRunAt: null });
    expect(never.ready).toBe(false);
    expect(never.checks.jobRunner.ageSeconds).toBeNull();
  });

  it("is not ready when the database is down, whatever the jobs", () => {
    const r = readiness({ ...base, databaseError: "unreachable", latestJobRunAt: now });
    expect(r.ready).toBe(false);
    expect(r.checks.database).toEqual({ ok: false, error: "unreachable" });
  });

  it("reports open circuits without making the app unready; an expired circuit is closed", () => {
    const r = readiness({
      ...base,
      latestJobRunAt: now,
      providers: [
        { provider: "espn", circuitOpenUntil: new Date(now.getTime() + 60_000), consecutiveFailures: 5 },
        { provider: "the-odds-api", circuitOpenUntil: new Date(now.getTime() - 1), consecutiveFailures: 0 },
      ],
    });
    expect(r.ready).toBe(true);
    expect(r.checks.collectors).toEqual([
      { provider: "espn", circuit: "open", openUntil: "2026-12-02T10:01:00.000Z", consecutiveFailures: 5 },
      { provider: "the-odds-api", circuit: "closed", openUntil: null, consecutiveFailures: 0 },
    ]);
  });
});
