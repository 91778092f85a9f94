import type { Queryable } from "@/server/db/pool";
import { usageMonth } from "@/server/domain/analyst/budget";

/**
 * The per-user monthly token budget in LlmUsage. A call first reserves its worst case in one statement that
 * refuses to pass the budget (INSERT ... ON CONFLICT DO UPDATE ... WHERE ... RETURNING: PostgreSQL re-checks the
 * WHERE on the row's latest version under its lock, so parallel calls cannot all pass), then settles the
 * reservation to the tokens the provider reported. A provider may report more than was reserved; the month's
 * usage can then end a little above the budget, and every later call is refused.
 */

export async function reserveTokens(db: Queryable, userId: string, at: Date, tokens: number, budget: number): Promise<boolean> {
  const { rows } = await db.query(
    `INSERT INTO "LlmUsage" ("userId", month, tokens, requests)
     SELECT $1, $2, $3::bigint, 1 WHERE $3::bigint <= $4::bigint
     ON CONFLICT ("userId", month) DO UPDATE
        SET tokens = "LlmUsage".tokens + EXCLUDED.tokens, requests = "LlmUsage".requests + 1
      WHERE "LlmUsage".tokens + EXCLUDED.tokens <= $4::bigint
     RETURNING tokens`,
    [userId, usageMonth(at), tokens, budget],
  );
  return rows.length === 1;
}

/** Replaces a reservation by the tokens actually used (0 when the call failed before the model answered). */
export async function settleTokens(db: Queryable, userId: string, at: Date, reserved: number, used: number): Promise<void> {
  await db.query(`UPDATE "LlmUsage" SET tokens = GREATEST(0, tokens + $3::bigint) WHERE "userId" = $1 AND month = $2`, [
    userId,
    usageMonth(at),
    used - reserved,
  ]);
}

export async function monthUsage(db: Queryable, userId: string, at: Date): Promise<{ month: string; tokens: number; requests: number }> {
  const month = usageMonth(at);
  const { rows } = await db.query<{ tokens: string; requests: number }>(
    `SELECT tokens::text, requests FROM "LlmUsage" WHERE "userId" = $1 AND month = $2`,
    [userId, month],
  );
  return { month, tokens: Number(rows[0]?.tokens ?? 0), requests: rows[0]?.requests ?? 0 };
}
