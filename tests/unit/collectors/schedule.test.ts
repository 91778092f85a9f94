import { describe, expect, it } from "vitest";
import {
  FAILURES_TO_OPEN,
  FAR_INTERVAL_SECONDS,
  NEAR_INTERVAL_SECONDS,
  circuitAfterFailure,
  circuitAfterSuccess,
  isDue,
  pollInterval,
  shouldRun,
} from "@/server/domain/collectors/schedule";

const now = new Date("2026-12-02T12:00:00Z");
const minutes = (m: number) => new Date(now.getTime() + m * 60_000);

describe("circuit breaker", () => {
  it("stays closed for the first four failures and opens for 5 minutes on the fifth", () => {
    let state = circuitAfterSuccess();
    for (let i = 1; i < FAILURES_TO_OPEN; i++) {
      state = circuitAfterFailure(state, now);
      expect(state).toEqual({ consecutiveFailures: i, circuitOpenUntil: null });
      expect(shouldRun(state, now)).toEqual({ run: true });
    }
    state = circuitAfterFailure(state, now);
    expect(state).toEqual({ consecutiveFailures: 5, circuitOpenUntil: minutes(5) });
    const gate = shouldRun(state, now);
    expect(gate.run).toBe(false);
    expect(!gate.run && gate.reason).toBe(
      "circuit open after 5 consecutive failures: next try at 2026-12-02T12:05:00.000Z",
    );
  });

  it("lets one trial run through when the open period is over, and doubles the backoff up to an hour", () => {
    const open = { consecutiveFailures: 5, circuitOpenUntil: minutes(5) };
    expect(shouldRun(open, minutes(5)).run).toBe(true);
    expect(circuitAfterFailure(open, now).circuitOpenUntil).toEqual(minutes(10));
    expect(circuitAfterFailure({ consecutiveFailures: 6, circuitOpenUntil: null }, now).circuitOpenUntil).toEqual(
      minutes(20),
    );
    expect(circuitAfterFailure({ consecutiveFailures: 40, circuitOpenUntil: null }, now).circuitOpenUntil).toEqual(
      minutes(60),
    );
  });

  it("a success closes it", () => {
    expect(circuitAfterSuccess()).toEqual({ consecutiveFailures: 0, circuitOpenUntil: null });
  });
});

describe("pollInterval", () => {
  it("polls every minute within 48 hours of a kick-off and every 15 minutes further out or with no game", () => {
    expect(pollInterval({ quotaRemaining: null, windowHours: 24, hoursToNextKickoff: 2 })).toBe(NEAR_INTERVAL_SECONDS);
    expect(pollInterval({ quotaRemaining: null, windowHours: 24, hoursToNextKickoff: 48 })).toBe(60);
    expect(pollInterval({ quotaRemaining: null, windowHours: 24, hoursToNextKickoff: 49 })).toBe(FAR_INTERVAL_SECONDS);
    expect(pollInterval({ quotaRemaining: null, windowHours: 24, hoursToNextKickoff: null })).toBe(900);
  });

  it("keeps the base pace while the quota lasts until the reset", () => {
    // 10 hours at one poll a minute: 600 requests.
    expect(pollInterval({ quotaRemaining: 600, windowHours: 10, hoursToNextKickoff: 1 })).toBe(60);
    expect(pollInterval({ quotaRemaining: 10_000, windowHours: 10, hoursToNextKickoff: 1 })).toBe(60);
  });

  it("slows down proportionally when the quota would run out before the reset", () => {
    // 300 requests for 10 hours: one every 2 minutes.
    expect(pollInterval({ quotaRemaining: 300, windowHours: 10, hoursToNextKickoff: 1 })).toBe(120);
    // Three requests a poll: 100 polls for 10 hours, one every 6 minutes.
    expect(pollInterval({ quotaRemaining: 300, windowHours: 10, hoursToNextKickoff: 1, requestsPerPoll: 3 })).toBe(360);
    // Far out: 15 minutes needs 40 polls in 10 hours; 20 left means every 30 minutes.
    expect(pollInterval({ quotaRemaining: 20, windowHours: 10, hoursToNextKickoff: 100 })).toBe(1800);
  });

  it("waits for the reset when no quota is left", () => {
    expect(pollInterval({ quotaRemaining: 0, windowHours: 5, hoursToNextKickoff: 1 })).toBe(5 * 3600);
    expect(pollInterval({ quotaRemaining: 2, windowHours: 5, hoursToNextKickoff: 1, requestsPerPoll: 3 })).toBe(
      5 * 3600,
    );
  });
});

describe("isDue", () => {
  it("is due on the first run and once the interval has passed (allowing a few seconds of jitter)", () => {
    expect(isDue(null, 60, now)).toBe(true);
    expect(isDue(new Date(now.getTime() - 58_000), 60, now)).toBe(true);
    expect(isDue(new Date(now.getTime() - 30_000), 60, now)).toBe(false);
    expect(isDue(new Date(now.getTime() - 10 * 60_000), 900, now)).toBe(false);
  });
});

describe("COLLECT_SCHEDULE", () => {
  it("keeps the defaults for kinds it does not name and refuses unknown kinds and out-of-range intervals", async () => {
    const { DEFAULT_SCHEDULE, parseSchedule } = await import("@/server/domain/collectors/schedule");
    expect(parseSchedule(undefined)).toEqual({ schedule: DEFAULT_SCHEDULE });
    expect(parseSchedule("scores=120, odds-far=1800")).toEqual({
      schedule: { ...DEFAULT_SCHEDULE, scores: 120, "odds-far": 1800 },
    });
    expect(parseSchedule("odds=60")).toMatchObject({ error: expect.stringMatching(/"odds" is not one of odds-near/) });
    expect(parseSchedule("scores=5")).toMatchObject({ error: expect.stringMatching(/between 30 and/) });
    expect(parseSchedule("scores")).toMatchObject({ error: expect.stringMatching(/<kind>=<seconds>/) });
    expect(
      pollInterval({
        quotaRemaining: null,
        windowHours: 24,
        hoursToNextKickoff: 2,
        schedule: { "odds-near": 120, "odds-far": 600 },
      }),
    ).toBe(120);
  });
});
