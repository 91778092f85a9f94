import type pg from "pg";

/**
 * Polls until `count` statements of this database whose text contains `queryContains` wait on a lock, so a race
 * test proves the interleaving it needs instead of sleeping and hoping.
 */
export async function waitForLockWaiters(pool: pg.Pool, count: number, queryContains: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const { rows } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE wait_event_type = 'Lock' AND datname = current_database() AND position($1 in query) > 0`,
      [queryContains],
    );
    if (rows[0]!.n >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`${count} statements containing ${queryContains} never waited on a lock`);
}
