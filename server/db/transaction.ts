import type pg from "pg";

/**
 * Runs `work` in one transaction on a client of `pool`: committed when it resolves, rolled back when it
 * throws (the error goes on to the caller), and the client always returned to the pool.
 */
export async function withTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
