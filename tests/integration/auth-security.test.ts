import { beforeEach, describe, expect, it } from "vitest";
import { pool, prisma } from "../support/app-db";
import { deleteAllUsers } from "../support/users";

const { consumeRateLimit } = await import("@/server/services/rate-limits/rate-limits");
const { signInWithPassword } = await import("@/server/services/auth/sign-in");
const { signUp } = await import("@/server/services/auth/sign-up");
const { signInWithOAuth } = await import("@/server/services/auth/accounts");
const { authOptions } = await import("@/server/auth/options");
const { createCaller } = await import("@/server/api/root");

const PASSWORD = "correct horse battery";

async function reset() {
  await prisma.rateLimitBucket.deleteMany();
  await prisma.signInAttempt.deleteMany();
  await prisma.revokedSession.deleteMany();
  await deleteAllUsers(prisma);
}

/** Settles every promise and sorts the outcomes into values and error messages. */
async function settle<T>(promises: Promise<T>[]) {
  const results = await Promise.allSettled(promises);
  return {
    values: results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : [])),
    errors: results.flatMap((r) => (r.status === "rejected" ? [String((r.reason as Error).message)] : [])),
  };
}

describe("rate limits on PostgreSQL", () => {
  beforeEach(reset);

  it("lets exactly the limit through when 30 hits arrive at once", async () => {
    const rule = { key: "test:parallel", limit: 5, windowMs: 60_000 };
    const decisions = await Promise.all(Array.from({ length: 30 }, () => consumeRateLimit(prisma, rule)));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(5);
    expect(Math.max(...decisions.map((d) => d.retryAfterMs))).toBeLessThanOrEqual(60_000);
  });

  it("starts a fresh window once the old one has passed", async () => {
    const rule = { key: "test:window", limit: 1, windowMs: 1_000 };
    const t0 = new Date("2030-01-01T00:00:00Z");
    expect((await consumeRateLimit(prisma, rule, t0)).allowed).toBe(true);
    expect(await consumeRateLimit(prisma, rule, new Date(t0.getTime() + 500))).toEqual({
      allowed: false,
      retryAfterMs: 500,
    });
    expect((await consumeRateLimit(prisma, rule, new Date(t0.getTime() + 1_000))).allowed).toBe(true);
  });
});

describe("sign-in throttle", () => {
  beforeEach(async () => {
    await reset();
    await signUp(prisma, { email: "owner@example.com", password: PASSWORD });
  });

  const attempt = (password: string, clientAddress = "203.0.113.1", email = "owner@example.com") =>
    signInWithPassword(prisma, { email, password, clientAddress });

  it("checks at most 5 of 30 simultaneous wrong passwords and tells the rest to wait", async () => {
    const { values, errors } = await settle(Array.from({ length: 30 }, () => attempt("wrong password")));
    expect(await prisma.signInAttempt.count()).toBeLessThanOrEqual(5);
    expect(values.every((v) => v === null)).toBe(true);
    expect(errors.length).toBeGreaterThanOrEqual(25);
    expect(new Set(errors)).toEqual(new Set(["Too many attempts, try again in 15 minutes."]));
  });

  it("throttles one address without locking the owner out from another", async () => {
    for (let i = 0; i < 5; i++) expect(await attempt("wrong password", "198.51.100.66")).toBeNull();
    await expect(attempt(PASSWORD, "198.51.100.66")).rejects.toThrow(/Too many attempts/);
    expect(await attempt(PASSWORD, "203.0.113.1")).toMatchObject({ email: "owner@example.com" });
  });

  it("stops guessing spread over many addresses at 20 an hour per email", async () => {
    for (let i = 0; i < 20; i++) expect(await attempt("wrong password", `198.51.100.${i}`)).toBeNull();
    await expect(attempt("wrong password", "198.51.100.200")).rejects.toThrow(
      /Too many attempts, try again in 60 minutes/,
    );
  });

  it("does not count the owner's successful sign-ins", async () => {
    for (let i = 0; i < 8; i++) expect(await attempt(PASSWORD)).toMatchObject({ email: "owner@example.com" });
    for (let i = 0; i < 5; i++) expect(await attempt("wrong password")).toBeNull();
  });

  it("takes as long for an unknown email as for a known one", async () => {
    const time = async (email: string) => {
      const start = performance.now();
      await attempt("wrong password", `192.0.2.${Math.floor(Math.random() * 250)}`, email);
      return performance.now() - start;
    };
    await time("nobody@example.com"); // the dummy hash is made once, on first use
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 3; i++) {
      known.push(await time("owner@example.com"));
      unknown.push(await time(`nobody${i}@example.com`));
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[1]!;
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.5);
  });

  it("never signs an OAuth-only account in with the dummy password", async () => {
    await signInWithOAuth(
      prisma,
      { provider: "github", providerAccountId: "1", email: "oauth@example.com", name: null },
      undefined,
    );
    expect(await attempt("no account", "203.0.113.1", "oauth@example.com")).toBeNull();
  });
});

