import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@/server/db/generated/client";
import { recordAudit } from "@/server/services/audit/record";

/** What a session token carries besides next-auth's own claims: its id and the user's session version. */
export interface SessionClaims {
  sub: string;
  sid: string;
  sv: number;
  role: "USER" | "ADMIN";
}

/** Claims of a new session for a user who has just signed in. */
export function startSession(user: { id: string; role: "USER" | "ADMIN"; sessionVersion: number }): SessionClaims {
  return { sub: user.id, sid: randomUUID(), sv: user.sessionVersion, role: user.role };
}

/**
 * The user's current role when the session is still valid, otherwise null: the user is gone, the session
 * was signed out, the account was disabled, or the user's session version moved on (sign out everywhere,
 * password or role change).
 * One query per request.
 */
export async function activeSessionRole(db: PrismaClient, claims: Partial<Record<keyof SessionClaims, unknown>>): Promise<"USER" | "ADMIN" | null> {
  if (typeof claims.sub !== "string" || typeof claims.sid !== "string" || typeof claims.sv !== "number") return null;
  const [row] = await db.$queryRaw<{ role: "USER" | "ADMIN"; sessionVersion: number; revoked: boolean; disabled: boolean }[]>`
    SELECT u."role"::text AS "role", u."sessionVersion", u."disabledAt" IS NOT NULL AS "disabled",
           EXISTS (SELECT 1 FROM "RevokedSession" r WHERE r."sessionId" = ${claims.sid}) AS "revoked"
    FROM "User" u WHERE u."id" = ${claims.sub}`;
  return row && !row.revoked && !row.disabled && row.sessionVersion === claims.sv ? row.role : null;
}

/** Signs one session out: its id is refused until the token would have expired anyway. */
export async function endSession(db: PrismaClient, session: { sid: string; userId: string; expiresAt: Date }, now = new Date()) {
  await db.$transaction([
    db.revokedSession.createMany({ data: [{ sessionId: session.sid, userId: session.userId, expiresAt: session.expiresAt }], skipDuplicates: true }),
    db.revokedSession.deleteMany({ where: { expiresAt: { lt: now } } }),
  ]);
}

/** Signs every session of a user out at once (sign out everywhere, password change, role change). */
export async function endAllSessions(db: PrismaClient, userId: string) {
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
    await recordAudit(tx, { actor: { id: userId }, action: "account.signOutEverywhere", target: { type: "user", id: userId } });
  });
}
