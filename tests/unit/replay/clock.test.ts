import { describe, expect, it } from "vitest";
import { createReplayClock } from "@/server/integrations/replay/clock";

const archiveStart = new Date("2023-08-09T14:00:00Z");
const realStart = new Date("2026-01-05T10:00:00Z");

describe("replay clock", () => {
  it("maps archive time to real time by the formula and back", () => {
    const clock = createReplayClock({ archiveStart, realStart, speed: 60 });
    // An archive hour after the start is a real minute after it.
    expect(clock.toReal(new Date("2023-08-09T15:00:00Z")).toISOString()).toBe("2026-01-05T10:01:00.000Z");
    for (const iso of [
      "2023-08-09T14:00:00Z",
      "2023-08-10T14:00:00Z",
      "2023-08-01T00:00:00Z",
      "2024-05-19T15:00:00Z",
    ]) {
      const archive = new Date(iso);
      expect(clock.toArchive(clock.toReal(archive)).getTime()).toBe(archive.getTime());
    }
    const real = new Date("2026-01-05T10:17:42.123Z");
    expect(Math.abs(clock.toReal(clock.toArchive(real)).getTime() - real.getTime())).toBeLessThanOrEqual(1);
  });

  it("keeps order and moves the archive present speed times faster than real time", () => {
    let real = realStart.getTime();
    const clock = createReplayClock({ archiveStart, realStart, speed: 60, realNow: () => new Date(real) });
    expect(clock.now().toISOString()).toBe(archiveStart.toISOString());
    let previous = clock.now().getTime();
    for (let step = 0; step < 50; step++) {
      real += 1_000 + step * 37;
      const now = clock.now().getTime();
      expect(now).toBeGreaterThan(previous);
      previous = now;
    }
    expect(previous - archiveStart.getTime()).toBe((real - realStart.getTime()) * 60);
    const times = [0, 1, 59, 60, 3_600_000, 86_400_000].map((ms) =>
      clock.toReal(new Date(archiveStart.getTime() + ms)).getTime(),
    );
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it("gives the same kick-off image on every call", () => {
    const clock = createReplayClock({ archiveStart, realStart, speed: 60 });
    const kickoff = new Date("2023-08-11T19:00:00Z");
    expect(clock.toReal(kickoff).getTime()).toBe(clock.toReal(new Date(kickoff)).getTime());
  });

  it("refuses a speed that is not positive", () => {
    expect(() => createReplayClock({ archiveStart, realStart, speed: 0 })).toThrow(/speed must be a positive number/);
    expect(() => createReplayClock({ archiveStart, realStart, speed: Number.NaN })).toThrow(/speed/);
  });
});
