/**
 * The replay's simulated clock: archive time runs `speed` times faster than real time from a common origin,
 * `t_real = realStart + (t_archive - archiveStart) / speed`. Everything the replay tells a client (kick-offs,
 * last_update) is the real-time image of an archive moment under this one formula, so a game keeps the same
 * commence_time across polls and the app sees it as upcoming, live and final in real time.
 */
export interface ReplayClock {
  readonly archiveStart: Date;
  readonly realStart: Date;
  readonly speed: number;
  /** The archive moment that corresponds to the real present. */
  now(): Date;
  /** The real-time image of an archive moment. */
  toReal(archive: Date): Date;
  /** The archive moment a real time stands for. */
  toArchive(real: Date): Date;
}

export interface ReplayClockOptions {
  archiveStart: Date;
  realStart: Date;
  /** Archive milliseconds per real millisecond: 60 plays an hour of the archive in a minute. */
  speed: number;
  /** The real present; injected so tests can move it. */
  realNow?: () => Date;
}

export function createReplayClock({
  archiveStart,
  realStart,
  speed,
  realNow = () => new Date(),
}: ReplayClockOptions): ReplayClock {
  if (!Number.isFinite(speed) || speed <= 0) throw new RangeError(`speed must be a positive number, got ${speed}`);
  for (const [name, d] of [
    ["archiveStart", archiveStart],
    ["realStart", realStart],
  ] as const) {
    if (Number.isNaN(d.getTime())) throw new RangeError(`${name} is not a valid date`);
  }
  const archive0 = archiveStart.getTime();
  const real0 = realStart.getTime();
  const toArchive = (real: Date) => new Date(Math.round(archive0 + (real.getTime() - real0) * speed));
  return {
    archiveStart: new Date(archive0),
    realStart: new Date(real0),
    speed,
    now: () => toArchive(realNow()),
    toReal: (archive) => new Date(Math.round(real0 + (archive.getTime() - archive0) / speed)),
    toArchive,
  };
}
