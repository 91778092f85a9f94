import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Context } from "@/server/api/trpc";
import { TEST_DATABASE_URL } from "../../support/test-db";
import { edgeStrategy } from "../../support/strategies";

// Billing on without a Stripe key: everyone has the Free plan's limits, which a plan override must lift.
Object.assign(process.env, { DATABASE_URL: TEST_DATABASE_URL, BILLING: "on" });
delete process.env.STRIPE_SECRET_KEY;
process.env.NEXTAUTH_SECRET ??= "integration-test-secret-integration-test-secret";

const { apiCaller } = await import("../../support/api-caller");
const { deleteAllUsers } = await import("../../support/users");
const { prisma, pool, caller } = apiCaller();
const { createCaller } = await import("@/server/api/root");
const { signUp } = await import("@/server/services/auth/sign-up");
const { signInWithPassword } = await import("@/server/services/auth/sign-in");
const { signInWithSecondFactor } = await import("@/server/services/accounts/sign-in");
const { beginTwoFactorSetup, enableTwoFactor } = await import("@/server/services/accounts/two-factor");
const { secretBoxFromEnv } = await import("@/server/services/crypto/secret-box");
const { totpCode } = await import("@/server/domain/accounts/totp");
const { createApiKey } = await import("@/server/services/api-keys/api-keys");
const { authenticateApiRequest } = await import("@/server/http/api-auth");
const { limitsFor } = await import("@/server/services/billing/limits");
const { authOptions } = await import("@/server/auth/options");
const { env } = await import("@/server/env");

const PASSWORD = "correct horse battery";
const { callbacks } = authOptions();
type Who = { id: string; role: "USER" | "ADMIN" };
type Token = Record<string, unknown> & { sub: string; sid: string };

/** A token as next-auth issues it after a password sign-in (the jwt callback at sign-in). */
async function passwordToken(email: string): Promise<Token> {
  const user = await signInWithPassword(prisma, { email, password: PASSWORD, clientAddress: "203.0.113.9" });
  return (await callbacks!.jwt!({ token: { sub: user!.id }, user: user as never, account: { type: "credentials" } as never })) as Token;
}
/** A token after an OAuth sign-in (the account already exists with this email). */
async function oauthToken(email: string): Promise<Token> {
  const account = { type: "oauth", provider: "github", providerAccountId: `gh-${email}` };
  return (await callbacks!.jwt!({ token: {}, user: { id: "provider-id", email } as never, account: account as never })) as Token;
}
const refresh = (token: Token, extra: Record<string, unknown> = {}) => callbacks!.jwt!({ token: { ...token }, ...extra } as never) as Promise<Token>;
type Session = NonNullable<Context["session"]>;
const sessionOf = (token: Token) => callbacks!.session!({ session: { user: {}, expires: "2999-01-01" }, token } as never) as Session;
const callerWith = (session: Session) => createCaller({ db: prisma, pool, session });

const strategy = edgeStrategy;

let admin: Who;
let user: Who;

beforeEach(async () => {
  await prisma.rateLimitBucket.deleteMany();
  await prisma.signInAttempt.deleteMany();
  await deleteAllUsers(prisma);
  // The first account of an empty installation is the admin.
  admin = await signUp(prisma, { email: "admin@example.com", password: PASSWORD });
  user = await signUp(prisma, { email: "user_1@example.com", password: PASSWORD });
  expect([admin.role, user.role]).toEqual(["ADMIN", "USER"]);
});

const auditOf = (targetId: string) => prisma.auditLog.findMany({ where: { targetId }, orderBy: { id: "asc" } });

