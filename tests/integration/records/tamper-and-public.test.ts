import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { entryOf, samplePick, samplePrediction, sampleResult } from "../../support/records";
import { TEST_DATABASE_URL, testPrisma } from "../../support/test-db";

process.env.DATABASE_URL = TEST_DATABASE_URL;
process.env.NEXTAUTH_SECRET ??= "integration-test-secret-integration-test-secret";

const prisma = testPrisma();

const { appendRecordEntries, createRecordChain, eraseRecordChainsOfUser, exportRecordChain, setRecordChainPublic } = await import("@/server/services/records/chain");
const { GET } = await import("@/app/api/public/records/[slug]/route");

/** The CLI as a user runs it: a child process, judged by its output and exit code. */
async function verifyRecord(file: string, json = false): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)("npx", ["tsx", "scripts/verify-record.ts", "--file", file, ...(json ? ["--json"] : [])], { cwd: process.cwd() });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** As a database superuser who switched the append-only trigger off: what the chain must still expose. */
async function tamperAsSuperuser(sql: string, params: unknown[]) {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(`ALTER TABLE "RecordEntry" DISABLE TRIGGER ALL`);
    await client.query(sql, params);
  } finally {
    await client.query(`ALTER TABLE "RecordEntry" ENABLE TRIGGER ALL`);
    await client.end();
  }
}

const stamp = Date.now();
let userId: string;
let dir: string;

beforeAll(async () => {
  userId = (await prisma.user.create({ data: { email: `records-cli-${stamp}@example.com` } })).id;
  dir = await mkdtemp(path.join(tmpdir(), "verify-record-"));
});

// Other files delete users wholesale: a user with a chain can only go through the erase path.
afterAll(async () => {
  await prisma.$transaction(async (tx) => {
    await eraseRecordChainsOfUser(tx, userId);
    await tx.user.delete({ where: { id: userId } });
  });
  await prisma.$disconnect();
});

async function chainWithFourEntries(name: string) {
  return prisma.$transaction(async (tx) => {
    const chain = await createRecordChain(tx, { userId, slug: `${name}-${stamp}`, title: `Bot ${name}` });
    await appendRecordEntries(tx, chain.id, [
      entryOf("prediction:1", samplePrediction()),
      entryOf("pick:1", samplePick()),
      entryOf("pick:2", samplePick({ selection: "AWAY", price: 3.4, stakeCents: 500 })),
      entryOf("result:2", sampleResult({ pickSeq: 2 })),
    ]);
    return chain;
  });
}

describe("verify-record CLI against a stored chain", () => {
  it("verifies an untouched export and names the seq of an entry a superuser changed in the database", async () => {
    const chain = await chainWithFourEntries("tamper");
    const good = path.join(dir, "good.json");
    await writeFile(good, JSON.stringify(await exportRecordChain(prisma, chain.slug)));
    const ok = await verifyRecord(good);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^chain verified: 4 entries, head [0-9a-f]{64}\n$/);

    // The stake of pick 3 (seq 3) is raised after the fact, keeping its stored hash.
    const row = await prisma.recordEntry.findUniqueOrThrow({ where: { chainId_seq: { chainId: chain.id, seq: 3 } } });
    await tamperAsSuperuser(`UPDATE "RecordEntry" SET "payload" = $1 WHERE "chainId" = $2 AND "seq" = 3`, [row.payload.replace('"stakeCents":500', '"stakeCents":50000'), chain.id]);
    const bad = path.join(dir, "bad.json");
    await writeFile(bad, JSON.stringify(await exportRecordChain(prisma, chain.slug)));
    const broken = await verifyRecord(bad);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/^broken at seq 3: hash [0-9a-f]{64} does not match its payload/);
    const asJson = await verifyRecord(bad, true);
    expect(asJson.code).toBe(1);
    expect(JSON.parse(asJson.stdout)).toMatchObject({ ok: false, seq: 3 });
  });

  it("finds a rewritten entry even when the tamperer recomputed its hash (the next link breaks)", async () => {
    const chain = await chainWithFourEntries("rehash");
    const { entryHash } = await import("@/server/domain/records/chain");
    const row = await prisma.recordEntry.findUniqueOrThrow({ where: { chainId_seq: { chainId: chain.id, seq: 2 } } });
    const payload = row.payload.replace('"price":2.1', '"price":2.6');
    await tamperAsSuperuser(`UPDATE "RecordEntry" SET "payload" = $1, "hash" = $2 WHERE "chainId" = $3 AND "seq" = 2`, [payload, await entryHash(row.prevHash, JSON.parse(payload)), chain.id]);
    const file = path.join(dir, "rehash.json");
    await writeFile(file, JSON.stringify(await exportRecordChain(prisma, chain.slug)));
    const result = await verifyRecord(file);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^broken at seq 3: prevHash/);
  });

  it("exits 2 with a message for a missing file, non-JSON or another document", async () => {
    const notJson = path.join(dir, "not.json");
    await writeFile(notJson, "{ nope");
    const other = path.join(dir, "other.json");
    await writeFile(other, JSON.stringify({ hello: "world" }));
    for (const [file, message] of [
      [path.join(dir, "missing.json"), /cannot read .*ENOENT/],
      [notJson, /is not JSON/],
      [other, /not a record export/],
    ] as const) {
      const result = await verifyRecord(file);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
    }
  });
});

describe("GET /api/public/records/{slug}", () => {
  const get = (slug: string) => GET(new Request(`http://localhost/api/public/records/${slug}`), { params: Promise.resolve({ slug }) });

  it("is 404 until the owner makes the record public, then serves the export with a short cache", async () => {
    const chain = await chainWithFourEntries("public-api");
    const hidden = await get(chain.slug);
    expect(hidden.status).toBe(404);
    expect(await hidden.json()).toMatchObject({ error: { code: "NOT_FOUND" } });
    expect((await get("no-such-record")).status).toBe(404);
    expect((await get("Bad%20Slug")).status).toBe(404);

    await setRecordChainPublic(prisma, userId, chain.id, true);
    const shown = await get(chain.slug);
    expect(shown.status).toBe(200);
    expect(shown.headers.get("cache-control")).toBe("public, max-age=60");
    const body = (await shown.json()) as { bot: string; entries: { seq: number }[] };
    expect(body.bot).toBe(chain.slug);
    expect(body.entries.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    const { verifyChain } = await import("@/server/domain/records/chain");
    expect((await verifyChain(body)).ok).toBe(true);

    await setRecordChainPublic(prisma, userId, chain.id, false);
    expect((await get(chain.slug)).status).toBe(404);
  });
});
