import type pg from "pg";
import type { ChannelKind } from "./channel-config";

/** The in-app side: a user's notifications (newest first) with how each channel fared, unread count, mark read. */
export interface NotificationView {
  id: number;
  kind: string;
  title: string;
  body: string;
  url: string | null;
  readAt: Date | null;
  createdAt: Date;
  deliveries: { channelKind: ChannelKind; channelLabel: string; status: "PENDING" | "SENT" | "FAILED" | "GIVEN_UP"; attempts: number; lastError: string | null }[];
}

export async function listNotifications(
  pool: pg.Pool,
  userId: string,
  options: { limit: number; before?: number | null },
): Promise<{ items: NotificationView[]; nextBefore: number | null }> {
  const { rows } = await pool.query<NotificationView>(
    `SELECT n.id, n.kind, n.title, n.body, n.url, n."readAt", n."createdAt",
            COALESCE(json_agg(json_build_object(
              'channelKind', c.kind, 'channelLabel', c.label, 'status', d.status, 'attempts', d.attempts, 'lastError', d."lastError")
              ORDER BY c.id) FILTER (WHERE d.id IS NOT NULL), '[]') AS deliveries
       FROM "Notification" n
       LEFT JOIN "NotificationDelivery" d ON d."notificationId" = n.id
       LEFT JOIN "NotificationChannel" c ON c.id = d."channelId"
      WHERE n."userId" = $1 AND ($2::int IS NULL OR n.id < $2)
      GROUP BY n.id
      ORDER BY n.id DESC
      LIMIT $3`,
    [userId, options.before ?? null, options.limit + 1],
  );
  const items = rows.slice(0, options.limit);
  return { items, nextBefore: rows.length > options.limit ? items[items.length - 1]!.id : null };
}

export async function unreadCount(pool: pg.Pool, userId: string): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "Notification" WHERE "userId" = $1 AND "readAt" IS NULL`,
    [userId],
  );
  return rows[0]?.n ?? 0;
}

/** Marks the given notifications (or all) read; only the user's own are touched. Returns how many changed. */
export async function markRead(pool: pg.Pool, userId: string, ids: number[] | "all", now: Date = new Date()): Promise<number> {
  const { rowCount } = await pool.query(
    `UPDATE "Notification" SET "readAt" = $3
      WHERE "userId" = $1 AND "readAt" IS NULL AND ($2::int[] IS NULL OR id = ANY($2::int[]))`,
    [userId, ids === "all" ? null : ids, now],
  );
  return rowCount ?? 0;
}

export interface OutboxEmail {
  id: number;
  to: string;
  subject: string;
  text: string;
  createdAt: Date;
}

/** Emails kept instead of sent (no SMTP_URL), newest first: for administrators only (the router checks). */
export async function listOutbox(pool: pg.Pool, options: { limit: number; before?: number | null }): Promise<{ items: OutboxEmail[]; nextBefore: number | null }> {
  const { rows } = await pool.query<OutboxEmail>(
    `SELECT id, "to", subject, text, "createdAt" FROM "EmailOutbox"
      WHERE ($1::int IS NULL OR id < $1) ORDER BY id DESC LIMIT $2`,
    [options.before ?? null, options.limit + 1],
  );
  const items = rows.slice(0, options.limit);
  return { items, nextBefore: rows.length > options.limit ? items[items.length - 1]!.id : null };
}