describe("admin procedures", () => {
  it("are FORBIDDEN for a non-admin and UNAUTHORIZED when signed out", async () => {
    const calls = (c: ReturnType<typeof caller>) => [
      () => c.adminUsers.list({}),
      () => c.adminUsers.setRole({ userId: user.id, role: "ADMIN" }),
      () => c.adminUsers.disable({ userId: admin.id, reason: "x" }),
      () => c.adminUsers.enable({ userId: admin.id }),
      () => c.adminUsers.setPlanOverride({ userId: user.id, plan: "ELITE" }),
      () => c.adminAudit.list({}),
    ];
    for (const call of calls(caller(user))) await expect(call()).rejects.toMatchObject({ code: "FORBIDDEN" });
    for (const call of calls(caller(null))) await expect(call()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    // The role is read from the database: a token still saying ADMIN after a demotion is refused too.
    for (const call of calls(caller({ id: user.id, role: "ADMIN" }))) await expect(call()).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).role).toBe("USER");
    expect(await auditOf(user.id)).toEqual([]);
  });

  it("searches by email or name with % and _ matching themselves, and pages", async () => {
    // Rows straight in (no password hashing): only the listing is under test.
    await prisma.user.createMany({ data: Array.from({ length: 30 }, (_, i) => ({ email: `bulk${i}@example.com` })) });
    await prisma.user.create({ data: { email: "userx1@example.com", name: "Named Person" } });
    const a = caller(admin).adminUsers;
    expect((await a.list({ search: "user_" })).users.map((u) => u.email)).toEqual(["user_1@example.com"]);
    expect((await a.list({ search: "%" })).users).toEqual([]);
    expect((await a.list({ search: "named pers" })).users.map((u) => u.email)).toEqual(["userx1@example.com"]);
    const first = await a.list({});
    expect(first.users).toHaveLength(25);
    const second = await a.list({ cursor: first.nextCursor! });
    expect(second.nextCursor).toBeNull();
    const all = [...first.users, ...second.users].map((u) => u.id);
    expect(new Set(all).size).toBe(33);
    expect(first.users[0]).toMatchObject({ plan: "FREE", comped: false, twoFactor: false, disabledAt: null });
  });
});

