import type { PrismaClient } from "@/server/db/generated/client";
import type { OddsFormat } from "@/server/domain/odds";
import { AppError } from "@/server/errors";

export interface Preferences {
  oddsFormat: OddsFormat;
  /** null until the browser's zone is adopted on the first visit */
  timeZone: string | null;
  currency: string;
}

const preferenceSelect = { oddsFormat: true, timeZone: true, currency: true } as const;

export async function getPreferences(db: PrismaClient, userId: string): Promise<Preferences> {
  const user = await db.user.findUnique({ where: { id: userId }, select: preferenceSelect });
  if (!user) throw new AppError("NOT_FOUND", "Your account no longer exists. Sign in again.");
  return user;
}

export async function updatePreferences(db: PrismaClient, userId: string, changes: Partial<Preferences>): Promise<Preferences> {
  return db.user.update({ where: { id: userId }, data: changes, select: preferenceSelect });
}

/**
 * Records the browser's zone only while the user has none: one conditional UPDATE, so a zone the user chose in
 * another tab is never overwritten by a late first-visit detection.
 */
export async function adoptBrowserTimeZone(db: PrismaClient, userId: string, timeZone: string): Promise<Preferences> {
  await db.user.updateMany({ where: { id: userId, timeZone: null }, data: { timeZone } });
  return getPreferences(db, userId);
}
