import type { Prisma, PrismaClient } from "@/server/db/generated/client";
import { canonicalJson, sha256Hex } from "@/server/domain/hashing/canonical-json";
import { GENESIS_HASH, type RecordExport } from "@/server/domain/records/chain";
import { payloadTime, RecordPayload } from "@/server/domain/records/payload";
import { AppError } from "@/server/errors";
import { isUniqueViolation } from "@/server/services/bets/bankrolls";

/**
 * Track records as stored hash chains (README "Track records"). This file is the contract the bots call:
 * keep the signatures. Every write runs in the CALLER's transaction, so a pick and its record entries commit
 * together or not at all.
 */

type Tx = Prisma.TransactionClient;
type Db = PrismaClient | Tx;

export const RECORD_SLUG = /^[a-z0-9](?:[a-z0-9-]{1,78}[a-z0-9])$/;

export async function createRecordChain(tx: Tx, input: { userId: string; slug: string; title: string }): Promise<{ id: number; slug: string }> {
  const slug = input.slug.trim().toLowerCase();
  const title = input.title.trim();
  if (!RECORD_SLUG.test(slug))
    throw new AppError("BAD_REQUEST", "A record's address is 3 to 80 lower-case letters, digits and dashes, not starting or ending with a dash.", { field: "slug" });
  if (!title || title.length > 200) throw new AppError("BAD_REQUEST", "A record's title is 1 to 200 characters.", { field: "title" });
  try {
    return await tx.recordChain.create({ data: { userId: input.userId, slug, title }, select: { id: true, slug: true } });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("CONFLICT", `The record address "${slug}" is taken: choose another.`, { field: "slug", cause: e });
    throw e;
  }
}

export interface NewRecordEntry {
  /** Idempotency key, unique within the chain, e.g. `pick:<botId>:<gameId>:<market>:<selection>` (at most 200 characters). */
  key: string;
  payload: RecordPayload;
  /** When the entry was decided; must equal the payload's lockedAt (gradedAt for a result). */
  lockedAt: Date;
}

export interface AppendedRecordEntry {
  key: string;
  seq: number;
  hash: string;
  /** false when the key was already in the chain (or earlier in the same call): nothing was written. */
  inserted: boolean;
}

/** The payload as it will be hashed, or BAD_REQUEST naming the entry and the field. */
function checkedPayload(entry: NewRecordEntry, index: number): { payload: RecordPayload; canonical: string } {
  if (typeof entry.key !== "string" || entry.key.length < 1 || entry.key.length > 200)
    throw new AppError("BAD_REQUEST", `Record entry ${index + 1}: the key must be 1 to 200 characters.`);
  const parsed = RecordPayload.safeParse(entry.payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError("BAD_REQUEST", `Record entry "${entry.key}": ${issue.path.join(".") || "payload"}: ${issue.message}`, { cause: parsed.error });
  }
  const at = payloadTime(parsed.data);
  if (!(entry.lockedAt instanceof Date) || Number.isNaN(entry.lockedAt.getTime()) || entry.lockedAt.toISOString() !== at)
    throw new AppError("BAD_REQUEST", `Record entry "${entry.key}": lockedAt must be the payload's own time (${at}), so the stored and the hashed times agree.`);
  return { payload: parsed.data, canonical: canonicalJson(parsed.data) };
}