describe("roles", () => {
  it("promotes and demotes with an audit entry, ends the user's sessions, and refuses to demote the last admin", async () => {
    const old = await passwordToken("user_1@example.com");
    await caller(admin).adminUsers.setRole({ userId: user.id, role: "ADMIN" });
    await expect(refresh(old)).rejects.toThrow(/session has ended/);
    const entries = await auditOf(user.id);
    expect(entries).toMatchObject([
      { action: "user.role.change", actorId: admin.id, actorEmail: "admin@example.com", details: { from: "USER", to: "ADMIN" } },
    ]);
    await caller(user).adminUsers.setRole({ userId: admin.id, role: "USER" });
    await expect(caller(user).adminUsers.setRole({ userId: user.id, role: "USER" })).rejects.toThrow(
      /last active administrator\. Make another user an administrator first/,
    );
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).role).toBe("ADMIN");
  });

  it("leaves one admin when two admins demote each other at once", async () => {
    await caller(admin).adminUsers.setRole({ userId: user.id, role: "ADMIN" });
    const results = await Promise.allSettled([
      caller(admin).adminUsers.setRole({ userId: user.id, role: "USER" }),
      caller(user).adminUsers.setRole({ userId: admin.id, role: "USER" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await prisma.user.count({ where: { id: { in: [admin.id, user.id] }, role: "ADMIN" } })).toBe(1);
  });
});

describe("disable and enable", () => {
  it("refuses password sign-in, old sessions and API keys of a disabled user; enabling restores sign-in and keys", async () => {
    const token = await passwordToken("user_1@example.com");
    const key = await createApiKey(prisma, user.id, { name: "script", scopes: ["read"] });
    const rest = () => authenticateApiRequest(new Request("http://test/api/v1/games", { headers: { authorization: `Bearer ${key.secret}` } }), "read");
    expect(await rest()).not.toBeInstanceOf(Response);

    await caller(admin).adminUsers.disable({ userId: user.id, reason: "Chargeback fraud" });
    await expect(signInWithSecondFactor(prisma, null, { email: "user_1@example.com", password: PASSWORD, clientAddress: "203.0.113.9" })).rejects.toThrow(
      /disabled by an administrator/,
    );
    await expect(refresh(token)).rejects.toThrow(/session has ended/);
    const refused = await rest();
    expect(refused).toBeInstanceOf(Response);
    expect((refused as Response).status).toBe(403);
    expect(await (refused as Response).json()).toMatchObject({ error: { message: /disabled/ } });
    // A wrong password still says only that it is wrong: "disabled" is told to the password's owner alone.
    await expect(signInWithPassword(prisma, { email: "user_1@example.com", password: "wrong password", clientAddress: "203.0.113.9" })).resolves.toBeNull();
    const listed = (await caller(admin).adminUsers.list({ search: "user_1" })).users[0]!;
    expect(listed).toMatchObject({ disabledReason: "Chargeback fraud" });
    expect(listed.disabledAt).toBeInstanceOf(Date);

    await caller(admin).adminUsers.enable({ userId: user.id });
    const fresh = await passwordToken("user_1@example.com");
    await expect(refresh(fresh)).resolves.toMatchObject({ sub: user.id });
    await expect(refresh(token)).rejects.toThrow(/session has ended/);
    expect(await rest()).not.toBeInstanceOf(Response);
    expect((await auditOf(user.id)).map((e) => e.action)).toEqual(["user.disable", "user.enable"]);
    expect((await auditOf(user.id))[0]!.details).toMatchObject({ reason: "Chargeback fraud", email: "user_1@example.com" });
  });

  it("refuses an OAuth sign-in of a disabled account with a clear error", async () => {
    await caller(admin).adminUsers.disable({ userId: user.id, reason: "Abuse" });
    const result = await callbacks!.signIn!({
      user: { id: "gh-1", email: "user_1@example.com", name: null },
      account: { type: "oauth", provider: "github", providerAccountId: "gh-1" },
    } as never);
    expect(result).toBe("/sign-in?error=AccountDisabled");
  });

  it("refuses disabling yourself", async () => {
    await expect(caller(admin).adminUsers.disable({ userId: admin.id, reason: "oops" })).rejects.toThrow(/cannot disable your own account/);
  });
});

describe("plan override", () => {
  it("lifts a plan limit, is audited, lapses at its end date and can be removed", async () => {
    for (const n of [1, 2, 3]) await caller(user).strategies.save({ strategy: strategy(`S${n}`) });
    await expect(caller(user).strategies.save({ strategy: strategy("S4") })).rejects.toMatchObject({ code: "PAYMENT_REQUIRED" });

    await expect(
      caller(admin).adminUsers.setPlanOverride({ userId: user.id, plan: "PRO", endsAt: new Date(Date.now() - 1000) }),
    ).rejects.toThrow(/end date must be in the future/);
    const endsAt = new Date(Date.now() + 86_400_000);
    await caller(admin).adminUsers.setPlanOverride({ userId: user.id, plan: "PRO", endsAt });
    await caller(user).strategies.save({ strategy: strategy("S4") });
    expect((await caller(admin).adminUsers.list({ search: "user_1" })).users[0]).toMatchObject({ plan: "PRO", comped: true, compPlan: "PRO" });
    expect(await auditOf(user.id)).toMatchObject([
      { action: "user.plan.override", details: { from: null, to: "PRO", endsAt: endsAt.toISOString() } },
    ]);

    expect((await limitsFor(pool, user.id, new Date(endsAt.getTime() + 1))).plan).toBe("FREE");
    await caller(admin).adminUsers.setPlanOverride({ userId: user.id, plan: null });
    expect((await limitsFor(pool, user.id)).plan).toBe("FREE");
    expect((await auditOf(user.id)).map((e) => e.action)).toEqual(["user.plan.override", "user.plan.override.remove"]);
  });
});

describe("audit atomicity", () => {
  afterEach(async () => {
    await prisma.$executeRawUnsafe(`DROP TRIGGER IF EXISTS test_refuse_commit ON "User"`);
    await prisma.$executeRawUnsafe(`DROP FUNCTION IF EXISTS test_refuse_commit()`);
  });

  it("rolls the audit entry back with a change that fails at commit", async () => {
    // A deferred trigger fails the transaction at COMMIT, after both the change and its entry were written.
    await prisma.$executeRawUnsafe(
      `CREATE FUNCTION test_refuse_commit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused at commit'; END $$`,
    );
    await prisma.$executeRawUnsafe(
      `CREATE CONSTRAINT TRIGGER test_refuse_commit AFTER UPDATE ON "User" DEFERRABLE INITIALLY DEFERRED
         FOR EACH ROW WHEN (NEW.email = 'user_1@example.com') EXECUTE FUNCTION test_refuse_commit()`,
    );
    await expect(caller(admin).adminUsers.disable({ userId: user.id, reason: "test" })).rejects.toThrow();
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).disabledAt).toBeNull();
    expect(await auditOf(user.id)).toEqual([]);
  });
});

