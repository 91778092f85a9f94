import type pg from "pg";
import { z } from "zod";
import type { Queryable } from "@/server/db/pool";
import { EVENTS, publishEvent } from "@/server/jobs/events";
import { deliverPending, type DeliverResult } from "./deliver";
import type { NotifyDeps } from "./deps";

/**
 * `notify(pool, input)`: tell a user something once, on every channel they verified. The notification is
 * created once per (user, dedupeKey) and one delivery per channel, in one statement (INSERT ... ON CONFLICT DO
 * NOTHING), so calling twice, retried or concurrently, makes one notification and one delivery per channel.
 */
// PostgreSQL text cannot hold NUL characters.
const noNul = (s: string) => !s.includes("\u0000");

export const notifyInputSchema = z.object({
  userId: z.string().min(1).max(64),
  // "bot.slips", "alert.value-bet": lower-case words joined by dots.
  kind: z.string().regex(/^[a-z][a-z0-9-]*(\.[a-z0-9-]+)*$/, "kind must look like bot.slips").max(64),
  // The caller's name for the event ("bot:12:slips:2026-12-02"): the same key is the same notification.
  dedupeKey: z.string().min(1).max(200).refine(noNul, "dedupeKey must not contain NUL characters"),
  title: z.string().trim().min(1).max(200).refine(noNul, "title must not contain NUL characters"),
  body: z.string().max(2000).refine(noNul, "body must not contain NUL characters"),
  // A path in the app; external links are not sent to users' channels.
  url: z
    .string()
    .max(500)
    .regex(/^\/(?!\/)[^\s\\]*$/, "url must be a path in the app such as /bots/12")
    .nullable()
    .optional(),
});

export type NotifyInput = z.input<typeof notifyInputSchema>;

export interface RecordResult {
  notificationId: number;
  /** False when a notification with this dedupeKey already existed (nothing was added). */
  created: boolean;
  deliveries: number;
}

/**
 * Creates the notification and its deliveries, or nothing if the key exists; usable inside the caller's
 * transaction (then publish `linesmith/notification.created` after commit, or let the schedule pick it up).
 * `channelIds` limits the deliveries to those channels, verified or not (a test message); otherwise every
 * enabled, verified channel of the user gets one.
 */
export async function recordNotification(db: Queryable, input: NotifyInput, options: { channelIds?: number[] } = {}): Promise<RecordResult> {
  const n = notifyInputSchema.parse(input);
  const { rows } = await db.query<{ id: number | null; deliveries: number }>(
    `WITH n AS (
       INSERT INTO "Notification" ("userId", kind, "dedupeKey", title, body, url)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT ("userId", "dedupeKey") DO NOTHING
       RETURNING id
     ), d AS (
       INSERT INTO "NotificationDelivery" ("notificationId", "channelId")
       SELECT n.id, c.id FROM n JOIN "NotificationChannel" c ON c."userId" = $1 AND c."disabledAt" IS NULL
        WHERE CASE WHEN $7::int[] IS NULL THEN c."verifiedAt" IS NOT NULL ELSE c.id = ANY($7::int[]) END
       ON CONFLICT ("notificationId", "channelId") DO NOTHING
       RETURNING id
     )
     SELECT (SELECT id FROM n) AS id, (SELECT count(*)::int FROM d) AS deliveries`,
    [n.userId, n.kind, n.dedupeKey, n.title, n.body, n.url ?? null, options.channelIds ?? null],
  );
  const row = rows[0]!;
  if (row.id !== null) return { notificationId: row.id, created: true, deliveries: row.deliveries };
  const existing = await db.query<{ id: number }>(`SELECT id FROM "Notification" WHERE "userId" = $1 AND "dedupeKey" = $2`, [n.userId, n.dedupeKey]);
  return { notificationId: existing.rows[0]!.id, created: false, deliveries: 0 };
}

export interface NotifyResult extends RecordResult {
  /** What the immediate delivery attempt did (absent with deliver: "background" or nothing to send). */
  delivery?: DeliverResult;
}

/**
 * Records the notification, then delivers it: at once by default (failures stay queued for the
 * `deliver-notifications` job's retries; this never throws for a channel's failure), or with
 * `deliver: "background"` by publishing `linesmith/notification.created` so a job run sends it and the caller
 * does not wait on Slack or a mail server.
 */
export async function notify(
  pool: pg.Pool,
  input: NotifyInput,
  options: { deliver?: "now" | "background"; channelIds?: number[]; deps?: NotifyDeps } = {},
): Promise<NotifyResult> {
  const recorded = await recordNotification(pool, input, options.channelIds ? { channelIds: options.channelIds } : {});
  if (!recorded.created || recorded.deliveries === 0) return recorded;
  if (options.deliver === "background") {
    await publishEvent({ name: EVENTS.notificationCreated, data: { notificationId: recorded.notificationId } });
    return recorded;
  }
  const delivery = await deliverPending(pool, new Date(), {
    notificationId: recorded.notificationId,
    ...(options.deps ? { deps: options.deps } : {}),
  });
  return { ...recorded, delivery };
}
