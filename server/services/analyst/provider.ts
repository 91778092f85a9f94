import type { Queryable } from "@/server/db/pool";
import { parseAnalystAnswer } from "@/server/domain/analyst/answer";
import { reservationFor } from "@/server/domain/analyst/budget";
import { buildPrompt, promptText, PROMPT_VERSION } from "@/server/domain/analyst/prompt";
import { env } from "@/server/env";
import { llmClientFromEnv, type LlmClient } from "@/server/integrations/llm";
import { ProviderError } from "@/server/integrations/provider-error";
import { reserveTokens, settleTokens } from "./budget";
import { gatherFacts } from "./gather-facts";
import { log } from "@/server/log";

const logger = log.child({ module: "analyst" });

/**
 * Benny's probability source for the bots. For each game: gather the facts known now, build the prompt, reserve
 * tokens from the user's monthly budget (over budget: skipped, no call), ask the LLM, store the call (prompt,
 * raw answer, accepted or why not) and keep only answers that pass parseAnalystAnswer. A malformed answer is
 * refused and logged with the game and the reason, and never becomes probabilities. The confidence gate and
 * all sizing stay with the bots' deterministic code (see server/domain/analyst/answer.ts).
 */

/**
 * The bots' plug-in interface (server/domain/bots/probability-source.ts) as the analyst needs it: it reads only
 * game ids and asks for less context, so it is assignable to the bots' type (the bots' registry in server/services/bots/providers.ts checks it) and callable on ids.
 */
export interface ProbabilityProvider {
  id: string;
  probabilities(
    games: { gameId: number }[],
    ctx: { now: Date; userId: string },
  ): Promise<Map<number, { probabilities: Record<string, number>; confidence: number; modelVersion: string; analyst: { prompt: string; answer: string } }>>;
}
export type ProviderResult = Awaited<ReturnType<ProbabilityProvider["probabilities"]>>;

export const ANALYST_PROVIDER_ID = "analyst";
/** Cap on an answer's tokens: three short reasons and a few numbers fit in far less. */
export const ANALYST_MAX_OUTPUT_TOKENS = 600;

export interface AnalystDeps {
  /** The LLM, or why there is none (the analyst is then off: every game skipped with that reason). */
  llm: { client: LlmClient } | { off: string };
  monthlyTokenBudget: number;
  /** Where refusals and skips are reported; default the log (warn). Lines carry the game and the reason, never a key. */
  log?: (line: string) => void;
}

function defaultDeps(): AnalystDeps {
  return { llm: llmClientFromEnv(), monthlyTokenBudget: env().LLM_MONTHLY_TOKEN_BUDGET };
}

export function analystProvider(db: Queryable, userId: string, deps: AnalystDeps = defaultDeps()): ProbabilityProvider {
  const log = deps.log ?? ((line: string) => logger.warn(line));
  return {
    id: ANALYST_PROVIDER_ID,
    async probabilities(games, ctx) {
      if (ctx.userId !== userId) throw new Error("the analyst provider was created for another user");
      const result: ProviderResult = new Map();
      if ("off" in deps.llm) {
        log(`[analyst] skipped ${games.length} game(s): ${deps.llm.off}`);
        return result;
      }
      const client = deps.llm.client;
      // One call per game, however often the bot lists it.
      const gameIds = [...new Set(games.map((g) => g.gameId))];
      const { facts, skipped } = await gatherFacts(db, gameIds, ctx.now, userId);
      for (const s of skipped) log(`[analyst] game ${s.gameId} skipped: ${s.reason}`);
      for (const f of facts) {
        const prompt = buildPrompt(f);
        const text = promptText(prompt);
        const reserved = reservationFor(prompt.system + prompt.user, ANALYST_MAX_OUTPUT_TOKENS);
        if (!(await reserveTokens(db, userId, ctx.now, reserved, deps.monthlyTokenBudget))) {
          log(`[analyst] game ${f.gameId} skipped: the monthly token budget (${deps.monthlyTokenBudget}) has no room for this call (${reserved} tokens reserved per call)`);
          continue;
        }
        const call = { userId, gameId: f.gameId, provider: client.provider, model: client.model, prompt: text };
        let answer: string;
        let tokens: number;
        try {
          const completion = await client.complete({ ...prompt, maxTokens: ANALYST_MAX_OUTPUT_TOKENS, temperature: 0 });
          answer = completion.text;
          tokens = completion.inputTokens + completion.outputTokens;
        } catch (error) {
          await settleTokens(db, userId, ctx.now, reserved, 0);
          const message = error instanceof ProviderError ? error.message : `unexpected failure: ${(error as Error).message}`;
          await storeCall(db, { ...call, answer: null, ok: false, error: message, tokens: 0 });
          log(`[analyst] game ${f.gameId}: the LLM call failed: ${message}`);
          // A refused key or an exhausted quota fails every game alike: stop rather than repeat it.
          if (error instanceof ProviderError && (error.kind === "unauthorized" || error.kind === "quota-exhausted")) break;
          continue;
        }
        await settleTokens(db, userId, ctx.now, reserved, tokens);
        const parsed = parseAnalystAnswer(answer, f.selections);
        await storeCall(db, { ...call, answer, ok: parsed.ok, error: parsed.ok ? null : parsed.error, tokens });
        if (!parsed.ok) {
          log(`[analyst] game ${f.gameId}: answer rejected: ${parsed.error}`);
          continue;
        }
        result.set(f.gameId, {
          probabilities: parsed.answer.probabilities,
          confidence: parsed.answer.confidence,
          modelVersion: `benny:${client.provider}:${client.model}:${PROMPT_VERSION}`,
          analyst: { prompt: text, answer },
        });
      }
      return result;
    },
  };
}

interface CallRecord {
  userId: string;
  gameId: number;
  provider: string;
  model: string;
  prompt: string;
  answer: string | null;
  ok: boolean;
  error: string | null;
  tokens: number;
}

async function storeCall(db: Queryable, c: CallRecord): Promise<void> {
  await db.query(
    `INSERT INTO "LlmCall" ("userId", "gameId", provider, model, "promptVersion", prompt, answer, ok, error, tokens)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [c.userId, c.gameId, c.provider, c.model, PROMPT_VERSION, noNul(c.prompt), c.answer === null ? null : noNul(c.answer), c.ok, c.error === null ? null : noNul(c.error), c.tokens],
  );
}

/** PostgreSQL text cannot hold NUL; a model's answer could contain one. */
const noNul = (text: string) => text.replace(/\u0000/g, "");