describe("audit log page", () => {
  it("filters by action prefix (wildcards escaped), actor email and dates, newest first, in pages", async () => {
    await caller(admin).adminUsers.setRole({ userId: user.id, role: "ADMIN" });
    await caller(admin).adminUsers.setPlanOverride({ userId: user.id, plan: "ELITE" });
    await caller(user).adminUsers.disable({ userId: admin.id, reason: "handover" });
    const a = caller(user).adminAudit;
    const mine = (r: Awaited<ReturnType<typeof a.list>>) => r.entries.filter((e) => [admin.id, user.id].includes(e.targetId ?? ""));
    expect(mine(await a.list({ action: "user." })).map((e) => e.action)).toEqual(["user.disable", "user.plan.override", "user.role.change"]);
    expect(mine(await a.list({ action: "user_" }))).toEqual([]);
    expect(mine(await a.list({ action: "user.plan" })).map((e) => e.action)).toEqual(["user.plan.override"]);
    expect(mine(await a.list({ actorEmail: "USER_1@" })).map((e) => e.action)).toEqual(["user.disable"]);
    expect(mine(await a.list({ from: new Date(Date.now() + 60_000) }))).toEqual([]);
    expect(mine(await a.list({ to: new Date(Date.now() + 60_000) }))).toHaveLength(3);
    await expect(a.list({ cursor: "99999999999999999999" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("OAuth sign-in of an account with 2FA", () => {
  const box = () => secretBoxFromEnv(env());

  it("gives a pending session that protectedProcedure refuses until a right code; wrong and replayed codes are refused", async () => {
    const { secret } = await beginTwoFactorSetup(prisma, box()!, { id: user.id, email: "user_1@example.com" });
    await enableTwoFactor(prisma, box()!, user.id, await totpCode(secret, new Date(Date.now() - 30_000)), new Date(Date.now() - 30_000));
    await prisma.rateLimitBucket.deleteMany();

    const pending = await oauthToken("user_1@example.com");
    const session = sessionOf(pending);
    expect(session).toMatchObject({ twoFactorPending: true, user: { id: user.id } });
    await expect(callerWith(session).apiKeys.list()).rejects.toMatchObject({ code: "UNAUTHORIZED", message: /two-factor code/ });
    // A plain refresh (no code) keeps it pending.
    expect(sessionOf(await refresh(pending))).toMatchObject({ twoFactorPending: true });

    const right = await totpCode(secret, new Date());
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, "0");
    const afterWrong = await refresh(pending, { trigger: "update", session: { twoFactorCode: wrong } });
    expect(sessionOf(afterWrong)).toMatchObject({ twoFactorPending: true, twoFactorError: /not right/ });
    // Data sent with update() never sets claims by itself.
    const forged = await refresh(pending, { trigger: "update", session: { tfp: false, twoFactorPending: false } });
    expect(sessionOf(forged)).toMatchObject({ twoFactorPending: true });

    const upgraded = await refresh(afterWrong, { trigger: "update", session: { twoFactorCode: right } });
    const good = sessionOf(upgraded);
    expect(good.twoFactorPending).toBeUndefined();
    await expect(callerWith(good).apiKeys.list()).resolves.toEqual([]);
    expect(sessionOf(await refresh(upgraded)).twoFactorPending).toBeUndefined();

    // The same code again, on a second OAuth sign-in, is a replay.
    const second = await oauthToken("user_1@example.com");
    const replayed = await refresh(second, { trigger: "update", session: { twoFactorCode: right } });
    expect(sessionOf(replayed)).toMatchObject({ twoFactorPending: true, twoFactorError: /not right/ });
  });

  it("does not ask accounts without 2FA for a code", async () => {
    const token = await oauthToken("user_1@example.com");
    expect(sessionOf(token).twoFactorPending).toBeUndefined();
  });
});
