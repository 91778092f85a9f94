import { Redis } from "ioredis";

/**
 * One Redis client per URL and process (Next bundles route handlers separately, so the map lives on globalThis).
 * It fails fast instead of queueing: no offline queue and a short connect timeout, so a request never waits on a
 * Redis that is down; callers fall back to PostgreSQL (see server/services/api-keys/rate-limit.ts). It reconnects
 * by itself in the background.
 */
const CONNECT_TIMEOUT_MS = 500;
// Reconnect attempts back off to at most this, so a dead Redis costs little.
const MAX_RECONNECT_DELAY_MS = 5_000;

const store = globalThis as unknown as { linesmithRedis?: Map<string, Redis> };

export function redisClient(url: string): Redis {
  store.linesmithRedis ??= new Map();
  let client = store.linesmithRedis.get(url);
  if (!client) {
    client = new Redis(url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      connectTimeout: CONNECT_TIMEOUT_MS,
      maxRetriesPerRequest: 1,
      retryStrategy: (attempt) => Math.min(attempt * 200, MAX_RECONNECT_DELAY_MS),
    });
    let reported = false;
    // Logged once per outage (again only after Redis was back): the URL may hold a password, so it is not logged.
    client.on("error", (error: Error) => {
      if (reported) return;
      reported = true;
      console.warn(`[redis] unavailable (${error.message}); rate limits are counted in PostgreSQL until it is back`);
    });
    client.on("ready", () => {
      if (reported) console.info("[redis] connected again; rate limits are counted in Redis");
      reported = false;
    });
    // Connecting starts now; until it is ready, callers use their fallback.
    client.connect().catch(() => undefined);
    store.linesmithRedis.set(url, client);
  }
  return client;
}

/** Closes every client (tests, shutdown). */
export async function closeRedisClients(): Promise<void> {
  const clients = [...(store.linesmithRedis?.values() ?? [])];
  store.linesmithRedis?.clear();
  await Promise.all(clients.map((c) => c.quit().catch(() => c.disconnect())));
}
