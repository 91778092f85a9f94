import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { TEST_DATABASE_URL, testPool, testPrisma } from "../../support/test-db";

/**
 * The REST API through its real route handlers: API keys (created over tRPC), every route refusing missing,
 * wrong, revoked, expired and under-scoped keys, other users' objects as 404, validation as 400, the plan's rate
 * limit under real parallel requests (429 with Retry-After and X-RateLimit-*), and lastUsedAt written at most
 * once a minute. Billing is on but unconfigured, so everyone has the Free plan's 30 requests per minute.
 */
process.env.DATABASE_URL = TEST_DATABASE_URL;
process.env.NEXTAUTH_SECRET ??= "integration-test-secret-integration-test-secret";
process.env.BILLING = "on";
delete process.env.STRIPE_SECRET_KEY;
delete process.env.API_KEY_REQUESTS_PER_MINUTE;

const prisma = testPrisma();
const pool = testPool();

const { createCaller } = await import("@/server/api/root");
const { createBot } = await import("@/server/services/bots/bots");
const { touchApiKey, authenticateApiKey } = await import("@/server/services/api-keys/api-keys");
const { PLANS } = await import("@/server/domain/billing/plans");
const routes = {
  games: await import("@/app/api/v1/games/route"),
  game: await import("@/app/api/v1/games/[id]/route"),
  predictions: await import("@/app/api/v1/games/[id]/predictions/route"),
  follow: await import("@/app/api/v1/games/[id]/follow/route"),
  strategies: await import("@/app/api/v1/strategies/route"),
  strategy: await import("@/app/api/v1/strategies/[id]/route"),
  backtest: await import("@/app/api/v1/backtests/[id]/route"),
  bots: await import("@/app/api/v1/bots/route"),
  bot: await import("@/app/api/v1/bots/[id]/route"),
  record: await import("@/app/api/v1/bots/[id]/record/route"),
  state: await import("@/app/api/v1/bots/[id]/state/route"),
  bets: await import("@/app/api/v1/bets/route"),
  bankrolls: await import("@/app/api/v1/bankrolls/route"),
  slipsCsv: await import("@/app/api/v1/bots/slips.csv/route"),
  backtestCsv: await import("@/app/api/v1/backtests/[id]/bets.csv/route"),
};

type Who = { id: string; role: "USER" | "ADMIN" };
const caller = (user: Who) => createCaller({ db: prisma, pool, session: { user, expires: "2999-01-01" } });
type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

const LEAGUE = "api-keys-test-league";
const TAG = `apikeys-${Date.now()}`;