/** Appends in order, exactly once per key: entries whose key is already in the chain are skipped (returned with their existing seq). Serialised per chain (row lock on RecordChain), so concurrent appenders produce seq without gaps. Must be called inside the caller's transaction. */
export async function appendRecordEntries(tx: Tx, chainId: number, entries: NewRecordEntry[]): Promise<{ key: string; seq: number; hash: string; inserted: boolean }[]> {
  // Validate everything before touching the chain: a bad entry rejects the batch, never half of it.
  const checked = entries.map((entry, i) => ({ key: entry.key, lockedAt: entry.lockedAt, ...checkedPayload(entry, i) }));

  // The chain's row lock queues appenders one by one: each reads the head after the previous one committed, so
  // seq and prevHash are never computed twice from the same head. NO KEY UPDATE does not block the foreign-key
  // share locks that inserting entries takes. The existence check and the writes below are safe under it; the
  // unique (chainId, entryKey) and primary key (chainId, seq) would still refuse a double if a writer skipped it.
  const locked = await tx.$queryRaw<{ now: Date }[]>`
    SELECT clock_timestamp() AS now FROM "RecordChain" WHERE id = ${chainId} FOR NO KEY UPDATE`;
  if (locked.length === 0) throw new AppError("NOT_FOUND", `There is no record chain with id ${chainId}.`);
  // Clock time after the lock, not the transaction's start: createdAt then rises with seq (the day heads rely on it).
  const writtenAt = locked[0]!.now;

  const keys = [...new Set(checked.map((c) => c.key))];
  const existing = await tx.recordEntry.findMany({ where: { chainId, entryKey: { in: keys } }, select: { entryKey: true, seq: true, hash: true } });
  const known = new Map(existing.map((e) => [e.entryKey, { seq: e.seq, hash: e.hash }]));
  const head = await tx.recordEntry.findFirst({ where: { chainId }, orderBy: { seq: "desc" }, select: { seq: true, hash: true } });

  let seq = head?.seq ?? 0;
  let prevHash = head?.hash ?? GENESIS_HASH;
  const rows: Prisma.RecordEntryCreateManyInput[] = [];
  const results: AppendedRecordEntry[] = [];
  for (const c of checked) {
    const already = known.get(c.key);
    if (already) {
      results.push({ key: c.key, ...already, inserted: false });
      continue;
    }
    seq += 1;
    const hash = await sha256Hex(prevHash + c.canonical);
    rows.push({ chainId, seq, entryKey: c.key, prevHash, hash, payload: c.canonical, lockedAt: c.lockedAt, createdAt: writtenAt });
    known.set(c.key, { seq, hash });
    results.push({ key: c.key, seq, hash, inserted: true });
    prevHash = hash;
  }
  if (rows.length > 0) await tx.recordEntry.createMany({ data: rows });
  return results;
}

/**
 * The public export format `{"bot": slug, "entries": [{seq, prevHash, hash, payload}]}`, payloads parsed from
 * the stored canonical text (so they hash back to the stored hash). null when there is no such chain, or it
 * is private and `requirePublic` is set. Without `requirePublic` the caller must have checked ownership.
 */
export async function exportRecordChain(db: Db, slug: string, opts?: { requirePublic?: boolean }): Promise<RecordExport | null> {
  const chain = await db.recordChain.findUnique({ where: { slug }, select: { id: true, slug: true, isPublic: true } });
  if (!chain || (opts?.requirePublic && !chain.isPublic)) return null;
  const entries = await db.recordEntry.findMany({
    where: { chainId: chain.id },
    orderBy: { seq: "asc" },
    select: { seq: true, prevHash: true, hash: true, payload: true },
  });
  return {
    bot: chain.slug,
    entries: entries.map((e) => ({ seq: e.seq, prevHash: e.prevHash, hash: e.hash, payload: JSON.parse(e.payload) as Record<string, unknown> })),
  };
}

/** Opts a chain in or out of the public page and API. Another user's chain is NOT_FOUND. */
export async function setRecordChainPublic(db: Db, userId: string, chainId: number, isPublic: boolean): Promise<{ id: number; slug: string; isPublic: boolean }> {
  const { count } = await db.recordChain.updateMany({ where: { id: chainId, userId }, data: { isPublic } });
  if (count === 0) throw new AppError("NOT_FOUND", `You have no record chain with id ${chainId}.`);
  return { id: chainId, slug: (await db.recordChain.findUniqueOrThrow({ where: { id: chainId }, select: { slug: true } })).slug, isPublic };
}

/**
 * Deletes a whole chain: for account erasure only (a person may have their data removed; a record is never
 * edited otherwise). The append-only trigger lets a DELETE through only for rows of the chain named in
 * `linesmith.erase_record_chain`, set LOCAL so the permission ends with this transaction and covers this one
 * chain. Must run inside a transaction (with autocommit the setting would be gone before the delete).
 */
export async function eraseRecordChain(tx: Tx, chainId: number): Promise<void> {
  await tx.$queryRaw`SELECT set_config('linesmith.erase_record_chain', ${String(chainId)}, true)`;
  await tx.recordEntry.deleteMany({ where: { chainId } });
  await tx.recordChain.delete({ where: { id: chainId } });
}
