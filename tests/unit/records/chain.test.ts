import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { dayHeads, entryHash, GENESIS_HASH, verifyChain } from "@/server/domain/records/chain";
import { readRecordEntries, recordFigures } from "@/server/domain/records/figures";
import { RecordPayload } from "@/server/domain/records/payload";
import { samplePick, samplePrediction, sampleResult } from "../../support/records";

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/** Builds a valid export the slow, obvious way, so the verifier is checked against something it did not make. */
async function chainOf(payloads: object[]) {
  const entries: { seq: number; prevHash: string; hash: string; payload: Record<string, unknown> }[] = [];
  let prev = GENESIS_HASH;
  for (const [i, payload] of payloads.entries()) {
    const hash = await entryHash(prev, payload);
    entries.push({ seq: i + 1, prevHash: prev, hash, payload: payload as Record<string, unknown> });
    prev = hash;
  }
  return { bot: "test-bot", entries };
}

describe("entryHash", () => {
  it("is SHA-256 of prevHash followed by the RFC 8785 form of the payload (checked with node:crypto)", async () => {
    const payload = { kind: "result", pickSeq: 2, outcome: "WIN", profitCents: 1100, closingPrice: 2.0, clv: 0.03, gradedAt: "2026-12-05T17:00:00.000Z" };
    // Written by hand: keys sorted by UTF-16 code units, 2.0 as "2", no whitespace.
    const canonical = '{"closingPrice":2,"clv":0.03,"gradedAt":"2026-12-05T17:00:00.000Z","kind":"result","outcome":"WIN","pickSeq":2,"profitCents":1100}';
    expect(await entryHash(GENESIS_HASH, payload)).toBe(sha256(GENESIS_HASH + canonical));
    const prev = "f".repeat(64);
    expect(await entryHash(prev, { é: "ü", a: [1e21, 1e-7, -0] })).toBe(sha256(`${prev}{"a":[1e+21,1e-7,0],"é":"ü"}`));
  });
});

describe("verifyChain", () => {
  const payloads = [samplePrediction(), samplePick(), sampleResult()];

  it("accepts an untouched chain and names its head", async () => {
    const exported = await chainOf(payloads);
    expect(await verifyChain(exported)).toEqual({ ok: true, bot: "test-bot", entries: 3, head: exported.entries[2]!.hash });
    expect(await verifyChain({ bot: "empty", entries: [] })).toEqual({ ok: true, bot: "empty", entries: 0, head: GENESIS_HASH });
  });

  it("still verifies when a payload's keys come in another order (the hash is over the canonical form)", async () => {
    const exported = await chainOf(payloads);
    const reordered = structuredClone(exported);
    reordered.entries[1]!.payload = Object.fromEntries(Object.entries(exported.entries[1]!.payload).reverse());
    expect(JSON.stringify(reordered.entries[1]!.payload)).not.toBe(JSON.stringify(exported.entries[1]!.payload));
    expect((await verifyChain(JSON.parse(JSON.stringify(reordered)))).ok).toBe(true);
  });

  it("finds a changed payload at its seq", async () => {
    const exported = await chainOf(payloads);
    (exported.entries[1]!.payload as { stakeCents: number }).stakeCents = 5_000;
    expect(await verifyChain(exported)).toMatchObject({ ok: false, seq: 2, reason: expect.stringMatching(/does not match its payload/) });
  });

  it("finds a wrong prevHash even when the entry's own hash was recomputed to match", async () => {
    const exported = await chainOf(payloads);
    const forged = "1".repeat(64);
    exported.entries[2]!.prevHash = forged;
    exported.entries[2]!.hash = await entryHash(forged, exported.entries[2]!.payload);
    expect(await verifyChain(exported)).toMatchObject({ ok: false, seq: 3, reason: expect.stringMatching(/prevHash .* is not the hash of entry 2/) });
  });

  it("finds a removed entry (a seq gap) and a chain that does not start at 1", async () => {
    const exported = await chainOf(payloads);
    const gap = { ...exported, entries: [exported.entries[0]!, exported.entries[2]!] };
    expect(await verifyChain(gap)).toMatchObject({ ok: false, seq: 2, reason: expect.stringMatching(/entry 2 is missing/) });
    const headless = { ...exported, entries: exported.entries.slice(1) };
    expect(await verifyChain(headless)).toMatchObject({ ok: false, seq: 1 });
  });

  it("says when a document is not an export at all", async () => {
    expect(await verifyChain({ entries: [] })).toMatchObject({ ok: false, seq: null, reason: expect.stringMatching(/not a record export: bot/) });
    expect(await verifyChain({ bot: "x", entries: [{ seq: 1, prevHash: "zz", hash: GENESIS_HASH, payload: {} }] })).toMatchObject({ ok: false, seq: null, reason: expect.stringMatching(/entries\.0\.prevHash/) });
  });
});

