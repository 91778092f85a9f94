import { beforeEach, describe, expect, it } from "vitest";
import { apiCaller } from "../../support/api-caller";
import { entryOf, samplePick } from "../../support/records";
import { deleteAllUsers } from "../../support/users";

const { prisma, caller } = apiCaller();
const { signUp } = await import("@/server/services/auth/sign-up");
const { createRecordChain, appendRecordEntries } = await import("@/server/services/records/chain");
const { exportAccountJson, exportAccountCsv, deleteAccount } = await import("@/server/services/accounts/delete-account");

const PASSWORD = "correct horse battery";
let owner: { id: string; email: string };
let other: { id: string; email: string };

beforeEach(async () => {
  await deleteAllUsers(prisma);
  owner = await signUp(prisma, { email: "owner@example.com", password: PASSWORD });
  other = await signUp(prisma, { email: "other@example.com", password: PASSWORD });
  for (const u of [owner, other]) {
    await prisma.bankroll.create({ data: { userId: u.id, name: `Main ${u.email}` } });
    await prisma.$transaction(async (tx) => {
      const chain = await createRecordChain(tx, { userId: u.id, slug: `record-${u.id.slice(-8).toLowerCase()}`, title: "My record" });
      await appendRecordEntries(tx, chain.id, [entryOf("pick:1", samplePick())]);
    });
  }
  await prisma.twoFactor.create({ data: { userId: owner.id, secretSealed: "v1.sealed-secret" } });
  await prisma.recoveryCode.create({ data: { userId: owner.id, codeHash: "hash-of-a-recovery-code" } });
});

describe("export before deleting", () => {
  it("exports the user's own data as JSON without secrets, and bets as CSV", async () => {
    const json = await exportAccountJson(prisma, owner.id);
    const data = JSON.parse(json) as { profile: { email: string }; bankrolls: { name: string }[]; recordChains: unknown[] };
    expect(data.profile.email).toBe("owner@example.com");
    expect(data.bankrolls.map((b) => b.name)).toEqual(["Main owner@example.com"]);
    expect(data.recordChains).toHaveLength(1);
    expect(json).not.toContain("other@example.com");
    expect(json).not.toMatch(/passwordHash|scrypt\$|sealed-secret|hash-of-a-recovery-code/);
    const csv = await exportAccountCsv(prisma, owner.id);
    expect(csv.split("\n")[0]).toContain("placed_at");
  });
});

describe("delete account", () => {
  it("needs the email typed out and the password", async () => {
    await expect(deleteAccount(prisma, owner.id, { email: "other@example.com", password: PASSWORD })).rejects.toThrow(/email address/);
    await expect(deleteAccount(prisma, owner.id, { email: "owner@example.com", password: "wrong password!" })).rejects.toThrow(/password is not right/);
    await expect(deleteAccount(prisma, owner.id, { email: "owner@example.com" })).rejects.toThrow(/password is not right/);
    expect(await prisma.user.count()).toBe(2);
  });

  it("erases the user's append-only record chains in the same transaction, and nothing of anyone else", async () => {
    // Without erasing, the append-only entries refuse the cascade: the delete is all or nothing.
    await expect(prisma.user.delete({ where: { id: owner.id } })).rejects.toThrow();
    expect(await prisma.user.count()).toBe(2);

    await deleteAccount(prisma, owner.id, { email: " Owner@example.com ", password: PASSWORD });
    expect(await prisma.user.findUnique({ where: { id: owner.id } })).toBeNull();
    expect(await prisma.recordChain.count({ where: { userId: owner.id } })).toBe(0);
    expect(await prisma.bankroll.count({ where: { userId: owner.id } })).toBe(0);
    expect(await prisma.twoFactor.count()).toBe(0);
    expect(await prisma.recoveryCode.count()).toBe(0);
    expect(await prisma.recordChain.count({ where: { userId: other.id } })).toBe(1);
    expect(await prisma.bankroll.count({ where: { userId: other.id } })).toBe(1);
  });
});

describe("account router", () => {
  it("exports and deletes only the signed-in user's account", async () => {
    const me = caller({ id: owner.id, role: "USER" });
    const json = await me.account.exportData({ format: "json" });
    expect(json.filename).toBe("linesmith-account.json");
    expect(JSON.parse(json.content).profile.id).toBe(owner.id);
    expect((await me.account.exportData({ format: "csv" })).mime).toBe("text/csv");
    await expect(me.account.exportData({ format: "xml" as "json" })).rejects.toThrow(/json or csv/);
    // Another user's email does not delete that user.
    await expect(me.account.deleteAccount({ email: other.email, password: PASSWORD })).rejects.toThrow(/email address/);
    await me.account.deleteAccount({ email: owner.email, password: PASSWORD });
    expect(await prisma.user.findMany({ select: { id: true } })).toEqual([{ id: other.id }]);
  });
});