describe("sign-up", () => {
  beforeEach(reset);

  it("limits accounts per client address", async () => {
    const client = { address: "198.51.100.9", signUpsPerHour: 3 };
    const { values, errors } = await settle(
      Array.from({ length: 10 }, (_, i) =>
        signUp(prisma, { email: `flood${i}@example.com`, password: PASSWORD }, { client }),
      ),
    );
    expect(values).toHaveLength(3);
    expect(new Set(errors)).toEqual(new Set(["Too many new accounts from your network, try again in 60 minutes."]));
    await expect(
      signUp(
        prisma,
        { email: "elsewhere@example.com", password: PASSWORD },
        { client: { ...client, address: "192.0.2.1" } },
      ),
    ).resolves.toBeTruthy();
  });

  it("makes exactly one admin when the first accounts arrive at once, by password and by OAuth", async () => {
    const { values } = await settle([
      ...Array.from({ length: 4 }, (_, i) => signUp(prisma, { email: `pw${i}@example.com`, password: PASSWORD })),
      ...Array.from({ length: 4 }, (_, i) =>
        signInWithOAuth(
          prisma,
          { provider: "github", providerAccountId: `gh${i}`, email: `gh${i}@example.com`, name: null },
          undefined,
        ),
      ),
    ]);
    expect(values).toHaveLength(8);
    expect(await prisma.user.count({ where: { role: "ADMIN" } })).toBe(1);
  });

  it("makes ADMIN_EMAIL an admin through OAuth too", async () => {
    await signUp(prisma, { email: "first@example.com", password: PASSWORD });
    const user = await signInWithOAuth(
      prisma,
      { provider: "google", providerAccountId: "g1", email: "Boss@Example.com", name: null },
      "boss@example.com",
    );
    expect(user.role).toBe("ADMIN");
  });
});

describe("sessions", () => {
  beforeEach(reset);

  const { callbacks, events } = authOptions();
  async function signedInToken(email: string) {
    const user = await signInWithPassword(prisma, { email, password: PASSWORD, clientAddress: "203.0.113.1" });
    const token = await callbacks!.jwt!({
      token: { sub: user!.id },
      user: user as never,
      account: { type: "credentials" } as never,
    });
    return { ...token, exp: Math.floor(Date.now() / 1000) + 3600 };
  }
  const refresh = (token: Record<string, unknown>) => callbacks!.jwt!({ token: { ...token } } as never);

  it("refuses a copied token after its session signed out, and only that session", async () => {
    await signUp(prisma, { email: "a@example.com", password: PASSWORD });
    const token = await signedInToken("a@example.com");
    const otherDevice = await signedInToken("a@example.com");
    await expect(refresh(token)).resolves.toMatchObject({ role: "ADMIN" });
    await events!.signOut!({ token, session: undefined as never });
    await expect(refresh(token)).rejects.toThrow(/session has ended/);
    await expect(refresh(otherDevice)).resolves.toMatchObject({ sub: otherDevice.sub });
  });

  it("signs out everywhere, and a new sign-in works again", async () => {
    const user = await signUp(prisma, { email: "b@example.com", password: PASSWORD });
    const phone = await signedInToken("b@example.com");
    const laptop = await signedInToken("b@example.com");
    const caller = createCaller({
      db: prisma,
      pool,
      session: { user: { id: user.id, role: user.role }, expires: "2999-01-01" },
    });
    await caller.auth.signOutEverywhere();
    await expect(refresh(phone)).rejects.toThrow(/session has ended/);
    await expect(refresh(laptop)).rejects.toThrow(/session has ended/);
    await expect(refresh(await signedInToken("b@example.com"))).resolves.toMatchObject({ sub: user.id });
  });

  it("refuses tokens issued before session ids existed, and reads the role from the database", async () => {
    const user = await signUp(prisma, { email: "c@example.com", password: PASSWORD });
    await expect(refresh({ sub: user.id, role: "ADMIN" })).rejects.toThrow(/session has ended/);
    const token = await signedInToken("c@example.com");
    await prisma.user.update({ where: { id: user.id }, data: { role: "USER" } });
    await expect(refresh(token)).resolves.toMatchObject({ role: "USER" });
  });
});
