import type pg from "pg";
import { RateLimiterPostgres, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { redisClient } from "@/server/db/redis";
import { env } from "@/server/env";

/**
 * REST API rate limits: every request counts against the user (all keys together, the plan's
 * `apiRequestsPerMinute`) and against the key (API_KEY_REQUESTS_PER_MINUTE when set, else the same allowance).
 * Counters live in Redis when REDIS_URL is set (one atomic script per hit), else in PostgreSQL (table
 * "ApiRateLimit", created by a migration) through rate-limiter-flexible's store, whose one upsert per hit keeps
 * parallel requests exact across server processes. While Redis is unreachable, PostgreSQL counts (the Redis
 * limiter's insuranceLimiter), so an outage neither refuses every request nor lifts the limit.
 */
export interface ApiRateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** When the current window ends. */
  resetAt: Date;
  /** Seconds to wait before retrying; 0 when allowed. */
  retryAfterSeconds: number;
}

const WINDOW_SECONDS = 60;
// One limiter per (pool, store, points): rate-limiter-flexible fixes the points at construction.
const limiters = new WeakMap<object, Map<string, RateLimiterAbstract>>();

function postgresLimiter(pool: pg.Pool, points: number): RateLimiterPostgres {
  return new RateLimiterPostgres({ storeClient: pool, storeType: "pool", tableName: "ApiRateLimit", tableCreated: true, keyPrefix: "api", points, duration: WINDOW_SECONDS });
}

function limiter(pool: pg.Pool, points: number): RateLimiterAbstract {
  const redisUrl = env().REDIS_URL;
  let cache = limiters.get(pool);
  if (!cache) limiters.set(pool, (cache = new Map()));
  const id = `${redisUrl ?? "pg"}|${points}`;
  let l = cache.get(id);
  if (!l) {
    l = redisUrl
      ? new RateLimiterRedis({
          storeClient: redisClient(redisUrl),
          // Not ready yet (connecting, or down and reconnecting): count in PostgreSQL instead of waiting.
          rejectIfRedisNotReady: true,
          insuranceLimiter: postgresLimiter(pool, points),
          keyPrefix: "api",
          points,
          duration: WINDOW_SECONDS,
        })
      : postgresLimiter(pool, points);
    cache.set(id, l);
  }
  return l;
}

async function hit(pool: pg.Pool, key: string, points: number): Promise<ApiRateDecision> {
  const now = Date.now();
  let res: RateLimiterRes;
  let allowed = true;
  try {
    res = await limiter(pool, points).consume(key);
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    res = error;
    allowed = false;
  }
  return {
    allowed,
    limit: points,
    remaining: Math.max(0, res.remainingPoints),
    resetAt: new Date(now + res.msBeforeNext),
    retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
  };
}

/** Counts one request; null when the user's plan has no limit (BILLING=off) and no per-key limit is set. */
export async function consumeApiRequest(pool: pg.Pool, who: { userId: string; keyId: string }, perUserLimit: number): Promise<ApiRateDecision | null> {
  const perKey = env().API_KEY_REQUESTS_PER_MINUTE;
  const keyLimit = Math.min(perKey ?? Number.POSITIVE_INFINITY, perUserLimit);
  const decisions: ApiRateDecision[] = [];
  if (Number.isFinite(perUserLimit)) decisions.push(await hit(pool, `user:${who.userId}`, perUserLimit));
  if (Number.isFinite(keyLimit) && decisions.every((d) => d.allowed)) decisions.push(await hit(pool, `key:${who.keyId}`, keyLimit));
  if (decisions.length === 0) return null;
  // The tighter of the two is what the client must respect.
  const refused = decisions.find((d) => !d.allowed);
  if (refused) return refused;
  return decisions.reduce((a, b) => (b.remaining < a.remaining ? b : a));
}
