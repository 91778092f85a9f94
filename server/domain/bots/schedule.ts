/** Whether a fixed-time bot has a run time in (lastRunAt, now]: times are UTC "HH:MM" every day. */
export function fixedRunDue(runTimes: string[], lastRunAt: Date | null, now: Date): boolean {
  for (let back = 0; back <= 1; back++) {
    const day = new Date(now.getTime() - back * 86_400_000).toISOString().slice(0, 10);
    for (const t of runTimes) {
      const at = new Date(`${day}T${t}:00Z`);
      if (at <= now && (!lastRunAt || at > lastRunAt) && now.getTime() - at.getTime() < 86_400_000) return true;
    }
  }
  return false;
}
