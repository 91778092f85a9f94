import { randomBytes } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { apiCaller } from "../../support/api-caller";
import { deleteAllUsers } from "../../support/users";

const { prisma, caller } = apiCaller();
const { secretBox } = await import("@/server/services/crypto/secret-box");
const { signUp } = await import("@/server/services/auth/sign-up");
const { totpCode } = await import("@/server/domain/accounts/totp");
const { beginTwoFactorSetup, enableTwoFactor, checkSecondFactor, disableTwoFactor, twoFactorStatus } = await import(
  "@/server/services/accounts/two-factor"
);
const { signInWithSecondFactor, TWO_FACTOR_REQUIRED, WRONG_SECOND_FACTOR } = await import("@/server/services/accounts/sign-in");
const { authOptions } = await import("@/server/auth/options");

const box = secretBox(randomBytes(32));
const PASSWORD = "correct horse battery";
const T0 = new Date("2030-01-01T12:00:00Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

let user: { id: string; email: string; role: "USER" | "ADMIN" };

/** Wrong codes are throttled per account (5 per 15 minutes); tests that try many codes start each round afresh. */
const clearThrottle = () => prisma.rateLimitBucket.deleteMany();

async function enabled() {
  const { secret } = await beginTwoFactorSetup(prisma, box, user);
  const codes = await enableTwoFactor(prisma, box, user.id, await totpCode(secret, T0), T0);
  await clearThrottle();
  return { secret, codes };
}

beforeEach(async () => {
  await clearThrottle();
  await prisma.signInAttempt.deleteMany();
  await deleteAllUsers(prisma);
  user = await signUp(prisma, { email: "owner@example.com", password: PASSWORD });
});

describe("TOTP set-up", () => {
  it("stores the secret sealed, gives a QR code, and enables only after a valid code", async () => {
    const setup = await beginTwoFactorSetup(prisma, box, user);
    expect(setup.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(setup.uri).toContain(`secret=${setup.secret}`);
    const row = await prisma.twoFactor.findUniqueOrThrow({ where: { userId: user.id } });
    expect(row.secretSealed).not.toContain(setup.secret);
    expect(box.open(row.secretSealed, `totp:${user.id}`)).toBe(setup.secret);

    // otplib 13's verify returns a truthy object even for a wrong code: a wrong code must not enable 2FA.
    const right = await totpCode(setup.secret, T0);
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, "0");
    await expect(enableTwoFactor(prisma, box, user.id, wrong, T0)).rejects.toThrow(/not right/);
    await expect(enableTwoFactor(prisma, box, user.id, "abc", T0)).rejects.toThrow(/not right/);
    expect((await twoFactorStatus(prisma, user.id)).enabled).toBe(false);

    const codes = await enableTwoFactor(prisma, box, user.id, right, T0);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    expect(await twoFactorStatus(prisma, user.id)).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });
    // Stored hashed: no code appears in the table.
    const stored = await prisma.recoveryCode.findMany({ where: { userId: user.id } });
    expect(stored.map((r) => r.codeHash)).not.toContain(codes[0]);
    // A second set-up cannot overwrite the enabled secret.
    await expect(beginTwoFactorSetup(prisma, box, user)).rejects.toThrow(/already on/);
  });

  it("refuses the code that enabled 2FA when it is replayed to sign in", async () => {
    const { secret } = await enabled();
    expect(await checkSecondFactor(prisma, box, user.id, await totpCode(secret, T0), T0)).toBe("wrong");
  });
});

