import type pg from "pg";
import { targetProblem } from "@/server/domain/notify/targets";
import { AppError } from "@/server/errors";
import type { PushSubscriptionJson } from "@/server/integrations/web-push/schema";
import { requireSecretBox } from "@/server/services/crypto/secret-box";
import { sealConfig, summaryOf, targetOf, type ChannelConfig, type ChannelKind } from "./channel-config";
import type { NotifyDeps } from "./deps";
import { notify } from "./notify";

/** A user's channels: add (then a test message verifies it), list, test again, remove. Owner-checked throughout. */
export const MAX_CHANNELS_PER_USER = 20;

export type AddChannelInput =
  | { kind: "EMAIL"; label: string }
  | { kind: "SLACK"; label: string; webhookUrl: string }
  | { kind: "TELEGRAM"; label: string; chatId: string }
  | { kind: "WEB_PUSH"; label: string; subscription: PushSubscriptionJson };

export interface ChannelView {
  id: number;
  kind: ChannelKind;
  label: string;
  summary: string;
  verifiedAt: Date | null;
  disabledAt: Date | null;
  disabledReason: string | null;
  createdAt: Date;
  /** The last delivery's outcome on this channel, for "last message: sent 2 min ago / failed: ...". */
  last: { status: "PENDING" | "SENT" | "FAILED" | "GIVEN_UP"; at: Date; error: string | null } | null;
}

export interface TestResult {
  status: "SENT" | "FAILED" | "GIVEN_UP" | "PENDING";
  error: string | null;
}

interface ChannelRow extends Omit<ChannelView, "last"> {
  lastStatus: NonNullable<ChannelView["last"]>["status"] | null;
  lastAt: Date | null;
  lastError: string | null;
}

export async function listChannels(pool: pg.Pool, userId: string): Promise<ChannelView[]> {
  const { rows } = await pool.query<ChannelRow>(
    `SELECT c.id, c.kind, c.label, c.summary, c."verifiedAt", c."disabledAt", c."disabledReason", c."createdAt",
            l.status AS "lastStatus", COALESCE(l."sentAt", l."createdAt") AS "lastAt", l."lastError"
       FROM "NotificationChannel" c
       LEFT JOIN LATERAL (
         SELECT status, "sentAt", "createdAt", "lastError" FROM "NotificationDelivery"
          WHERE "channelId" = c.id ORDER BY id DESC LIMIT 1
       ) l ON true
      WHERE c."userId" = $1
      ORDER BY c."createdAt", c.id`,
    [userId],
  );
  return rows.map(({ lastStatus, lastAt, lastError, ...c }) => ({
    ...c,
    last: lastStatus && lastAt ? { status: lastStatus, at: lastAt, error: lastError } : null,
  }));
}

/** The kinds that work on this server, and why the others do not. */
export function channelAvailability(deps: NotifyDeps): Record<ChannelKind, string | null> {
  const noKey = deps.box ? null : "Notification channels are off on this server: the administrator must set ENCRYPTION_KEY.";
  return {
    EMAIL: noKey,
    SLACK: noKey,
    TELEGRAM: noKey ?? deps.senders.offReason("TELEGRAM"),
    WEB_PUSH: noKey ?? deps.senders.offReason("WEB_PUSH"),
  };
}

/**
 * Adds a channel (or re-arms the same target: label updated, turned back on, to be verified again) and sends
 * it a test message; the channel counts as verified once one message got through.
 */
