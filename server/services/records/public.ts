import type { PrismaClient } from "@/server/db/generated/client";
import { dayHeads, type DayHead } from "@/server/domain/records/chain";
import { readRecordEntries, recordFigures, type ReadEntry, type RecordFigures } from "@/server/domain/records/figures";
import { RECORD_SLUG } from "./chain";

export interface PublicRecordEntry {
  seq: number;
  hash: string;
  lockedAt: Date;
  createdAt: Date;
  read: ReadEntry;
}

export interface PublicRecord {
  slug: string;
  title: string;
  entries: PublicRecordEntry[];
  figures: RecordFigures;
  dayHeads: DayHead[];
}

/**
 * What the public record page shows, or null when there is no such chain or its owner has not made it
 * public (the page then answers 404, saying nothing about private chains). The figures come from the stored
 * payloads; the page's verifier checks the same entries in the browser against the public export.
 */
export async function loadPublicRecord(db: PrismaClient, slug: string): Promise<PublicRecord | null> {
  if (!RECORD_SLUG.test(slug)) return null;
  const chain = await db.recordChain.findFirst({ where: { slug, isPublic: true }, select: { id: true, slug: true, title: true } });
  if (!chain) return null;
  const rows = await db.recordEntry.findMany({
    where: { chainId: chain.id },
    orderBy: { seq: "asc" },
    select: { seq: true, hash: true, payload: true, lockedAt: true, createdAt: true },
  });
  const read = readRecordEntries(rows.map((r) => ({ seq: r.seq, payload: JSON.parse(r.payload) as unknown })));
  return {
    slug: chain.slug,
    title: chain.title,
    entries: rows.map((r, i) => ({ seq: r.seq, hash: r.hash, lockedAt: r.lockedAt, createdAt: r.createdAt, read: read[i]! })),
    figures: recordFigures(read),
    dayHeads: dayHeads(rows.map((r) => ({ seq: r.seq, hash: r.hash, at: r.createdAt }))),
  };
}
