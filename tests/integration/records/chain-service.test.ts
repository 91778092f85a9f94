import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyChain } from "@/server/domain/records/chain";
import { entryOf, samplePick, samplePrediction, sampleResult } from "../../support/records";
import { TEST_DATABASE_URL, testPrisma } from "../../support/test-db";

process.env.DATABASE_URL = TEST_DATABASE_URL;
process.env.NEXTAUTH_SECRET ??= "integration-test-secret-integration-test-secret";

const prisma = testPrisma();
const other = testPrisma();
afterAll(async () => {
  await prisma.$disconnect();
  await other.$disconnect();
});

const { appendRecordEntries, createRecordChain, eraseRecordChain, exportRecordChain, setRecordChainPublic } = await import("@/server/services/records/chain");

const stamp = Date.now();
let aliceId: string;
let bobId: string;

beforeAll(async () => {
  aliceId = (await prisma.user.create({ data: { email: `records-alice-${stamp}@example.com` } })).id;
  bobId = (await prisma.user.create({ data: { email: `records-bob-${stamp}@example.com` } })).id;
});

async function newChain(name: string) {
  return prisma.$transaction((tx) => createRecordChain(tx, { userId: aliceId, slug: `${name}-${stamp}`, title: `Bot ${name}` }));
}

describe("record chain service", () => {
  it("appends entries once per key, linked from the genesis hash, and exports a chain that verifies", async () => {
    const chain = await newChain("once");
    const first = await prisma.$transaction((tx) =>
      appendRecordEntries(tx, chain.id, [entryOf("prediction:1", samplePrediction()), entryOf("pick:1", samplePick())]),
    );
    expect(first.map((r) => [r.key, r.seq, r.inserted])).toEqual([
      ["prediction:1", 1, true],
      ["pick:1", 2, true],
    ]);
    // A retried run: the known key comes back with its seq and hash; only the new one is written.
    const retry = await prisma.$transaction((tx) =>
      appendRecordEntries(tx, chain.id, [entryOf("pick:1", samplePick()), entryOf("result:2", sampleResult()), entryOf("result:2", sampleResult())]),
    );
    expect(retry).toEqual([
      { key: "pick:1", seq: 2, hash: first[1]!.hash, inserted: false },
      { key: "result:2", seq: 3, hash: expect.stringMatching(/^[0-9a-f]{64}$/), inserted: true },
      { key: "result:2", seq: 3, hash: retry[1]!.hash, inserted: false },
    ]);
    const exported = await exportRecordChain(prisma, chain.slug);
    expect(exported?.entries.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(await verifyChain(JSON.parse(JSON.stringify(exported)))).toEqual({ ok: true, bot: chain.slug, entries: 3, head: retry[1]!.hash });
  });

  it("rejects a bad payload or a lockedAt that disagrees with it, writing nothing", async () => {
    const chain = await newChain("bad");
    await expect(
      prisma.$transaction((tx) => appendRecordEntries(tx, chain.id, [entryOf("pick:ok", samplePick()), entryOf("pick:bad", samplePick({ selection: "OVER" }))])),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/pick:bad.*selection.*OVER is not a selection of ONE_X_TWO/) });
    await expect(
      prisma.$transaction((tx) => appendRecordEntries(tx, chain.id, [{ key: "p", payload: samplePick(), lockedAt: new Date("2026-12-04T10:00:01Z") }])),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/lockedAt must be the payload's own time/) });
    expect(await prisma.recordEntry.count({ where: { chainId: chain.id } })).toBe(0);
  });

  it("gives parallel appenders seq 1..N without gaps and writes each key once", async () => {
    const chain = await newChain("parallel");
    const keys = Array.from({ length: 12 }, (_, i) => `pick:${i}`);
    // Eight transactions on two clients, each appending an overlapping half of the keys.
    const runs = Array.from({ length: 8 }, (_, r) => {
      const mine = keys.filter((_, i) => (i + r) % 2 === 0);
      const client = r % 2 === 0 ? prisma : other;
      return client.$transaction((tx) => appendRecordEntries(tx, chain.id, mine.map((k, i) => entryOf(k, samplePick({ stakeCents: 100 + i })))));
    });
    const results = (await Promise.all(runs)).flat();
    const rows = await prisma.recordEntry.findMany({ where: { chainId: chain.id }, orderBy: { seq: "asc" } });
    expect(rows.map((r) => r.seq)).toEqual(keys.map((_, i) => i + 1));
    expect(new Set(rows.map((r) => r.entryKey)).size).toBe(keys.length);
    expect(results.filter((r) => r.inserted)).toHaveLength(keys.length);
    // Every appender that saw a key reports the seq it really has.
    const seqOf = new Map(rows.map((r) => [r.entryKey, r.seq]));
    for (const r of results) expect(r.seq).toBe(seqOf.get(r.key));
    const exported = await exportRecordChain(prisma, chain.slug);
    expect((await verifyChain(exported)).ok).toBe(true);
    // createdAt rises with seq (clock time after the lock), so the day heads follow the chain's order.
    const times = rows.map((r) => r.createdAt.getTime());
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it("refuses UPDATE, DELETE and TRUNCATE of entries, but erases a whole chain with its owner's account", async () => {
    const chain = await newChain("locked");
    await prisma.$transaction((tx) => appendRecordEntries(tx, chain.id, [entryOf("pick:1", samplePick())]));
    await expect(prisma.$executeRaw`UPDATE "RecordEntry" SET "payload" = '{}' WHERE "chainId" = ${chain.id}`).rejects.toThrow(/RecordEntry is append-only: UPDATE refused/);
    await expect(prisma.recordEntry.deleteMany({ where: { chainId: chain.id } })).rejects.toThrow(/append-only: DELETE refused/);
    await expect(prisma.$executeRawUnsafe(`TRUNCATE "RecordEntry"`)).rejects.toThrow(/append-only: TRUNCATE refused/);
    // Deleting the owner cascades to the entries, which the trigger refuses: erasure must be deliberate.
    await expect(prisma.recordChain.delete({ where: { id: chain.id } })).rejects.toThrow(/append-only: DELETE refused/);
    // The erase permission covers only the chain it names.
    const kept = await newChain("kept");
    await prisma.$transaction((tx) => appendRecordEntries(tx, kept.id, [entryOf("pick:1", samplePick())]));
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.$queryRaw`SELECT set_config('linesmith.erase_record_chain', ${String(chain.id)}, true)`;
        await tx.recordEntry.deleteMany({ where: { chainId: kept.id } });
      }),
    ).rejects.toThrow(/append-only: DELETE refused/);
    await prisma.$transaction((tx) => eraseRecordChain(tx, chain.id));
    expect(await prisma.recordChain.findUnique({ where: { id: chain.id } })).toBeNull();
    expect(await prisma.recordEntry.count({ where: { chainId: kept.id } })).toBe(1);
    // SET LOCAL ended with that transaction: the same kind of delete is refused again afterwards.
    await expect(prisma.recordEntry.deleteMany({ where: { chainId: kept.id } })).rejects.toThrow(/append-only/);
  });

  it("publishes only when the owner opts in; another user's chain is not found", async () => {
    const chain = await newChain("public");
    expect(await exportRecordChain(prisma, chain.slug, { requirePublic: true })).toBeNull();
    await expect(setRecordChainPublic(prisma, bobId, chain.id, true)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await setRecordChainPublic(prisma, aliceId, chain.id, true)).toEqual({ id: chain.id, slug: chain.slug, isPublic: true });
    expect(await exportRecordChain(prisma, chain.slug, { requirePublic: true })).toEqual({ bot: chain.slug, entries: [] });
  });

  it("refuses a taken or malformed slug with a clear message", async () => {
    const chain = await newChain("taken");
    await expect(prisma.$transaction((tx) => createRecordChain(tx, { userId: bobId, slug: chain.slug, title: "Mine" }))).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(prisma.$transaction((tx) => createRecordChain(tx, { userId: bobId, slug: "Bad Slug!", title: "x" }))).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
