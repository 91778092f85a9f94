import type { Prisma, PrismaClient } from "@/server/db/generated/client";

/** A client or an open transaction: audit entries are written in the same transaction as the change they record. */
type Db = PrismaClient | Prisma.TransactionClient;

export interface AuditEntry {
  /** null when the system acted (a job, a webhook); without `email` the actor's current email is looked up */
  actor: { id: string; email?: string | null } | null;
  /** dotted verb, e.g. "user.role.change" */
  action: string;
  target?: { type: string; id: string };
  /** what changed; never secrets, tokens or codes */
  details?: Prisma.InputJsonObject;
  ip?: string | null;
}

/**
 * Appends one entry to the audit log. Call it inside the transaction of the change it records, so a change is
 * never without its entry and an entry never without its change. The table refuses UPDATE and DELETE.
 */
export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  // The email is kept with the entry (read here when the caller does not have it), so it outlives the account.
  const actorEmail =
    entry.actor && entry.actor.email === undefined
      ? ((await db.user.findUnique({ where: { id: entry.actor.id }, select: { email: true } }))?.email ?? null)
      : (entry.actor?.email ?? null);
  await db.auditLog.create({
    data: {
      actorId: entry.actor?.id ?? null,
      actorEmail,
      action: entry.action,
      targetType: entry.target?.type ?? null,
      targetId: entry.target?.id ?? null,
      details: entry.details ?? {},
      ip: entry.ip ?? null,
    },
  });
}
