import { beforeEach, describe, expect, it } from "vitest";
import { apiCaller } from "../../support/api-caller";
import { deleteAllUsers } from "../../support/users";

const { prisma, pool } = apiCaller();
const { createCaller } = await import("@/server/api/root");
const { signUp } = await import("@/server/services/auth/sign-up");
const { signInWithPassword } = await import("@/server/services/auth/sign-in");
const { recordSession } = await import("@/server/services/accounts/sessions");
const { describeUserAgent } = await import("@/server/domain/accounts/user-agent");
const { authOptions } = await import("@/server/auth/options");

const PASSWORD = "correct horse battery";
const { callbacks, events } = authOptions();

/** A token as next-auth issues it at sign-in (the jwt callback also lists the session). */
async function signedInToken(email: string) {
  const user = await signInWithPassword(prisma, { email, password: PASSWORD, clientAddress: "203.0.113.1" });
  const token = await callbacks!.jwt!({ token: { sub: user!.id }, user: user as never, account: { type: "credentials" } as never });
  return { ...token, exp: Math.floor(Date.now() / 1000) + 3600 } as unknown as Record<string, unknown> & { sid: string; sub: string };
}
const refresh = (token: Record<string, unknown>) => callbacks!.jwt!({ token: { ...token } } as never);
const callerFor = (user: { id: string; role: "USER" | "ADMIN" }, sid?: string) =>
  createCaller({ db: prisma, pool, session: { user, sid, expires: "2999-01-01" } });

let owner: { id: string; role: "USER" | "ADMIN" };
let other: { id: string; role: "USER" | "ADMIN" };

beforeEach(async () => {
  await prisma.rateLimitBucket.deleteMany();
  await prisma.revokedSession.deleteMany();
  await deleteAllUsers(prisma);
  owner = await signUp(prisma, { email: "owner@example.com", password: PASSWORD });
  other = await signUp(prisma, { email: "other@example.com", password: PASSWORD });
});

describe("devices", () => {
  it("lists each sign-in, marks this device, and signs one out without touching the others", async () => {
    const laptop = await signedInToken("owner@example.com");
    const phone = await signedInToken("owner@example.com");
    const me = callerFor(owner, laptop.sid);
    const list = await me.account.sessions.list();
    expect(list.map((s) => s.id).sort()).toEqual([laptop.sid, phone.sid].sort());
    expect(list.find((s) => s.current)?.id).toBe(laptop.sid);

    await me.account.sessions.signOut({ id: phone.sid });
    await expect(refresh(phone)).rejects.toThrow(/session has ended/);
    await expect(refresh(laptop)).resolves.toMatchObject({ sub: owner.id });
    expect((await me.account.sessions.list()).map((s) => s.id)).toEqual([laptop.sid]);
  });

  it("treats another user's session as not found", async () => {
    const theirs = await signedInToken("other@example.com");
    await expect(callerFor(owner).account.sessions.signOut({ id: theirs.sid })).rejects.toThrow(/not found/);
    await expect(refresh(theirs)).resolves.toMatchObject({ sub: other.id });
    expect(await callerFor(owner).account.sessions.list()).toEqual([]);
  });

  it("signs out all devices, and a session that signs itself out leaves the list", async () => {
    const a = await signedInToken("owner@example.com");
    const b = await signedInToken("owner@example.com");
    await events!.signOut!({ token: a, session: undefined as never });
    expect((await callerFor(owner).account.sessions.list()).map((s) => s.id)).toEqual([b.sid]);
    const c = await signedInToken("owner@example.com");
    await callerFor(owner).account.sessions.signOutAll();
    await expect(refresh(b)).rejects.toThrow(/session has ended/);
    await expect(refresh(c)).rejects.toThrow(/session has ended/);
    expect(await callerFor(owner).account.sessions.list()).toEqual([]);
  });

  it("hides sessions ended by 'sign out everywhere' and expired ones", async () => {
    await signedInToken("owner@example.com");
    await recordSession(prisma, { sid: "old", userId: owner.id, sessionVersion: 0, userAgent: null, expiresAt: new Date(Date.now() - 1000) });
    expect(await callerFor(owner).account.sessions.list()).toHaveLength(1);
    await callerFor(owner).auth.signOutEverywhere();
    expect(await callerFor(owner).account.sessions.list()).toEqual([]);
  });
});

describe("describeUserAgent", () => {
  it("names common browsers and systems", () => {
    expect(describeUserAgent("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36")).toBe("Chrome on Android");
    expect(describeUserAgent("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1")).toBe("Safari on iOS");
    expect(describeUserAgent("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36 Edg/126.0")).toBe("Edge on Windows");
    expect(describeUserAgent("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0")).toBe("Firefox on Linux");
    expect(describeUserAgent(null)).toBe("Unknown device");
  });
});
