import { randomBytes } from "node:crypto";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { TEST_DATABASE_URL, testPool, testPrisma } from "../../support/test-db";

/**
 * REST API rate limits on Redis (REDIS_URL set): exact under truly parallel requests, per user and per key apart,
 * the same 429 + Retry-After + X-RateLimit-* answers as on PostgreSQL, and PostgreSQL counting instead while Redis
 * does not answer. Needs the real Redis at 127.0.0.1:6379; skipped with the reason printed when it is not there.
 */
const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
process.env.DATABASE_URL = TEST_DATABASE_URL;
process.env.NEXTAUTH_SECRET ??= "integration-test-secret-integration-test-secret";
process.env.BILLING = "on";
process.env.REDIS_URL = REDIS_URL;
delete process.env.STRIPE_SECRET_KEY;
delete process.env.API_KEY_REQUESTS_PER_MINUTE;

/** PING over a raw socket, so the check does not depend on the client under test. */
function redisAnswers(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 6379) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.on("error", () => done(false));
    socket.on("connect", () => socket.write("PING\r\n"));
    socket.on("data", (d) => done(d.toString().startsWith("+PONG")));
  });
}

const redisUp = await redisAnswers(REDIS_URL);
if (!redisUp) console.log(`[skip] Redis rate-limit tests: no Redis answers PING at ${REDIS_URL}`);

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

const id = (label: string) => `${label}-${randomBytes(6).toString("hex")}`;

describe.skipIf(!redisUp)("REST API rate limits on Redis", () => {
  const prisma = testPrisma();
  const pool = testPool();
  let mod: typeof import("@/server/services/api-keys/rate-limit");
  let redis: typeof import("@/server/db/redis");

  beforeAll(async () => {
    mod = await import("@/server/services/api-keys/rate-limit");
    redis = await import("@/server/db/redis");
    const client = redis.redisClient(REDIS_URL);
    if (client.status !== "ready") await new Promise((r) => client.once("ready", r));
  });

  afterAll(async () => {
    await redis.closeRedisClients();
    await pool.end();
    await prisma.$disconnect();
  });

  it("lets exactly the limit through under 20 truly parallel requests, counted in Redis, with a Retry-After", async () => {
    const who = { userId: id("user"), keyId: id("key") };
    const decisions = await Promise.all(Array.from({ length: 20 }, () => mod.consumeApiRequest(pool, who, 5)));
    const allowed = decisions.filter((d) => d!.allowed);
    const refused = decisions.filter((d) => !d!.allowed);
    expect(allowed).toHaveLength(5);
    expect(new Set(allowed.map((d) => d!.remaining))).toEqual(new Set([0, 1, 2, 3, 4]));
    for (const d of refused) {
      expect(d!.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(d!.retryAfterSeconds).toBeLessThanOrEqual(60);
      expect(d!.remaining).toBe(0);
      expect(d!.resetAt.getTime()).toBeGreaterThan(Date.now());
    }
    // The counter is Redis's, not PostgreSQL's.
    expect(Number(await redis.redisClient(REDIS_URL).get(`api:user:${who.userId}`))).toBeGreaterThanOrEqual(5);
    const { rows } = await pool.query(`SELECT 1 FROM "ApiRateLimit" WHERE key = $1`, [`api:user:${who.userId}`]);
    expect(rows).toHaveLength(0);
  });

  it("keeps users and keys apart: another user, and the same user's other key under a per-key limit", async () => {
    const alice = { userId: id("alice"), keyId: id("alice-key") };
    for (let i = 0; i < 5; i++) expect((await mod.consumeApiRequest(pool, alice, 5))!.allowed).toBe(true);
    expect((await mod.consumeApiRequest(pool, alice, 5))!.allowed).toBe(false);
    // Alice's other key shares her per-user allowance; bob is untouched.
    expect((await mod.consumeApiRequest(pool, { userId: alice.userId, keyId: id("alice-key2") }, 5))!.allowed).toBe(false);
    const bob = await mod.consumeApiRequest(pool, { userId: id("bob"), keyId: id("bob-key") }, 5);
    expect(bob).toMatchObject({ allowed: true, remaining: 4 });
    // A key's own count: one key used up does not stop a fresh key of a user with room left.
    const carol = id("carol");
    const key1 = id("carol-key1");
    const decisions = await Promise.all(Array.from({ length: 8 }, () => mod.consumeApiRequest(pool, { userId: carol, keyId: key1 }, 100)));
    expect(decisions.every((d) => d!.allowed)).toBe(true);
    expect(Number(await redis.redisClient(REDIS_URL).get(`api:key:${key1}`))).toBe(8);
    expect(await redis.redisClient(REDIS_URL).get(`api:key:${id("carol-key2")}`)).toBeNull();
  });

  it("answers 429 with Retry-After and X-RateLimit-* through a real route, as on PostgreSQL", async () => {
    const { createCaller } = await import("@/server/api/root");
    const { PLANS } = await import("@/server/domain/billing/plans");
    const bankrolls = await import("@/app/api/v1/bankrolls/route");
    const user = await prisma.user.create({ data: { email: `${id("redis-rl")}@example.com` }, select: { id: true, role: true } });
    const caller = createCaller({ db: prisma, pool, session: { user, expires: "2999-01-01" } });
    const { secret } = await caller.apiKeys.create({ name: "redis", scopes: ["read"] });
    const limit = PLANS.FREE.limits.apiRequestsPerMinute;
    const responses = await Promise.all(
      Array.from({ length: limit + 6 }, () =>
        bankrolls.GET(new Request("http://127.0.0.1/api/v1/bankrolls", { headers: { authorization: `Bearer ${secret}` } }), { params: Promise.resolve({}) }),
      ),
    );
    const limited = responses.filter((r) => r.status === 429);
    expect(responses.filter((r) => r.status === 200)).toHaveLength(limit);
    expect(limited).toHaveLength(6);
    for (const r of responses) expect(r.headers.get("x-ratelimit-limit")).toBe(String(limit));
    for (const r of limited) {
      expect(Number(r.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(r.headers.get("x-ratelimit-remaining")).toBe("0");
    }
    await prisma.user.delete({ where: { id: user.id } });
  });

  it("counts in PostgreSQL while Redis does not answer (a closed port), and says so in the log once", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      vi.resetModules();
      process.env.REDIS_URL = `redis://127.0.0.1:${await closedPort()}`;
      const fallback = await import("@/server/services/api-keys/rate-limit");
      const who = { userId: id("down"), keyId: id("down-key") };
      const decisions = await Promise.all(Array.from({ length: 12 }, () => fallback.consumeApiRequest(pool, who, 5)));
      expect(decisions.filter((d) => d!.allowed)).toHaveLength(5);
      expect(decisions.find((d) => !d!.allowed)!.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      const { rows } = await pool.query<{ points: number }>(`SELECT points FROM "ApiRateLimit" WHERE key = $1`, [`api:user:${who.userId}`]);
      expect(rows[0]!.points).toBeGreaterThanOrEqual(5);
      // Reconnect attempts keep failing in the background; the outage is logged once.
      await vi.waitFor(() => expect(warn).toHaveBeenCalled(), { timeout: 5000 });
      await new Promise((r) => setTimeout(r, 700));
      for (let i = 0; i < 3; i++) await fallback.consumeApiRequest(pool, { userId: id("down2"), keyId: id("k") }, 5);
      expect(warn.mock.calls.filter((c) => String(c[0]).startsWith("[redis] unavailable"))).toHaveLength(1);
    } finally {
      warn.mockRestore();
      process.env.REDIS_URL = REDIS_URL;
    }
  });
});
