import { z } from "zod";
import { canonicalJson, sha256Hex } from "../hashing/canonical-json";

/**
 * A track record as a hash chain. Each entry's hash covers the previous entry's hash and its own payload, so
 * changing, removing or reordering any entry changes every hash after it, and a head hash someone kept proves
 * the whole history up to it. The rules are public and exact (README "Track records"), so anyone can write a
 * verifier; this file is the reference one and runs unchanged in Node, the browser and the CLI (Web Crypto).
 *
 *   hash = lower-case hex SHA-256 of UTF-8( prevHash + canonicalJson(payload) )
 *   entry 1's prevHash is GENESIS_HASH; seq counts 1, 2, 3, ... without gaps.
 */

export const GENESIS_HASH = "0".repeat(64);

const Hash = z.string().regex(/^[0-9a-f]{64}$/, "a hash is 64 lower-case hex digits");

export async function entryHash(prevHash: string, payload: unknown): Promise<string> {
  return sha256Hex(prevHash + canonicalJson(payload));
}

/** An entry as exported: the payload is any JSON object (a verifier checks hashes, not what a payload means). */
export const ExportedEntry = z.object({
  seq: z.number().int().positive(),
  prevHash: Hash,
  hash: Hash,
  payload: z.record(z.string(), z.unknown()),
});
export type ExportedEntry = z.infer<typeof ExportedEntry>;

export const RecordExport = z.object({
  bot: z.string().min(1).max(200),
  entries: z.array(ExportedEntry).max(1_000_000),
});
export type RecordExport = z.infer<typeof RecordExport>;

export type VerifyResult =
  | { ok: true; bot: string; entries: number; head: string }
  | { ok: false; seq: number; reason: string }
  /** Not an export at all (not the format): nothing to verify, which is not the same as a broken link. */
  | { ok: false; seq: null; reason: string };

/**
 * Checks an export from the first entry on and names the FIRST broken link: the seq where the numbering
 * jumps, the previous hash does not match, or the stored hash is not the one its payload gives. Everything
 * after a broken link is unproven, so there is no point reporting more than the first.
 */
export async function verifyChain(exported: unknown): Promise<VerifyResult> {
  const parsed = RecordExport.safeParse(exported);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join(".") : "the document";
    return { ok: false, seq: null, reason: `not a record export: ${where}: ${issue?.message ?? "invalid"}` };
  }
  const { bot, entries } = parsed.data;
  let prev = GENESIS_HASH;
  for (const [i, entry] of entries.entries()) {
    const expectedSeq = i + 1;
    if (entry.seq !== expectedSeq)
      return { ok: false, seq: expectedSeq, reason: `entry ${expectedSeq} is missing: the entry in its place has seq ${entry.seq}` };
    if (entry.prevHash !== prev)
      return { ok: false, seq: entry.seq, reason: `prevHash ${entry.prevHash} is not the hash of entry ${entry.seq - 1} (${prev})` };
    let computed: string;
    try {
      computed = await entryHash(entry.prevHash, entry.payload);
    } catch (e) {
      return { ok: false, seq: entry.seq, reason: `payload has no canonical JSON form: ${(e as Error).message}` };
    }
    if (computed !== entry.hash)
      return { ok: false, seq: entry.seq, reason: `hash ${entry.hash} does not match its payload (recomputed ${computed})` };
    prev = entry.hash;
  }
  return { ok: true, bot, entries: entries.length, head: prev };
}

export interface DayHead {
  /** The UTC day, YYYY-MM-DD. */
  day: string;
  /** The last entry written that day and the chain's head hash at the end of it. */
  seq: number;
  hash: string;
}

/**
 * The chain's head at the end of each UTC day that had entries, oldest first. `at` is when the entry was
 * written. A user who keeps a day's head can later check that the entry with that seq still has that hash: if
 * anything up to it was rewritten, it cannot.
 */
export function dayHeads(entries: readonly { seq: number; hash: string; at: Date | string }[]): DayHead[] {
  const byDay = new Map<string, DayHead>();
  for (const e of entries) {
    const day = new Date(e.at).toISOString().slice(0, 10);
    const current = byDay.get(day);
    if (!current || e.seq > current.seq) byDay.set(day, { day, seq: e.seq, hash: e.hash });
  }
  return [...byDay.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}
