import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { apiCaller } from "../../support/api-caller";
import { deleteAllUsers } from "../../support/users";

const { prisma, pool, caller } = apiCaller();
const { startFakeSmtp } = await import("@/server/integrations/smtp/fake-server");
const { mailerFor } = await import("@/server/services/notify/email");
const { signUp } = await import("@/server/services/auth/sign-up");
const { signInWithPassword } = await import("@/server/services/auth/sign-in");
const { requestPasswordReset, resetPassword, sendEmailVerification, verifyEmail, RESET_REQUESTED } = await import(
  "@/server/services/accounts/email-tokens"
);

const PASSWORD = "correct horse battery";
const NEW_PASSWORD = "a brand new passphrase";
let smtp: Awaited<ReturnType<typeof startFakeSmtp>>;
let mail: { mailer: ReturnType<typeof mailerFor>; appUrl: string };
let user: { id: string; email: string };

beforeAll(async () => {
  smtp = await startFakeSmtp();
  mail = { mailer: mailerFor(pool, { smtpUrl: smtp.url, from: "Linesmith <accounts@linesmith.test>" }), appUrl: "https://linesmith.test/" };
});
afterAll(async () => {
  mail.mailer.close();
  await smtp.close();
});
beforeEach(async () => {
  smtp.received.length = 0;
  await prisma.rateLimitBucket.deleteMany();
  await prisma.signInAttempt.deleteMany();
  await prisma.emailOutbox.deleteMany();
  await deleteAllUsers(prisma);
  user = await signUp(prisma, { email: "owner@example.com", password: PASSWORD });
});

/** The link in the one message received, as the user would click it. */
function linkIn(path: string): URL {
  expect(smtp.received).toHaveLength(1);
  const match = new RegExp(`https://linesmith\\.test${path}\\?token=[A-Za-z0-9_-]+`).exec(smtp.received[0]!.text);
  expect(match, smtp.received[0]!.text).not.toBeNull();
  return new URL(match![0]);
}

const signIn = (password: string) => signInWithPassword(prisma, { email: user.email, password, clientAddress: "203.0.113.7" });

describe("password reset", () => {
  it("emails a single-use link that sets a new password and ends every session", async () => {
    expect(await requestPasswordReset(prisma, mail, " Owner@Example.com ")).toBe(RESET_REQUESTED);
    expect(smtp.received[0]!.to).toEqual(["owner@example.com"]);
    expect(smtp.received[0]!.subject).toBe("Reset your Linesmith password");
    const token = linkIn("/reset-password").searchParams.get("token")!;
    // Only a hash is stored.
    expect(JSON.stringify(await prisma.accountToken.findMany())).not.toContain(token);

    const before = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    await caller(null).account.resetPassword({ token, password: NEW_PASSWORD });
    const after = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    expect(await signIn(NEW_PASSWORD)).toMatchObject({ id: user.id });
    expect(await signIn(PASSWORD)).toBeNull();
    await expect(caller(null).account.resetPassword({ token, password: "yet another passphrase" })).rejects.toThrow(/not valid any more/);
  });

  it("answers the same for an unknown address and sends nothing", async () => {
    // The router uses the environment's mailer: no SMTP_URL here, so emails land in the outbox (sent in the background).
    const known = await caller(null).account.requestPasswordReset({ email: "owner@example.com" });
    await expect.poll(() => prisma.emailOutbox.count({ where: { to: "owner@example.com" } })).toBe(1);
    const unknown = await caller(null).account.requestPasswordReset({ email: "nobody@example.com" });
    expect(unknown).toEqual(known);
    expect(await requestPasswordReset(prisma, mail, "nobody@example.com")).toBe(RESET_REQUESTED);
    await new Promise((r) => setTimeout(r, 200));
    expect(await prisma.emailOutbox.count()).toBe(1);
    expect(smtp.received).toHaveLength(0);
    await expect(caller(null).account.requestPasswordReset({ email: "not an email" })).rejects.toThrow(/valid email/);
  });

  it("refuses a link after an hour, and lets one of parallel uses through", async () => {
    const t0 = new Date();
    await requestPasswordReset(prisma, mail, user.email, t0);
    const token = linkIn("/reset-password").searchParams.get("token")!;
    await expect(resetPassword(prisma, token, NEW_PASSWORD, new Date(t0.getTime() + 60 * 60 * 1000 + 1))).rejects.toThrow(/not valid/);
    const results = await Promise.allSettled(Array.from({ length: 4 }, (_, i) => resetPassword(prisma, token, `${NEW_PASSWORD} ${i}`, t0)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    await expect(resetPassword(prisma, "x".repeat(43), NEW_PASSWORD)).rejects.toThrow(/not valid/);
  });

  it("sends at most 3 links an hour to one address", async () => {
    for (let i = 0; i < 5; i++) await requestPasswordReset(prisma, mail, user.email);
    expect(smtp.received).toHaveLength(3);
  });

  it("writes to the outbox without SMTP_URL", async () => {
    const outbox = { mailer: mailerFor(pool, { smtpUrl: null, from: "Linesmith <accounts@linesmith.test>" }), appUrl: "https://linesmith.test" };
    await requestPasswordReset(prisma, outbox, user.email);
    const rows = await prisma.emailOutbox.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.text).toContain("https://linesmith.test/reset-password?token=");
  });
});

describe("email verification", () => {
  it("confirms the address with the emailed link, once", async () => {
    await sendEmailVerification(prisma, mail, user.id);
    const token = linkIn("/verify-email").searchParams.get("token")!;
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).emailVerifiedAt).toBeNull();
    await caller(null).account.verifyEmail({ token });
    expect((await caller({ id: user.id, role: "USER" }).account.emailStatus()).emailVerifiedAt).toBeInstanceOf(Date);
    await expect(verifyEmail(prisma, token)).rejects.toThrow(/not valid any more/);
    await expect(sendEmailVerification(prisma, mail, user.id)).rejects.toThrow(/already confirmed/);
  });

  it("does not accept a reset link as a verification link", async () => {
    await requestPasswordReset(prisma, mail, user.email);
    const token = linkIn("/reset-password").searchParams.get("token")!;
    await expect(verifyEmail(prisma, token)).rejects.toThrow(/not valid/);
  });
});
