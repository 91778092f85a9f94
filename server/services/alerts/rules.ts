import type pg from "pg";
import { withTransaction } from "@/server/db/transaction";
import { alertRuleInput, parseStoredRule, type AlertRule, type AlertRuleInput } from "@/server/domain/alerts/rules";
import { AppError } from "@/server/errors";
import { allowanceFor } from "@/server/services/billing/limits";

/**
 * A user's alert rules: list, create (within the plan's "alertRules" limit), enable/disable, delete. Another
 * user's rule is NOT_FOUND. A bot-slips rule is one per user: it only switches the bots' notifications. A
 * calibration rule watches one of the user's own model versions (another user's is NOT_FOUND).
 */
const COLUMNS = `id, "userId", name, enabled, kind::text AS kind, params`;

export async function listAlertRules(pool: pg.Pool, userId: string): Promise<AlertRule[]> {
  const { rows } = await pool.query(`SELECT ${COLUMNS} FROM "AlertRule" WHERE "userId" = $1 ORDER BY id`, [userId]);
  return rows.map(parseStoredRule).filter((r): r is AlertRule => r !== null);
}

export async function createAlertRule(pool: pg.Pool, userId: string, input: AlertRuleInput & { name: string }): Promise<AlertRule> {
  const rule = alertRuleInput.parse(input);
  const allow = await allowanceFor(pool, userId, "alertRules");
  return withTransaction(pool, async (client) => {
    // The user's row locked: parallel creates count one after another, so none slips past the plan's limit.
    await client.query(`SELECT 1 FROM "User" WHERE id = $1 FOR UPDATE`, [userId]);
    const { rows: counted } = await client.query<{ n: number; slips: number }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE kind = 'BOT_SLIPS')::int AS slips FROM "AlertRule" WHERE "userId" = $1`,
      [userId],
    );
    if (rule.kind === "BOT_SLIPS" && counted[0]!.slips > 0) {
      throw new AppError("CONFLICT", "You already have a bot-slips rule: turn it on or off instead.");
    }
    allow(counted[0]!.n);
    if (rule.kind === "MODEL_CALIBRATION") {
      const { rowCount } = await client.query(`SELECT 1 FROM "ModelVersion" WHERE id = $1 AND "userId" = $2`, [rule.params.modelVersionId, userId]);
      if (!rowCount) throw new AppError("NOT_FOUND", "There is no such model among yours: pick one from the list.");
    }
    const { rows } = await client.query(
      `INSERT INTO "AlertRule" ("userId", kind, name, params) VALUES ($1, $2::"AlertKind", $3, $4) RETURNING ${COLUMNS}`,
      [userId, rule.kind, input.name, JSON.stringify(rule.params)],
    );
    return parseStoredRule(rows[0])!;
  });
}

export async function setAlertRuleEnabled(pool: pg.Pool, userId: string, ruleId: number, enabled: boolean): Promise<AlertRule> {
  const { rows } = await pool.query(
    `UPDATE "AlertRule" SET enabled = $3, "updatedAt" = now() WHERE id = $1 AND "userId" = $2 RETURNING ${COLUMNS}`,
    [ruleId, userId, enabled],
  );
  const rule = rows[0] ? parseStoredRule(rows[0]) : null;
  if (!rule) throw new AppError("NOT_FOUND", "There is no such alert rule.");
  return rule;
}

export async function deleteAlertRule(pool: pg.Pool, userId: string, ruleId: number): Promise<void> {
  const { rowCount } = await pool.query(`DELETE FROM "AlertRule" WHERE id = $1 AND "userId" = $2`, [ruleId, userId]);
  if (!rowCount) throw new AppError("NOT_FOUND", "There is no such alert rule.");
}

/** Whether the user wants their bots' slips notified: yes unless they have a bot-slips rule turned off. */
export async function botSlipsAlertsOn(db: Pick<pg.Pool, "query">, userId: string): Promise<boolean> {
  const { rows } = await db.query<{ enabled: boolean }>(`SELECT enabled FROM "AlertRule" WHERE "userId" = $1 AND kind = 'BOT_SLIPS' LIMIT 1`, [userId]);
  return rows[0]?.enabled ?? true;
}
