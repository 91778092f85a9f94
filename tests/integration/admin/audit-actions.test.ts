import { randomBytes } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { apiCaller } from "../../support/api-caller";
import { deleteAllUsers } from "../../support/users";
import { edgeStrategy } from "../../support/strategies";

/** The sensitive actions that existed before the audit log write their entry in the transaction of the change. */
const { prisma, caller } = apiCaller();
const { signUp } = await import("@/server/services/auth/sign-up");
const { secretBox } = await import("@/server/services/crypto/secret-box");
const { totpCode } = await import("@/server/domain/accounts/totp");
const { beginTwoFactorSetup, enableTwoFactor, checkSecondFactor, disableTwoFactor } = await import("@/server/services/accounts/two-factor");
const { requestPasswordReset, resetPassword } = await import("@/server/services/accounts/email-tokens");
const { deleteAccount } = await import("@/server/services/accounts/delete-account");

const PASSWORD = "correct horse battery";
const box = secretBox(randomBytes(32));
type Who = { id: string; role: "USER" | "ADMIN"; email: string };
let admin: Who;
let user: Who;

const actions = async (targetId: string) =>
  (await prisma.auditLog.findMany({ where: { targetId }, orderBy: { id: "asc" } })).map((e) => e.action);

beforeEach(async () => {
  await prisma.rateLimitBucket.deleteMany();
  await deleteAllUsers(prisma);
  admin = await signUp(prisma, { email: "audit-admin@example.com", password: PASSWORD });
  user = await signUp(prisma, { email: "audit-user@example.com", password: PASSWORD });
});

describe("existing sensitive actions are audited", () => {
  it("API keys: create and revoke (a second revoke records nothing)", async () => {
    const key = await caller(user).apiKeys.create({ name: "script", scopes: ["read"] });
    await caller(user).apiKeys.revoke({ id: key.id });
    await caller(user).apiKeys.revoke({ id: key.id });
    expect(await actions(key.id)).toEqual(["apiKey.create", "apiKey.revoke"]);
    const [created] = await prisma.auditLog.findMany({ where: { targetId: key.id, action: "apiKey.create" } });
    expect(created).toMatchObject({ actorId: user.id, actorEmail: user.email, details: { name: "script", scopes: ["read"] } });
    // The secret never reaches the log.
    expect(JSON.stringify(created!.details)).not.toContain(key.secret);
  });

  it("sign out everywhere, password reset, 2FA on, recovery code used, 2FA off", async () => {
    await caller(user).auth.signOutEverywhere();
    let link = "";
    const mailer = { mode: "outbox" as const, close() {}, send: async (m: { text: string }) => ((link = m.text), { id: "x" }) } as never;
    await requestPasswordReset(prisma, { mailer, appUrl: "http://app" }, user.email);
    await resetPassword(prisma, /token=([\w-]+)/.exec(link)![1]!, "another long password");

    const t0 = new Date();
    const { secret } = await beginTwoFactorSetup(prisma, box, user);
    const codes = await enableTwoFactor(prisma, box, user.id, await totpCode(secret, t0), t0);
    expect(await checkSecondFactor(prisma, box, user.id, codes[0]!)).toBe("ok");
    expect(await checkSecondFactor(prisma, box, user.id, codes[0]!)).toBe("wrong");
    await disableTwoFactor(prisma, box, user.id, codes[1]!);
    expect(await actions(user.id)).toEqual([
      "account.signOutEverywhere",
      "account.password.reset",
      "account.2fa.enable",
      "account.recoveryCode.use",
      "account.recoveryCode.use",
      "account.2fa.disable",
    ]);
    const used = await prisma.auditLog.findFirst({ where: { targetId: user.id, action: "account.recoveryCode.use" } });
    expect(used!.details).toEqual({ left: 9 });
  });

  it("account delete keeps the actor's email after the account is gone", async () => {
    await deleteAccount(prisma, user.id, { email: user.email, password: PASSWORD });
    const [entry] = await prisma.auditLog.findMany({ where: { targetId: user.id } });
    expect(entry).toMatchObject({ action: "account.delete", actorId: user.id, actorEmail: "audit-user@example.com" });
  });

  it("import run hide, show and delete", async () => {
    const run = await prisma.importRun.create({ data: { source: "test", fileName: "x.csv", checksum: "c", status: "SUCCEEDED" } });
    await caller(admin).imports.setHidden({ id: run.id, hidden: true });
    await caller(admin).imports.setHidden({ id: run.id, hidden: false });
    await caller(admin).imports.delete({ id: run.id });
    expect(await actions(run.id)).toEqual(["importRun.hide", "importRun.show", "importRun.delete"]);
    expect((await prisma.auditLog.findFirst({ where: { targetId: run.id } }))!.actorEmail).toBe(admin.email);
  });

  it("bot kill switch", async () => {
    const strategy = edgeStrategy("Kill");
    const strategyId = (await caller(user).strategies.save({ strategy })).id;
    const bot = await caller(user).bots.create({ name: "Killable", strategyId, initialDepositCents: 10_000 });
    const on = await caller(user).bots.update({ id: bot.id, version: bot.version, changes: { killSwitch: true } });
    await caller(user).bots.update({ id: bot.id, version: on.version, changes: { killSwitch: false } });
    expect(await actions(String(bot.id))).toEqual(["bot.killSwitch.on", "bot.killSwitch.off"]);
  });
});