describe("second factor", () => {
  it("accepts each time step once, also when the same code arrives in parallel", async () => {
    const { secret } = await enabled();
    const code = await totpCode(secret, at(60));
    const results = await Promise.all(Array.from({ length: 5 }, () => checkSecondFactor(prisma, box, user.id, code, at(60))));
    expect(results.filter((r) => r === "ok")).toHaveLength(1);
    // An older step is refused once a newer one was used; the next step works.
    await clearThrottle();
    expect(await checkSecondFactor(prisma, box, user.id, await totpCode(secret, at(30)), at(60))).toBe("wrong");
    expect(await checkSecondFactor(prisma, box, user.id, await totpCode(secret, at(90)), at(90))).toBe("ok");
  });

  it("consumes a recovery code exactly once under concurrency, in any typed form", async () => {
    const { codes } = await enabled();
    const typed = codes[3]!.toLowerCase().replace("-", " ");
    const results = await Promise.all(Array.from({ length: 5 }, () => checkSecondFactor(prisma, box, user.id, typed, at(60))));
    expect(results.filter((r) => r === "ok")).toHaveLength(1);
    expect(await prisma.recoveryCode.count({ where: { userId: user.id } })).toBe(9);
    await clearThrottle();
    expect(await checkSecondFactor(prisma, box, user.id, codes[4]!, at(60))).toBe("ok");
  });

  it("does not count right codes: the owner signs in many times in a row", async () => {
    const { secret } = await enabled();
    for (let i = 1; i <= 8; i++) expect(await checkSecondFactor(prisma, box, user.id, await totpCode(secret, at(30 * i)), at(30 * i))).toBe("ok");
  });

  it("throttles guessing: the sixth code in 15 minutes is refused even when right", async () => {
    const { secret } = await enabled();
    for (let i = 0; i < 5; i++) expect(await checkSecondFactor(prisma, box, user.id, "000000", at(60))).not.toBe("ok");
    await expect(checkSecondFactor(prisma, box, user.id, await totpCode(secret, at(60)), at(60))).rejects.toThrow(/Too many codes/);
  });
});

describe("sign-in in two steps", () => {
  const input = (code?: string) => ({ email: "owner@example.com", password: PASSWORD, code, clientAddress: "203.0.113.9" });

  it("keeps one-step sign-in for accounts without 2FA", async () => {
    expect(await signInWithSecondFactor(prisma, box, input())).toMatchObject({ id: user.id });
  });

  it("asks for the code after a right password only, and signs in with a right code", async () => {
    const { secret, codes } = await enabled();
    expect(await signInWithSecondFactor(prisma, box, { ...input(), password: "wrong password" })).toBeNull();
    await expect(signInWithSecondFactor(prisma, box, input())).rejects.toThrow(TWO_FACTOR_REQUIRED);
    await expect(signInWithSecondFactor(prisma, box, input("123456"), at(60))).rejects.toThrow(WRONG_SECOND_FACTOR);
    expect(await signInWithSecondFactor(prisma, box, input(await totpCode(secret, at(60))), at(60))).toMatchObject({ id: user.id });
    expect(await signInWithSecondFactor(prisma, box, input(codes[0]), at(60))).toMatchObject({ id: user.id });
    await expect(signInWithSecondFactor(prisma, box, input(codes[0]), at(60))).rejects.toThrow(WRONG_SECOND_FACTOR);
  });

  it("passes the second-step error to the sign-in form through the credentials provider", async () => {
    await prisma.twoFactor.create({ data: { userId: user.id, secretSealed: "unused", enabledAt: T0 } });
    const credentials = authOptions().providers[0] as unknown as {
      options: { authorize: (raw: Record<string, string>, req: { headers: Record<string, string> }) => Promise<unknown> };
    };
    await expect(
      credentials.options.authorize({ email: "owner@example.com", password: PASSWORD, code: "" }, { headers: {} }),
    ).rejects.toThrow(TWO_FACTOR_REQUIRED);
  });
});

describe("account router", () => {
  it("sets up, enables and disables 2FA for the signed-in user only", async () => {
    const me = caller(user);
    const setup = await me.account.twoFactor.beginSetup();
    await expect(me.account.twoFactor.enable({ code: "12" })).rejects.toThrow(/6-digit/);
    const { recoveryCodes } = await me.account.twoFactor.enable({ code: await totpCode(setup.secret) });
    expect(recoveryCodes).toHaveLength(10);
    expect(await me.account.twoFactor.status()).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });

    const other = await signUp(prisma, { email: "other@example.com", password: PASSWORD });
    expect(await caller(other).account.twoFactor.status()).toMatchObject({ enabled: false });
    await expect(caller(other).account.twoFactor.disable({ code: recoveryCodes[0]! })).rejects.toThrow(/not on/);

    await clearThrottle();
    await expect(me.account.twoFactor.disable({ code: "000000" })).rejects.toThrow(/not right/);
    await me.account.twoFactor.disable({ code: recoveryCodes[1]! });
    expect(await me.account.twoFactor.status()).toMatchObject({ enabled: false });
    expect(await prisma.recoveryCode.count({ where: { userId: user.id } })).toBe(0);
  });

  it("disables with a TOTP code too", async () => {
    const { secret } = await enabled();
    await disableTwoFactor(prisma, box, user.id, await totpCode(secret, at(30)), at(30));
    expect(await prisma.twoFactor.count()).toBe(0);
  });
});
