import type { Queryable } from "@/server/db/pool";
import { ANALYST_CONFIDENCE_GATE } from "@/server/domain/analyst/answer";
import { PROMPT_VERSION } from "@/server/domain/analyst/prompt";
import { env } from "@/server/env";
import { llmSettingOf } from "@/server/integrations/llm/config";
import { AppError } from "@/server/errors";
import { monthUsage } from "./budget";

/** What the analyst page shows about the configuration and this month's usage (never the key). */
export async function analystStatus(db: Queryable, userId: string, now: Date) {
  const e = env();
  const setting = llmSettingOf(e);
  return {
    on: setting.on,
    reason: setting.on ? null : setting.reason,
    provider: setting.on ? setting.config.provider : null,
    model: setting.on ? setting.config.model : null,
    promptVersion: PROMPT_VERSION,
    confidenceGate: ANALYST_CONFIDENCE_GATE,
    budget: e.LLM_MONTHLY_TOKEN_BUDGET,
    usage: await monthUsage(db, userId, now),
  };
}

/** The user's latest analyst calls, newest first. */
export async function recentCalls(db: Queryable, userId: string, limit: number) {
  const { rows } = await db.query<{
    id: number;
    gameId: number;
    home: string;
    away: string;
    startsAt: Date;
    provider: string;
    model: string;
    promptVersion: string;
    ok: boolean;
    error: string | null;
    tokens: number;
    createdAt: Date;
  }>(
    `SELECT c.id, c."gameId", h.name AS home, a.name AS away, g."startsAt", c.provider, c.model, c."promptVersion", c.ok, c.error, c.tokens, c."createdAt"
       FROM "LlmCall" c JOIN "Game" g ON g.id = c."gameId" JOIN "Team" h ON h.id = g."homeTeamId" JOIN "Team" a ON a.id = g."awayTeamId"
      WHERE c."userId" = $1 ORDER BY c."createdAt" DESC, c.id DESC LIMIT $2`,
    [userId, limit],
  );
  return rows;
}

/** One call with its prompt and answer as sent and received; another user's call is NOT_FOUND. */
export async function callDetail(db: Queryable, userId: string, id: number) {
  const { rows } = await db.query<{ id: number; gameId: number; provider: string; model: string; promptVersion: string; prompt: string; answer: string | null; ok: boolean; error: string | null; tokens: number; createdAt: Date }>(
    `SELECT id, "gameId", provider, model, "promptVersion", prompt, answer, ok, error, tokens, "createdAt" FROM "LlmCall" WHERE id = $1 AND "userId" = $2`,
    [id, userId],
  );
  if (!rows[0]) throw new AppError("NOT_FOUND", "No such analyst call.");
  return rows[0];
}
