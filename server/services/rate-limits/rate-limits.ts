import type { PrismaClient } from "@/server/db/generated/client";
import { AppError } from "@/server/errors";

export interface RateLimitRule {
  /** What is counted and for whom, e.g. `scan:user:<id>`. */
  key: string;
  limit: number;
  windowMs: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  /** Until the window resets; 0 when allowed. */
  retryAfterMs: number;
}

type Db = Pick<PrismaClient, "$queryRaw" | "$executeRaw">;

// Counters stop growing here, so a flood cannot overflow the integer column.
const HIT_CEILING = 1_000_000_000;
// Buckets outlive their window by this much before they are pruned.
const PRUNE_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * Counts one hit against a fixed window and says whether it is within the limit. One upsert does the
 * check and the record together (the row lock of ON CONFLICT serialises parallel requests), so 30
 * simultaneous requests against a limit of 5 let exactly 5 through.
 */
export async function consumeRateLimit(db: Db, rule: RateLimitRule, now = new Date()): Promise<RateLimitDecision> {
  const freshReset = new Date(now.getTime() + rule.windowMs);
  const [row] = await db.$queryRaw<{ hits: number; resetAt: Date }[]>`
    INSERT INTO "RateLimitBucket" ("key", "hits", "resetAt") VALUES (${rule.key}, 1, ${freshReset})
    ON CONFLICT ("key") DO UPDATE SET
      "hits" = CASE WHEN "RateLimitBucket"."resetAt" <= ${now} THEN 1
                    ELSE LEAST("RateLimitBucket"."hits" + 1, ${HIT_CEILING}) END,
      "resetAt" = CASE WHEN "RateLimitBucket"."resetAt" <= ${now} THEN ${freshReset}
                       ELSE "RateLimitBucket"."resetAt" END
    RETURNING "hits", "resetAt"`;
  // Expired buckets are removed now and then rather than by a job, so the table stays small on its own.
  if (Math.random() < 0.01) await pruneRateLimits(db, now);
  const allowed = row!.hits <= rule.limit;
  return { allowed, retryAfterMs: allowed ? 0 : Math.max(0, row!.resetAt.getTime() - now.getTime()) };
}

/** Gives back one hit (a sign-in that succeeded should not count towards locking its owner out). */
export async function refundRateLimit(db: Db, key: string): Promise<void> {
  await db.$executeRaw`UPDATE "RateLimitBucket" SET "hits" = GREATEST("hits" - 1, 0) WHERE "key" = ${key}`;
}

export async function pruneRateLimits(db: Db, now = new Date()): Promise<void> {
  await db.$executeRaw`DELETE FROM "RateLimitBucket" WHERE "resetAt" < ${new Date(now.getTime() - PRUNE_AFTER_MS)}`;
}

/** "3 minutes", "1 minute", "40 seconds": how long to wait, rounded up. */
export function waitText(ms: number, unit: "minutes" | "seconds"): string {
  const size = unit === "minutes" ? 60_000 : 1000;
  const n = Math.max(1, Math.ceil(ms / size));
  return `${n} ${n === 1 ? unit.slice(0, -1) : unit}`;
}

/** Consumes a hit and refuses with TOO_MANY_REQUESTS ("Too many requests, try again in N seconds.") past the limit. */
export async function enforceRateLimit(
  db: Db,
  rule: RateLimitRule,
  what = "Too many requests",
  unit: "minutes" | "seconds" = "seconds",
): Promise<void> {
  const decision = await consumeRateLimit(db, rule);
  if (!decision.allowed) throw new AppError("TOO_MANY_REQUESTS", `${what}, try again in ${waitText(decision.retryAfterMs, unit)}.`);
}