export async function addChannel(
  pool: pg.Pool,
  deps: NotifyDeps,
  userId: string,
  input: AddChannelInput,
): Promise<{ channel: ChannelView; test: TestResult }> {
  const off = channelAvailability(deps)[input.kind];
  if (off) throw new AppError("BAD_REQUEST", off);
  const box = requireSecretBox(deps.box, "Notification channels");
  const config = await configOf(pool, deps, userId, input);
  const { rows: count } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM "NotificationChannel" WHERE "userId" = $1`, [userId]);
  if ((count[0]?.n ?? 0) >= MAX_CHANNELS_PER_USER) {
    throw new AppError("BAD_REQUEST", `You have ${MAX_CHANNELS_PER_USER} channels, the most allowed: remove one first.`);
  }
  // One row per (user, kind, target): the same webhook added twice, or a double-click, is one channel.
  const { rows } = await pool.query<{ id: number }>(
    `INSERT INTO "NotificationChannel" ("userId", kind, label, config, "targetHash", summary)
     VALUES ($1, $2::"NotificationChannelKind", $3, $4, $5, $6)
     ON CONFLICT ("userId", kind, "targetHash") DO UPDATE
       SET label = EXCLUDED.label, config = EXCLUDED.config, summary = EXCLUDED.summary,
           "disabledAt" = NULL, "disabledReason" = NULL, "failureStreak" = 0, "verifiedAt" = NULL
     RETURNING id`,
    [userId, input.kind, input.label, sealConfig(box, userId, config), box.fingerprint(`${input.kind}:${targetOf(config)}`), summaryOf(config)],
  );
  const id = rows[0]!.id;
  const test = await sendTestMessage(pool, deps, userId, id);
  const channel = (await listChannels(pool, userId)).find((c) => c.id === id)!;
  return { channel, test };
}

async function configOf(pool: pg.Pool, deps: NotifyDeps, userId: string, input: AddChannelInput): Promise<ChannelConfig> {
  switch (input.kind) {
    case "EMAIL": {
      const { rows } = await pool.query<{ email: string }>(`SELECT email FROM "User" WHERE id = $1`, [userId]);
      if (!rows[0]) throw new AppError("NOT_FOUND", "No such account.");
      return { kind: "EMAIL", email: rows[0].email };
    }
    case "SLACK": {
      const problem = targetProblem(input.webhookUrl, "slack-webhook", deps.targetRules);
      if (problem) throw new AppError("BAD_REQUEST", `The Slack webhook URL ${problem}.`, { field: "webhookUrl" });
      return { kind: "SLACK", webhookUrl: input.webhookUrl };
    }
    case "TELEGRAM":
      return { kind: "TELEGRAM", chatId: input.chatId };
    case "WEB_PUSH": {
      const problem = targetProblem(input.subscription.endpoint, "push-endpoint", deps.targetRules);
      if (problem) throw new AppError("BAD_REQUEST", `The push subscription's endpoint ${problem}.`, { field: "subscription" });
      return { kind: "WEB_PUSH", subscription: input.subscription };
    }
  }
}

async function ownedChannel(pool: pg.Pool, userId: string, channelId: number) {
  const { rows } = await pool.query<{ id: number; kind: ChannelKind; label: string; disabledAt: Date | null }>(
    `SELECT id, kind, label, "disabledAt" FROM "NotificationChannel" WHERE id = $1 AND "userId" = $2`,
    [channelId, userId],
  );
  // Another user's channel is "not found", never "forbidden": ids do not leak.
  if (!rows[0]) throw new AppError("NOT_FOUND", "No such notification channel.");
  return rows[0];
}

/**
 * Sends "test message" to one channel now and says how it went. A channel that was turned off is turned back
 * on for the try (the user asked); if the target is still gone it is turned off again with the reason.
 */
export async function sendTestMessage(pool: pg.Pool, deps: NotifyDeps, userId: string, channelId: number): Promise<TestResult> {
  const channel = await ownedChannel(pool, userId, channelId);
  if (channel.disabledAt) {
    await pool.query(`UPDATE "NotificationChannel" SET "disabledAt" = NULL, "disabledReason" = NULL, "failureStreak" = 0 WHERE id = $1`, [channelId]);
  }
  const sent = await notify(
    pool,
    {
      userId,
      kind: "channel.test",
      dedupeKey: `channel.test:${channelId}:${Date.now()}:${Math.random().toString(36).slice(2, 8)}`,
      title: "Test message from Linesmith",
      body: `Your channel "${channel.label}" works: alerts will arrive here.`,
      url: "/settings#notifications",
    },
    { channelIds: [channelId], deps },
  );
  const { rows } = await pool.query<TestResult>(
    `SELECT status, "lastError" AS error FROM "NotificationDelivery" WHERE "notificationId" = $1 AND "channelId" = $2`,
    [sent.notificationId, channelId],
  );
  return rows[0] ?? { status: "GIVEN_UP", error: "the channel could not be tested" };
}

export async function removeChannel(pool: pg.Pool, userId: string, channelId: number): Promise<void> {
  await ownedChannel(pool, userId, channelId);
  await pool.query(`DELETE FROM "NotificationChannel" WHERE id = $1 AND "userId" = $2`, [channelId, userId]);
}
