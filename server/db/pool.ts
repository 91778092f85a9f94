import pg from "pg";

/**
 * A plain `pg` pool for bulk work (imports write hundreds of thousands of rows with set-based SQL,
 * which Prisma's query builder does not express). Everything else goes through the Prisma client.
 */
export function createPool(connectionString: string, max = 5): pg.Pool {
  return new pg.Pool({ connectionString, max });
}

export type Queryable = Pick<pg.PoolClient, "query">;
