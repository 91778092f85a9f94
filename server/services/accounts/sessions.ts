import type { PrismaClient } from "@/server/db/generated/client";
import { describeUserAgent } from "@/server/domain/accounts/user-agent";
import { AppError } from "@/server/errors";
import { endAllSessions, endSession } from "@/server/services/auth/sessions";

type Db = PrismaClient;

/** Records a newly issued session token (called from the jwt callback at sign-in). */
export async function recordSession(
  db: Db,
  session: { sid: string; userId: string; sessionVersion: number; userAgent: string | null; expiresAt: Date },
) {
  await db.userSession.createMany({
    data: [{ id: session.sid, userId: session.userId, sessionVersion: session.sessionVersion, userAgent: session.userAgent?.slice(0, 500) ?? null, expiresAt: session.expiresAt }],
    skipDuplicates: true,
  });
}

/** The user's live sessions, newest first; `current` marks the one making the request. */
export async function listSessions(db: Db, userId: string, currentSid: string | null, now = new Date()) {
  const rows = await db.$queryRaw<{ id: string; userAgent: string | null; createdAt: Date; expiresAt: Date }[]>`
    SELECT s."id", s."userAgent", s."createdAt", s."expiresAt"
    FROM "UserSession" s JOIN "User" u ON u."id" = s."userId"
    WHERE s."userId" = ${userId} AND s."expiresAt" > ${now} AND s."sessionVersion" = u."sessionVersion"
      AND NOT EXISTS (SELECT 1 FROM "RevokedSession" r WHERE r."sessionId" = s."id")
    ORDER BY s."createdAt" DESC`;
  return rows.map((r) => ({ id: r.id, device: describeUserAgent(r.userAgent), createdAt: r.createdAt, expiresAt: r.expiresAt, current: r.id === currentSid }));
}

/** Signs out one of the user's sessions (another user's session id is NOT_FOUND). */
export async function signOutSession(db: Db, userId: string, sid: string, now = new Date()) {
  const row = await db.userSession.findFirst({ where: { id: sid, userId } });
  if (!row) throw new AppError("NOT_FOUND", "That session was not found.");
  await endSession(db, { sid, userId, expiresAt: row.expiresAt }, now);
  await db.userSession.deleteMany({ where: { id: sid, userId } });
}

/** Signs out every session of the user (the session version moves on) and clears the list. */
export async function signOutAllSessions(db: Db, userId: string) {
  await endAllSessions(db, userId);
  await db.userSession.deleteMany({ where: { userId } });
}

/** Called when a session signs itself out: its row goes too. */
export async function forgetSession(db: Db, sid: string) {
  await db.userSession.deleteMany({ where: { id: sid } });
}