async function send(handler: Handler, url: string, opts: { key?: string; auth?: string; params?: Record<string, string>; method?: string; body?: unknown; raw?: string } = {}) {
  const headers = new Headers();
  if (opts.auth) headers.set("authorization", opts.auth);
  else if (opts.key) headers.set("authorization", `Bearer ${opts.key}`);
  const body = opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
  if (body !== undefined) headers.set("content-type", "application/json");
  const res = await handler(new Request(`http://127.0.0.1${url}`, { method: opts.method ?? "GET", headers, body }), { params: Promise.resolve(opts.params ?? {}) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: JSON.parse(text) as Record<string, unknown> & { error?: { code: string; message: string } } };
}

const strategyJson = (name: string) => ({
  schemaVersion: 1,
  name,
  markets: ["1x2"],
  leagues: [LEAGUE],
  probability: "market:pinnacle-opening",
  price: "best",
  decideAt: "opening",
  when: { all: [{ field: "edge", op: "gte", value: 0.05 }] },
  stake: { kind: "percent", fraction: 0.02 },
});

interface Owned {
  user: Who;
  strategyId: number;
  backtestId: number;
  botId: number;
  botVersion: number;
  bankrollId: number;
}

async function owner(label: string): Promise<Owned> {
  const user = await prisma.user.create({ data: { email: `${label}-${TAG}@example.com` }, select: { id: true, role: true } });
  const strategyId = (await caller(user).strategies.save({ strategy: strategyJson(`${label} value`) })).id;
  const version = await prisma.strategyVersion.findFirstOrThrow({ where: { strategyId }, orderBy: { id: "desc" } });
  // A finished backtest row (not QUEUED, so no runner picks it up).
  const backtest = await prisma.backtest.create({
    data: { userId: user.id, strategyVersionId: version.id, requestKey: `${TAG}-${label}`, status: "FAILED", error: "test", request: { fromSeason: null, toSeason: null, leagues: [LEAGUE], sweep: null }, strategyHash: version.hash, codeVersion: "test" },
  });
  const bot = await createBot(prisma, user.id, { name: `${label} bot`, strategyId, leagues: [], markets: [], windowHours: 48, schedule: "on-odds", runTimes: [], currency: "USD", initialDepositCents: 100_000 });
  const bankroll = await caller(user).bankrolls.create({ name: `${label} roll`, initialDepositCents: 50_000 });
  const botRow = await prisma.bot.findUniqueOrThrow({ where: { id: bot.id }, select: { version: true } });
  return { user, strategyId, backtestId: backtest.id, botId: bot.id, botVersion: botRow.version, bankrollId: bankroll.id };
}

describe("REST API with API keys", () => {
  let alice: Owned;
  let bob: Owned;
  let gameId: number;
  const keys = {} as Record<"full" | "readOnly" | "betsOnly" | "botsOnly" | "revoked" | "expired" | "bobs", string>;

  beforeAll(async () => {
    const sport = await prisma.sport.upsert({ where: { key: "soccer" }, create: { key: "soccer", name: "Soccer" }, update: {} });
    await prisma.league.deleteMany({ where: { key: LEAGUE } });
    const league = await prisma.league.create({
      data: { key: LEAGUE, name: "API Keys Test League", sportId: sport.id, seasons: { create: { label: "2026-27", startYear: 2026 } } },
      include: { seasons: true },
    });
    const [h, a] = await Promise.all(["Ashcombe", "Brackwell"].map((name) => prisma.team.create({ data: { leagueId: league.id, name } })));
    const kickoff = new Date(Date.now() + 20 * 3_600_000);
    gameId = (
      await prisma.game.create({
        data: { leagueId: league.id, seasonId: league.seasons[0]!.id, homeTeamId: h!.id, awayTeamId: a!.id, startsAt: kickoff, startTimeKnown: true, localDate: kickoff, primarySource: "test" },
      })
    ).id;
    alice = await owner("alice");
    bob = await owner("bob");
    const mk = async (who: Who, scopes: ("read" | "bets:write" | "bots:write")[], name: string) => (await caller(who).apiKeys.create({ name, scopes })).secret;
    keys.full = await mk(alice.user, ["read", "bets:write", "bots:write"], "full");
    keys.readOnly = await mk(alice.user, ["read"], "read only");
    keys.betsOnly = await mk(alice.user, ["bets:write"], "bets only");
    keys.botsOnly = await mk(alice.user, ["bots:write"], "bots only");
    keys.revoked = await mk(alice.user, ["read", "bets:write", "bots:write"], "revoked");
    keys.expired = await mk(alice.user, ["read", "bets:write", "bots:write"], "expired");
    keys.bobs = await mk(bob.user, ["read", "bets:write", "bots:write"], "bob's");
    const list = await caller(alice.user).apiKeys.list();
    await caller(alice.user).apiKeys.revoke({ id: list.find((k) => k.name === "revoked")!.id });
    await prisma.apiKey.update({ where: { id: list.find((k) => k.name === "expired")!.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
  });

  // Each test starts with fresh rate-limit windows, so only the rate-limit test reaches the limit.
  beforeEach(async () => {
    await prisma.$executeRaw`DELETE FROM "ApiRateLimit"`;
  });

  afterAll(async () => {
    for (const o of [alice, bob]) if (o) await prisma.backtest.deleteMany({ where: { userId: o.user.id } });
    const { eraseRecordChainsOfUser } = await import("@/server/services/records/chain");
    // Bots' records are append-only: their chains are erased the sanctioned way before the users go.
    for (const o of [alice, bob])
      if (o)
        await prisma.$transaction(async (tx) => {
          await eraseRecordChainsOfUser(tx, o.user.id);
          await tx.user.delete({ where: { id: o.user.id } });
        });
    await prisma.league.deleteMany({ where: { key: LEAGUE } });
    await prisma.$disconnect();
    await pool.end();
    // The route handlers' own client and pool (server/db/client.ts).
    const g = globalThis as { prisma?: { $disconnect(): Promise<void> }; pool?: { end(): Promise<void> } };
    await g.prisma?.$disconnect();
    await g.pool?.end();
  });

  /** Every route, with a request that succeeds for alice's full key, and the scope it needs. */
  function table() {
    const id = (n: number) => ({ id: String(n) });
    const bet = { bankrollId: alice.bankrollId, gameId, market: "ONE_X_TWO", selection: "HOME", price: 2.1, stakeCents: 1_000, placedAt: new Date().toISOString() };
    return [
      { name: "GET /games", h: routes.games.GET, url: "/api/v1/games?limit=5", scope: "read" },
      { name: "GET /games/{id}", h: routes.game.GET, url: `/api/v1/games/${gameId}`, params: id(gameId), scope: "read" },
      { name: "GET /games/{id}/predictions", h: routes.predictions.GET, url: `/api/v1/games/${gameId}/predictions`, params: id(gameId), scope: "read" },
      { name: "GET /games/{id}/follow", h: routes.follow.GET, url: `/api/v1/games/${gameId}/follow`, params: id(gameId), scope: "read" },
      { name: "GET /strategies", h: routes.strategies.GET, url: "/api/v1/strategies", scope: "read" },
      { name: "GET /strategies/{id}", h: routes.strategy.GET, url: `/api/v1/strategies/${alice.strategyId}`, params: id(alice.strategyId), scope: "read" },
      { name: "GET /backtests/{id}", h: routes.backtest.GET, url: `/api/v1/backtests/${alice.backtestId}`, params: id(alice.backtestId), scope: "read" },
      { name: "GET /bots", h: routes.bots.GET, url: "/api/v1/bots", scope: "read" },
      { name: "GET /bots/{id}", h: routes.bot.GET, url: `/api/v1/bots/${alice.botId}`, params: id(alice.botId), scope: "read" },
      { name: "GET /bots/{id}/record", h: routes.record.GET, url: `/api/v1/bots/${alice.botId}/record`, params: id(alice.botId), scope: "read" },
      { name: "GET /bets", h: routes.bets.GET, url: "/api/v1/bets", scope: "read" },
      { name: "GET /bankrolls", h: routes.bankrolls.GET, url: "/api/v1/bankrolls", scope: "read" },
      { name: "POST /bets", h: routes.bets.POST, url: "/api/v1/bets", method: "POST", body: bet, scope: "bets:write" },
      { name: "POST /bots/{id}/state", h: routes.state.POST, url: `/api/v1/bots/${alice.botId}/state`, params: id(alice.botId), method: "POST", body: { version: alice.botVersion, state: "ACTIVE" }, scope: "bots:write" },
    ] as { name: string; h: Handler; url: string; params?: Record<string, string>; method?: string; body?: unknown; scope: string }[];
  }

  it("creates keys over tRPC: the secret once, then only its prefix; validates input; revokes only one's own", async () => {
    const created = await caller(alice.user).apiKeys.create({ name: "shown once", scopes: ["read", "read"], expiresInDays: 30 });
    expect(created.secret).toMatch(/^lsk_[A-Za-z0-9_-]{43}$/);
    expect(created.secret.startsWith(created.prefix)).toBe(true);
    expect(created.scopes).toEqual(["read"]);
    expect(created.expiresAt!.getTime() - Date.now()).toBeGreaterThan(29 * 86_400_000);
    const listed = (await caller(alice.user).apiKeys.list()).find((k) => k.id === created.id)!;
    expect(listed).not.toHaveProperty("secret");
    expect(listed).not.toHaveProperty("hash");
    expect(listed.expired).toBe(false);
    expect((await caller(alice.user).apiKeys.list()).find((k) => k.name === "expired")?.expired).toBe(true);
    const stored = await prisma.apiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(created.secret);
    await expect(caller(alice.user).apiKeys.create({ name: "none", scopes: [] })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller(alice.user).apiKeys.create({ name: "bad", scopes: ["admin" as "read"] })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller(bob.user).apiKeys.revoke({ id: created.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await caller(alice.user).apiKeys.revoke({ id: created.id });
    await expect(authenticateApiKey(prisma, created.secret)).rejects.toThrow(/revoked/);
  });

  it("every route refuses a missing, malformed, wrong, revoked or expired key with 401 JSON", async () => {
    const wrong = `lsk_${randomBytes(32).toString("base64url")}`;
    for (const r of table()) {
      const base = { params: r.params, method: r.method, body: r.body };
      const cases = [
        { opts: {}, message: /Authorization header/ },
        { opts: { auth: `Basic ${keys.full}` }, message: /Bearer/ },
        { opts: { key: "lsk_short" }, message: /not valid/ },
        { opts: { key: wrong }, message: /not valid/ },
        { opts: { key: keys.revoked }, message: /revoked/ },
        { opts: { key: keys.expired }, message: /expired/ },
      ];
      for (const c of cases) {
        const res = await send(r.h, r.url, { ...base, ...c.opts });
        expect(res.status, `${r.name} ${JSON.stringify(c.opts)}`).toBe(401);
        expect(res.json.error?.code).toBe("UNAUTHORIZED");
        expect(res.json.error?.message).toMatch(c.message);
        expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
      }
    }
  });

  it("every route refuses a key without its scope (403) and serves one with it", async () => {
    for (const r of table()) {
      const without = r.scope === "read" ? keys.betsOnly : keys.readOnly;
      const refused = await send(r.h, r.url, { key: without, params: r.params, method: r.method, body: r.body });
      expect(refused.status, r.name).toBe(403);
      expect(refused.json.error).toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining(r.scope) as string });
      const scoped = r.scope === "read" ? keys.readOnly : r.scope === "bets:write" ? keys.betsOnly : keys.botsOnly;
      const ok = await send(r.h, r.url, { key: scoped, params: r.params, method: r.method, body: r.body });
      expect(ok.status, `${r.name}: ${JSON.stringify(ok.json)}`).toBeLessThan(300);
      expect(ok.headers.get("x-ratelimit-limit")).toBe(String(PLANS.FREE.limits.apiRequestsPerMinute));
    }
  });

  it("serves the owner's data and answers 404 for another user's objects", async () => {
    const bankrolls = await send(routes.bankrolls.GET, "/api/v1/bankrolls", { key: keys.full });
    expect((bankrolls.json as unknown as { id: number }[]).map((b) => b.id)).toContain(alice.bankrollId);
    expect((bankrolls.json as unknown as { id: number }[]).map((b) => b.id)).not.toContain(bob.bankrollId);
    const strategies = await send(routes.strategies.GET, "/api/v1/strategies", { key: keys.full });
    expect((strategies.json as unknown as { id: number }[]).map((s) => s.id)).toEqual([alice.strategyId]);
    const record = await send(routes.record.GET, `/api/v1/bots/${alice.botId}/record`, { key: keys.full, params: { id: String(alice.botId) } });
    expect(record.json).toMatchObject({ bot: expect.any(String) as string, entries: expect.any(Array) as unknown[] });

    const foreign = [
      [routes.strategy.GET, `/api/v1/strategies/${bob.strategyId}`, bob.strategyId],
      [routes.backtest.GET, `/api/v1/backtests/${bob.backtestId}`, bob.backtestId],
      [routes.bot.GET, `/api/v1/bots/${bob.botId}`, bob.botId],
      [routes.record.GET, `/api/v1/bots/${bob.botId}/record`, bob.botId],
    ] as const;
    for (const [h, url, id] of foreign) {
      const res = await send(h as Handler, url, { key: keys.full, params: { id: String(id) } });
      expect(res.status, url).toBe(404);
      expect(res.json.error?.code).toBe("NOT_FOUND");
    }
    const state = await send(routes.state.POST, `/api/v1/bots/${bob.botId}/state`, { key: keys.full, params: { id: String(bob.botId) }, method: "POST", body: { version: bob.botVersion, state: "PAUSED" } });
    expect(state.status).toBe(404);
    const before = await prisma.bet.count({ where: { bankrollId: bob.bankrollId } });
    const bet = { bankrollId: bob.bankrollId, gameId, market: "ONE_X_TWO", selection: "HOME", price: 2.1, stakeCents: 1_000, placedAt: new Date().toISOString() };
    const placed = await send(routes.bets.POST, "/api/v1/bets", { key: keys.full, method: "POST", body: bet });
    expect(placed.status).toBe(404);
    expect(await prisma.bet.count({ where: { bankrollId: bob.bankrollId } })).toBe(before);
    // And bob's own key sees his.
    expect((await send(routes.bot.GET, `/api/v1/bots/${bob.botId}`, { key: keys.bobs, params: { id: String(bob.botId) } })).status).toBe(200);
  });

  it("places a bet with bets:write (201) and lists it; bad input is a 400 with the field, never a 500", async () => {
    const bet = { bankrollId: alice.bankrollId, gameId, market: "ONE_X_TWO", selection: "AWAY", price: 3.5, stakeCents: 2_500, placedAt: new Date().toISOString() };
    const placed = await send(routes.bets.POST, "/api/v1/bets", { key: keys.full, method: "POST", body: bet });
    expect(placed.status).toBe(201);
    const id = (placed.json as { id: number }).id;
    const listed = await send(routes.bets.GET, `/api/v1/bets?bankrollId=${alice.bankrollId}&limit=100`, { key: keys.full });
    expect(listed.status).toBe(200);
    expect((listed.json as unknown as { items: { id: number; stakeCents: number }[] }).items.find((b) => b.id === id)?.stakeCents).toBe(2_500);

    const bad = [
      await send(routes.games.GET, "/api/v1/games?limit=abc", { key: keys.full }),
      await send(routes.games.GET, "/api/v1/games?limit=1000", { key: keys.full }),
      await send(routes.game.GET, "/api/v1/games/abc", { key: keys.full, params: { id: "abc" } }),
      await send(routes.game.GET, "/api/v1/games/99999999999", { key: keys.full, params: { id: "99999999999" } }),
      await send(routes.strategies.GET, "/api/v1/strategies?archived=maybe", { key: keys.full }),
      await send(routes.bets.POST, "/api/v1/bets", { key: keys.full, method: "POST", raw: "{not json" }),
      await send(routes.bets.POST, "/api/v1/bets", { key: keys.full, method: "POST", body: { ...bet, stakeCents: -5 } }),
      await send(routes.bets.POST, "/api/v1/bets", { key: keys.full, method: "POST", body: { ...bet, price: "high" } }),
      await send(routes.bets.POST, "/api/v1/bets", { key: keys.full, method: "POST" }),
    ];
    for (const res of bad) {
      expect(res.status, JSON.stringify(res.json)).toBe(400);
      expect(res.json.error?.code).toBe("BAD_REQUEST");
    }
    expect(bad[0]!.json.error?.message).toMatch(/limit/);
    expect(bad[6]!.json.error?.message).toMatch(/stakeCents/);
    // A game that does not exist is 404, not 500.
    expect((await send(routes.game.GET, "/api/v1/games/2147483000", { key: keys.full, params: { id: "2147483000" } })).status).toBe(404);
  });

  it("rate-limits per user across keys under parallel requests: 429 with Retry-After and X-RateLimit-* headers", async () => {
    const limit = PLANS.FREE.limits.apiRequestsPerMinute;
    const extra = 12;
    // Two of alice's keys at once: the allowance is per user, all keys together.
    const results = await Promise.all(
      Array.from({ length: limit + extra }, (_, i) => send(routes.bankrolls.GET, "/api/v1/bankrolls", { key: i % 2 ? keys.full : keys.readOnly })),
    );
    const ok = results.filter((r) => r.status === 200);
    const limited = results.filter((r) => r.status === 429);
    expect(ok).toHaveLength(limit);
    expect(limited).toHaveLength(extra);
    for (const r of results) {
      expect(r.headers.get("x-ratelimit-limit")).toBe(String(limit));
      expect(Number(r.headers.get("x-ratelimit-remaining"))).toBeGreaterThanOrEqual(0);
      const reset = Number(r.headers.get("x-ratelimit-reset"));
      expect(reset * 1000).toBeGreaterThan(Date.now());
      expect(reset * 1000).toBeLessThanOrEqual(Date.now() + 61_000);
    }
    for (const r of limited) {
      expect(r.json.error?.code).toBe("TOO_MANY_REQUESTS");
      const retry = Number(r.headers.get("retry-after"));
      expect(retry).toBeGreaterThanOrEqual(1);
      expect(retry).toBeLessThanOrEqual(60);
      expect(r.headers.get("x-ratelimit-remaining")).toBe("0");
    }
    expect(new Set(ok.map((r) => r.headers.get("x-ratelimit-remaining"))).size).toBe(limit);
    // Bob is not affected by alice's use.
    expect((await send(routes.bankrolls.GET, "/api/v1/bankrolls", { key: keys.bobs })).status).toBe(200);
  });

  it("the CSV exports accept a key too: 401 wrong, 403 without read, 404 for another user's backtest", async () => {
    const from = new Date(Date.now() - 86_400_000).toISOString();
    const to = new Date().toISOString();
    const url = `/api/v1/bots/slips.csv?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
    const raw = async (h: Handler, u: string, key: string, params: Record<string, string> = {}) =>
      h(new Request(`http://127.0.0.1${u}`, { headers: { authorization: `Bearer ${key}` } }), { params: Promise.resolve(params) });
    const ok = await raw(routes.slipsCsv.GET as Handler, url, keys.readOnly);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toMatch(/text\/csv/);
    expect(ok.headers.get("x-ratelimit-limit")).toBe(String(PLANS.FREE.limits.apiRequestsPerMinute));
    expect((await raw(routes.slipsCsv.GET as Handler, url, keys.revoked)).status).toBe(401);
    expect((await raw(routes.slipsCsv.GET as Handler, url, keys.betsOnly)).status).toBe(403);
    const foreign = await raw(routes.backtestCsv.GET as Handler, `/api/v1/backtests/${bob.backtestId}/bets.csv`, keys.full, { id: String(bob.backtestId) });
    expect(foreign.status).toBe(404);
    expect((await raw(routes.backtestCsv.GET as Handler, `/api/v1/backtests/${alice.backtestId}/bets.csv`, keys.expired, { id: String(alice.backtestId) })).status).toBe(401);
  });

  it("writes lastUsedAt at most once a minute per key", async () => {
    const key = await caller(alice.user).apiKeys.create({ name: "touch", scopes: ["read"] });
    expect(key.lastUsedAt).toBeNull();
    await send(routes.bankrolls.GET, "/api/v1/bankrolls", { key: key.secret });
    const first = (await prisma.apiKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt;
    expect(first).not.toBeNull();
    await send(routes.bankrolls.GET, "/api/v1/bankrolls", { key: key.secret });
    expect((await prisma.apiKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt).toEqual(first);
    // The conditional UPDATE itself: parallel touches within the minute write once; a minute later writes again.
    const later = new Date(first!.getTime() + 30_000);
    expect((await Promise.all([1, 2, 3].map(() => touchApiKey(prisma, key.id, later)))).filter(Boolean)).toHaveLength(0);
    const next = new Date(first!.getTime() + 61_000);
    expect((await Promise.all([1, 2, 3].map(() => touchApiKey(prisma, key.id, next)))).filter(Boolean)).toHaveLength(1);
    expect((await prisma.apiKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt).toEqual(next);
  });
});
