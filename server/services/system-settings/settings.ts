import type { Prisma, PrismaClient } from "@/server/db/generated/client";
import type { Queryable } from "@/server/db/pool";
import {
  resolveSystemSettings,
  SYSTEM_SETTING_KEYS,
  SystemSettings,
  type SystemSettings as Settings,
} from "@/server/domain/settings/system";
import { AppError } from "@/server/errors";
import { recordAudit } from "@/server/services/audit/record";
import type { Actor } from "@/server/services/jobs/control";


/**
 * Settings change rarely and are read on hot paths (every backtest, scan and bot run): each process keeps them
 * for a few seconds. A change made in this process is seen at once; other processes see it within the TTL.
 */
const TTL_MS = 5_000;
let cache: { at: number; value: Settings } | null = null;

export async function getSystemSettings(db: Queryable): Promise<Settings> {
  if (cache && Date.now() - cache.at < TTL_MS) return cache.value;
  const { rows } = await db.query<{ key: string; value: unknown }>(`SELECT key, value FROM "SystemSetting" WHERE key = ANY($1::text[])`, [[...SYSTEM_SETTING_KEYS]]);
  const value = resolveSystemSettings(Object.fromEntries(rows.map((r) => [r.key, r.value])));
  cache = { at: Date.now(), value };
  return value;
}

/** Forgets the cached settings (tests, and after a change). */
export function clearSystemSettingsCache(): void {
  cache = null;
}

/**
 * Replaces the settings after validating them (BAD_REQUEST with the rule broken). The rows are locked while the
 * change is written, so the audit entry's "before" is the value this change replaced, even under concurrent edits.
 */
export async function updateSystemSettings(db: PrismaClient, actor: Actor, input: unknown): Promise<Settings> {
  const parsed = SystemSettings.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError("BAD_REQUEST", `${issue.message[0]!.toUpperCase()}${issue.message.slice(1)}.`, { field: issue.path.join(".") || undefined });
  }
  const after = parsed.data;
  await db.$transaction(async (tx) => {
    // Creates missing rows first so that both keys can be locked; a new row holds the value it replaces (the default).
    const before = resolveSystemSettings({});
    for (const key of SYSTEM_SETTING_KEYS)
      await tx.$executeRaw`INSERT INTO "SystemSetting" (key, value, "updatedAt") VALUES (${key}, ${JSON.stringify(before[key])}::jsonb, now()) ON CONFLICT (key) DO NOTHING`;
    const locked = await tx.$queryRaw<{ key: string; value: unknown }[]>`SELECT key, value FROM "SystemSetting" WHERE key = ANY(${[...SYSTEM_SETTING_KEYS]}::text[]) ORDER BY key FOR UPDATE`;
    const previous = resolveSystemSettings(Object.fromEntries(locked.map((r) => [r.key, r.value])));
    for (const key of SYSTEM_SETTING_KEYS)
      await tx.systemSetting.update({ where: { key }, data: { value: after[key] as Prisma.InputJsonObject, updatedBy: actor.email ?? actor.id } });
    await recordAudit(tx, {
      actor,
      action: "settings.update",
      target: { type: "systemSettings", id: "system" },
      details: { before: previous, after } as unknown as Prisma.InputJsonObject,
    });
  });
  clearSystemSettingsCache();
  return after;
}

/** When each setting last changed and by whom, for the settings page. */
export async function systemSettingsMeta(db: PrismaClient) {
  const rows = await db.systemSetting.findMany({ select: { key: true, updatedAt: true, updatedBy: true } });
  return Object.fromEntries(rows.map((r) => [r.key, { updatedAt: r.updatedAt, updatedBy: r.updatedBy }]));
}