describe("dayHeads", () => {
  it("gives the last entry of each UTC day, oldest day first", () => {
    const heads = dayHeads([
      { seq: 1, hash: "a", at: "2026-12-01T10:00:00.000Z" },
      { seq: 2, hash: "b", at: "2026-12-01T23:59:59.999Z" },
      { seq: 3, hash: "c", at: new Date("2026-12-02T00:00:00.000Z") },
      { seq: 4, hash: "d", at: "2026-12-04T08:00:00.000Z" },
    ]);
    expect(heads).toEqual([
      { day: "2026-12-01", seq: 2, hash: "b" },
      { day: "2026-12-02", seq: 3, hash: "c" },
      { day: "2026-12-04", seq: 4, hash: "d" },
    ]);
  });
});

describe("payload schemas", () => {
  it("refuse unknown fields, selections of another market, a line where none belongs and local times", () => {
    expect(RecordPayload.safeParse(samplePick()).success).toBe(true);
    expect(RecordPayload.safeParse({ ...samplePick(), note: "x" }).success).toBe(false);
    expect(RecordPayload.safeParse(samplePick({ market: "TOTAL", selection: "HOME", line: 2.5 })).success).toBe(false);
    expect(RecordPayload.safeParse(samplePick({ line: 0.5 })).success).toBe(false);
    expect(RecordPayload.safeParse(samplePick({ market: "SPREAD", line: null })).success).toBe(false);
    expect(RecordPayload.safeParse(samplePick({ lockedAt: "2026-12-04T10:00:00+01:00" })).success).toBe(false);
    expect(RecordPayload.safeParse(samplePick({ stakeCents: 10.5 })).success).toBe(false);
  });
});

describe("record figures", () => {
  it("count only picks locked before kick-off, grade each pick once, and compute win rate, ROI and CLV", () => {
    const kickoff = "2026-12-05T15:00:00.000Z";
    const game = { id: 9, league: "epl", home: "A", away: "B", kickoff };
    const entries = [
      samplePick({ game, stakeCents: 1_000, lockedAt: "2026-12-05T14:00:00.000Z" }), // 1: counted, wins
      samplePick({ game, stakeCents: 2_000, selection: "AWAY", lockedAt: "2026-12-05T14:30:00.000Z" }), // 2: counted, half loss
      samplePick({ game, stakeCents: 9_000, selection: "DRAW", lockedAt: kickoff }), // 3: late (at kick-off)
      sampleResult({ pickSeq: 1, outcome: "WIN", profitCents: 1_100, clv: 0.04 }),
      sampleResult({ pickSeq: 2, outcome: "HALF_LOSS", profitCents: -1_000, clv: -0.02 }),
      sampleResult({ pickSeq: 3, outcome: "WIN", profitCents: 50_000, clv: 0.5 }), // grades the late pick: not counted
      sampleResult({ pickSeq: 1, outcome: "LOSS", profitCents: -1_000, clv: 0 }), // a second result: ignored
      samplePick({ game, stakeCents: 500, lockedAt: "2026-12-05T14:45:00.000Z" }), // 8: counted, open
      { kind: "future-kind" },
    ].map((payload, i) => ({ seq: i + 1, payload }));
    const read = readRecordEntries(entries);
    expect(read.filter((e) => e.kind === "result").map((e) => e.counted)).toEqual([true, true, true, false]);
    expect(recordFigures(read)).toEqual({
      picks: 3,
      late: 1,
      graded: 2,
      winRate: 1 / 2,
      stakedCents: 3_000,
      profitCents: 100,
      roi: 100 / 3_000,
      meanClv: (0.04 - 0.02) / 2,
      unreadable: 1,
    });
  });
});

describe("the README's worked example", () => {
  it("has the hashes the README prints (a verifier written from the README must agree)", async () => {
    const pick = { kind: "pick", game: { id: 4711, league: "epl", home: "Arsenal", away: "Chelsea", kickoff: "2026-12-05T15:00:00.000Z" }, market: "ONE_X_TWO", selection: "HOME", line: null, price: 2.1, bookmaker: "pinnacle", probability: 0.52, modelVersion: "elo@3", strategyHash: "3f".repeat(32), stakeCents: 1000, lockedAt: "2026-12-04T10:00:00.000Z" };
    const result = { kind: "result", pickSeq: 1, outcome: "WIN", profitCents: 1100, closingPrice: 2.0, clv: 0.05, gradedAt: "2026-12-05T17:02:00.000Z" };
    expect(RecordPayload.safeParse(pick).success && RecordPayload.safeParse(result).success).toBe(true);
    const h1 = "cc50b14a9663a3f02e586207dc3cdb4b1557c24a9750ce0dc5f4ad0c751cd662";
    const h2 = "d3c7c1b2b8167b7b32b7f24cc9a616cc93c63f861ed979ea9c71b66cdb142324";
    expect(sha256(h1 + '{"closingPrice":2,"clv":0.05,"gradedAt":"2026-12-05T17:02:00.000Z","kind":"result","outcome":"WIN","pickSeq":1,"profitCents":1100}')).toBe(h2);
    expect(await entryHash(GENESIS_HASH, pick)).toBe(h1);
    expect(await verifyChain({ bot: "arsenal-elo", entries: [{ seq: 1, prevHash: GENESIS_HASH, hash: h1, payload: pick }, { seq: 2, prevHash: h1, hash: h2, payload: result }] })).toEqual({ ok: true, bot: "arsenal-elo", entries: 2, head: h2 });
  });
});
