import { Prisma, type PrismaClient } from "@/server/db/generated/client";

export const AUDIT_PAGE_SIZE = 50;

export interface AuditFilter {
  /** LIKE-escaped by the router: "user." matches user.role.change, user.disable ... */
  actionPrefix?: string | undefined;
  /** LIKE-escaped part of the actor's email. */
  actorEmail?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  /** The last id of the previous page. */
  cursor?: string | undefined;
}

export interface AuditRow {
  id: string;
  at: Date;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: Prisma.JsonValue;
  ip: string | null;
}

/** One page of the audit log, newest first. Ids grow with time, so the id alone orders and pages it. */
export async function listAuditEntries(db: PrismaClient, filter: AuditFilter) {
  const where = [
    filter.actionPrefix ? Prisma.sql`action LIKE ${`${filter.actionPrefix}%`} ESCAPE '\\'` : null,
    filter.actorEmail ? Prisma.sql`"actorEmail" ILIKE ${`%${filter.actorEmail}%`} ESCAPE '\\'` : null,
    filter.from ? Prisma.sql`at >= ${filter.from}` : null,
    filter.to ? Prisma.sql`at < ${filter.to}` : null,
    filter.cursor ? Prisma.sql`id < ${BigInt(filter.cursor)}` : null,
  ].filter((c): c is Prisma.Sql => c !== null);
  const rows = await db.$queryRaw<(Omit<AuditRow, "id"> & { id: bigint })[]>`
    SELECT id, at, "actorId", "actorEmail", action, "targetType", "targetId", details, ip
      FROM "AuditLog"
     ${where.length ? Prisma.sql`WHERE ${Prisma.join(where, " AND ")}` : Prisma.empty}
     ORDER BY id DESC
     LIMIT ${AUDIT_PAGE_SIZE + 1}`;
  const entries: AuditRow[] = rows.slice(0, AUDIT_PAGE_SIZE).map((r) => ({ ...r, id: r.id.toString() }));
  return { entries, nextCursor: rows.length > AUDIT_PAGE_SIZE ? entries.at(-1)!.id : null };
}
