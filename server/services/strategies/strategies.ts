import type pg from "pg";
import { withTransaction } from "@/server/db/transaction";
import { strategyHash } from "@/server/domain/strategies/canonical";
import type { Strategy } from "@/server/domain/strategies/schema";
import { parseStrategy } from "@/server/domain/strategies/validate";
import { AppError } from "@/server/errors";

/** Until plans exist: enough for any real use, and a bound on what one account can store. */
export const MAX_STRATEGIES_PER_USER = 200;

export interface StrategyHead {
  id: number;
  name: string;
  version: number;
  hash: string | null;
  archivedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface SaveStrategyInput {
  /** Absent: a new strategy. */
  id?: number;
  /** The version the user edited; required with `id`. */
  version?: number;
  /** Anything: parsed here with the one strategy schema. */
  strategy: unknown;
}

/** How many of a strategy's errors one message lists; the builder shows them all by path anyway. */
const ERRORS_SHOWN = 10;

/**
 * The strategy as the engine reads it (migrated to the current schema version, defaults filled), or
 * BAD_REQUEST naming each rule at fault: schema errors, unknown fields, look-ahead fields, bad values.
 */
export function parseStrategyOrRefuse(input: unknown): Strategy {
  const parsed = parseStrategy(input);
  if (parsed.ok) return parsed.strategy;
  const shown = parsed.errors.slice(0, ERRORS_SHOWN).map((e) => e.message);
  const more = parsed.errors.length - shown.length;
  throw new AppError(
    "BAD_REQUEST",
    `The strategy is not valid: ${shown.join("; ")}${more > 0 ? ` (and ${more} more)` : ""}`,
    { field: "strategy" },
  );
}

const HEAD_COLUMNS = `s.id, s.name, s.version, v.hash, s."archivedAt", s."createdAt", s."updatedAt"`;

/** The user's strategies, most recently changed first; archived ones only when asked for. */
export async function listStrategies(
  db: Pick<pg.Pool, "query">,
  userId: string,
  options: { archived?: boolean } = {},
): Promise<StrategyHead[]> {
  const { rows } = await db.query<StrategyHead>(
    `SELECT ${HEAD_COLUMNS}
       FROM "Strategy" s LEFT JOIN "StrategyVersion" v ON v.id = s."currentVersionId"
      WHERE s."userId" = $1 AND ($2 OR s."archivedAt" IS NULL)
      ORDER BY s."updatedAt" DESC, s.id DESC
      LIMIT ${MAX_STRATEGIES_PER_USER * 2}`,
    [userId, options.archived === true],
  );
  return rows;
}

/** One of the user's strategies with its current definition and every version saved; another user's is NOT_FOUND. */
export async function getStrategy(db: Pick<pg.Pool, "query">, userId: string, id: number) {
  const { rows } = await db.query<StrategyHead & { definition: Strategy | null }>(
    `SELECT ${HEAD_COLUMNS}, v.definition
       FROM "Strategy" s LEFT JOIN "StrategyVersion" v ON v.id = s."currentVersionId"
      WHERE s.id = $1 AND s."userId" = $2`,
    [id, userId],
  );
  const head = rows[0];
  if (!head) throw new AppError("NOT_FOUND", "No such strategy.");
  const { rows: versions } = await db.query<{ id: number; hash: string; createdAt: Date }>(
    `SELECT id, hash, "createdAt" FROM "StrategyVersion" WHERE "strategyId" = $1 ORDER BY "createdAt" DESC, id DESC`,
    [id],
  );
  return { ...head, versions };
}

/** Inserts the version with this content, or finds the one already saved: (strategyId, hash) is unique. */
async function versionFor(
  client: pg.PoolClient,
  strategyId: number,
  strategy: Strategy,
  hash: string,
): Promise<number> {
  const inserted = await client.query<{ id: number }>(
    `INSERT INTO "StrategyVersion" ("strategyId", hash, definition, "schemaVersion") VALUES ($1, $2, $3, $4)
     ON CONFLICT ("strategyId", hash) DO NOTHING RETURNING id`,
    [strategyId, hash, JSON.stringify(strategy), strategy.schemaVersion],
  );
  if (inserted.rows[0]) return inserted.rows[0].id;
  const { rows } = await client.query<{ id: number }>(
    `SELECT id FROM "StrategyVersion" WHERE "strategyId" = $1 AND hash = $2`,
    [strategyId, hash],
  );
  return rows[0]!.id;
}

/**
 * Creates a strategy or saves a new content for one. The content is parsed with the strategy schema and
 * identified by its hash; an unchanged save changes nothing (a retry of a save that went through succeeds),
 * a save from an older version than the stored one is a CONFLICT, and a content saved before is reused.
 */
export async function saveStrategy(
  pool: pg.Pool,
  userId: string,
  input: SaveStrategyInput,
  /** Called with the user's count of strategies, under the lock, before one is created: the plan's limit throws. */
  allowCreate?: (current: number) => void,
): Promise<{ id: number; version: number; hash: string }> {
  const strategy = parseStrategyOrRefuse(input.strategy);
  const hash = await strategyHash(strategy);
  if (input.id === undefined) return createStrategy(pool, userId, strategy, hash, allowCreate);
  if (input.version === undefined)
    throw new AppError("BAD_REQUEST", "Give the version of the strategy you edited.", { field: "version" });
  const { id, version } = input;
  return withTransaction(pool, async (client) => {
    // The row lock orders concurrent saves of one strategy: each sees the one before it. The current version's
    // hash is read by a statement of its own, after the lock: a save that waited for the lock gets the strategy's
    // row as committed by the save before it, but a join in the same statement would still give the version row
    // of its older snapshot (and call a same-content retry a conflict).
    const { rows } = await client.query<{ version: number; archivedAt: Date | null; currentVersionId: number | null }>(
      `SELECT version, "archivedAt", "currentVersionId" FROM "Strategy" WHERE id = $1 AND "userId" = $2 FOR UPDATE`,
      [id, userId],
    );
    const row = rows[0];
    if (!row) throw new AppError("NOT_FOUND", "No such strategy.");
    if (row.archivedAt) throw new AppError("CONFLICT", "This strategy is archived: save it as a new strategy instead.");
    const current = await client.query<{ hash: string }>(`SELECT hash FROM "StrategyVersion" WHERE id = $1`, [
      row.currentVersionId,
    ]);
    if (current.rows[0]?.hash === hash) return { id, version: row.version, hash };
    if (row.version !== version) {
      throw new AppError(
        "CONFLICT",
        `This strategy was changed elsewhere (you edited version ${version}, it is now at ${row.version}): reload it and apply your changes again.`,
      );
    }
    const versionId = await versionFor(client, id, strategy, hash);
    const updated = await client.query<{ version: number }>(
      `UPDATE "Strategy" SET name = $2, "currentVersionId" = $3, version = version + 1, "updatedAt" = now() WHERE id = $1 RETURNING version`,
      [id, strategy.name, versionId],
    );
    return { id, version: updated.rows[0]!.version, hash };
  });
}

async function createStrategy(
  pool: pg.Pool,
  userId: string,
  strategy: Strategy,
  hash: string,
  allowCreate?: (current: number) => void,
) {
  return withTransaction(pool, async (client) => {
    // Locking the user's row makes the count and the insert one step for concurrent creates of one user.
    const user = await client.query(`SELECT 1 FROM "User" WHERE id = $1 FOR NO KEY UPDATE`, [userId]);
    if (user.rowCount === 0) throw new AppError("UNAUTHORIZED", "Sign in to continue.");
    const { rows: counted } = await client.query<{ n: number }>(
      `SELECT COUNT(*)::int AS n FROM "Strategy" WHERE "userId" = $1 AND "archivedAt" IS NULL`,
      [userId],
    );
    allowCreate?.(counted[0]!.n);
    if (counted[0]!.n >= MAX_STRATEGIES_PER_USER) {
      throw new AppError(
        "CONFLICT",
        `You have ${MAX_STRATEGIES_PER_USER} strategies, the most an account can keep: archive one before creating another.`,
      );
    }
    const { rows } = await client.query<{ id: number; version: number }>(
      `INSERT INTO "Strategy" ("userId", name) VALUES ($1, $2) RETURNING id, version`,
      [userId, strategy.name],
    );
    const created = rows[0]!;
    const versionId = await versionFor(client, created.id, strategy, hash);
    await client.query(`UPDATE "Strategy" SET "currentVersionId" = $2 WHERE id = $1`, [created.id, versionId]);
    return { id: created.id, version: created.version, hash };
  });
}

/** Archives one of the user's strategies (kept with its versions and backtests, left out of lists). */
export async function archiveStrategy(
  pool: pg.Pool,
  userId: string,
  input: { id: number; version: number },
): Promise<{ id: number; version: number }> {
  return withTransaction(pool, async (client) => {
    const { rows } = await client.query<{ version: number; archivedAt: Date | null }>(
      `SELECT version, "archivedAt" FROM "Strategy" WHERE id = $1 AND "userId" = $2 FOR UPDATE`,
      [input.id, userId],
    );
    const row = rows[0];
    if (!row) throw new AppError("NOT_FOUND", "No such strategy.");
    if (row.archivedAt) return { id: input.id, version: row.version };
    if (row.version !== input.version) {
      throw new AppError(
        "CONFLICT",
        `This strategy was changed elsewhere (you saw version ${input.version}, it is now at ${row.version}): reload it before archiving.`,
      );
    }
    const updated = await client.query<{ version: number }>(
      `UPDATE "Strategy" SET "archivedAt" = now(), version = version + 1, "updatedAt" = now() WHERE id = $1 RETURNING version`,
      [input.id],
    );
    return { id: input.id, version: updated.rows[0]!.version };
  });
}
