import type pg from "pg";
import { afterFailure, DISABLE_AFTER_GIVE_UPS } from "@/server/domain/notify/retry";
import type { NotificationContent } from "@/server/domain/notify/render";
import { openConfig, type ChannelConfig, type ChannelKind } from "./channel-config";
import { notifyDepsFromEnv, type NotifyDeps } from "./deps";
import { recordNotification } from "./notify";
import { classifyFailure, safeErrorText } from "./senders";

/**
 * Sends the deliveries that are due, each once, however many workers run.
 *
 * A worker claims a batch in one statement: due rows are picked with FOR UPDATE SKIP LOCKED (a second worker
 * skips them) and get attempts + 1 and a lease (nextAttemptAt = now + 2 min) before the lock is released, so
 * no other worker finds them due while they are being sent. The result is written only if the row still holds
 * this claim's attempt number. A worker that dies mid-send leaves the lease to expire: the message is tried
 * again (at least once, never twice by two live workers).
 *
 * Failures follow server/domain/notify/retry.ts: backoff or Retry-After, given up after six attempts; a target
 * that is gone (revoked webhook, expired subscription, blocked bot) turns its channel off at once, and three
 * deliveries given up in a row turn it off too; either way the user gets a notice on their other channels and
 * in the app.
 */
export interface DeliverResult {
  claimed: number;
  sent: number;
  failed: number;
  givenUp: number;
  channelsDisabled: number;
}

export const LEASE_SECONDS = 120;
const BATCH_SIZE = 25;

interface Claimed {
  id: number;
  attempts: number;
  notificationId: number;
  title: string;
  body: string;
  url: string | null;
  channelId: number;
  userId: string;
  kind: ChannelKind;
  label: string;
  config: string;
  disabledAt: Date | null;
}

export async function deliverPending(
  pool: pg.Pool,
  now: Date,
  options: { notificationId?: number; batchSize?: number; deps?: NotifyDeps } = {},
): Promise<DeliverResult> {
  const deps = options.deps ?? notifyDepsFromEnv(pool);
  const batchSize = options.batchSize ?? BATCH_SIZE;
  const result: DeliverResult = { claimed: 0, sent: 0, failed: 0, givenUp: 0, channelsDisabled: 0 };
  for (;;) {
    const batch = await claim(pool, now, batchSize, options.notificationId ?? null);
    result.claimed += batch.length;
    await eachWithLimit(batch, deps.concurrency ?? 4, (d) => deliverOne(pool, deps, d, now, result));
    if (batch.length < batchSize) return result;
  }
}

async function claim(pool: pg.Pool, now: Date, limit: number, notificationId: number | null): Promise<Claimed[]> {
  const { rows } = await pool.query<Claimed>(
    `WITH due AS (
       SELECT id FROM "NotificationDelivery"
        WHERE status IN ('PENDING', 'FAILED') AND "nextAttemptAt" <= $1
          AND ($3::int IS NULL OR "notificationId" = $3)
        ORDER BY "nextAttemptAt", id
        LIMIT $2
        FOR UPDATE SKIP LOCKED
     ), claimed AS (
       UPDATE "NotificationDelivery" d
          SET attempts = d.attempts + 1, "nextAttemptAt" = $1::timestamptz + make_interval(secs => $4)
         FROM due WHERE d.id = due.id
       RETURNING d.id, d.attempts, d."notificationId", d."channelId"
     )
     SELECT c.id, c.attempts, c."notificationId", n.title, n.body, n.url,
            c."channelId", ch."userId", ch.kind, ch.label, ch.config, ch."disabledAt"
       FROM claimed c
       JOIN "Notification" n ON n.id = c."notificationId"
       JOIN "NotificationChannel" ch ON ch.id = c."channelId"`,
    [now, limit, notificationId, LEASE_SECONDS],
  );
  return rows;
}

async function deliverOne(pool: pg.Pool, deps: NotifyDeps, d: Claimed, now: Date, result: DeliverResult): Promise<void> {
  if (d.disabledAt) {
    await finish(pool, d, { status: "GIVEN_UP", lastError: "the channel is turned off" });
    result.givenUp++;
    return;
  }
  const content: NotificationContent = { id: d.notificationId, title: d.title, body: d.body, url: d.url };
  let config: ChannelConfig;
  try {
    if (!deps.box) throw new Error("ENCRYPTION_KEY is not set");
    config = openConfig(deps.box, d.userId, d.kind, d.config);
  } catch (error) {
    // The server's key, not the channel: retrying cannot help and the user's channel is not to blame.
    await finish(pool, d, { status: "GIVEN_UP", lastError: `the channel's settings cannot be read (${safeErrorText(error)})` });
    result.givenUp++;
    return;
  }
  try {
    await deps.senders.send(config, content);
  } catch (error) {
    const lastError = safeErrorText(error);
    const step = afterFailure(d.attempts, classifyFailure(error), now);
    if (step.status === "FAILED") {
      await finish(pool, d, { status: "FAILED", lastError, nextAttemptAt: step.nextAttemptAt });
      result.failed++;
      return;
    }
    await finish(pool, d, { status: "GIVEN_UP", lastError });
    result.givenUp++;
    if (step.disableChannel) {
      if (await disableChannel(pool, d, lastError, now)) result.channelsDisabled++;
    } else if (step.countsAgainstChannel) {
      const { rows } = await pool.query<{ failureStreak: number }>(
        `UPDATE "NotificationChannel" SET "failureStreak" = "failureStreak" + 1 WHERE id = $1 RETURNING "failureStreak"`,
        [d.channelId],
      );
      if ((rows[0]?.failureStreak ?? 0) >= DISABLE_AFTER_GIVE_UPS) {
        const reason = `${DISABLE_AFTER_GIVE_UPS} messages in a row could not be delivered (last: ${lastError})`;
        if (await disableChannel(pool, d, reason, now)) result.channelsDisabled++;
      }
    }
    return;
  }
  await finish(pool, d, { status: "SENT", sentAt: now });
  // A message got through: the channel works (verified by its first message) and its failure streak ends.
  await pool.query(
    `UPDATE "NotificationChannel" SET "failureStreak" = 0, "verifiedAt" = COALESCE("verifiedAt", $2) WHERE id = $1`,
    [d.channelId, now],
  );
  result.sent++;
}

type Outcome =
  | { status: "SENT"; sentAt: Date }
  | { status: "FAILED"; lastError: string; nextAttemptAt: Date }
  | { status: "GIVEN_UP"; lastError: string };

/** Writes a result only while the row still holds this claim (same attempt number, not finished by others). */
async function finish(pool: pg.Pool, d: Claimed, outcome: Outcome): Promise<void> {
  await pool.query(
    `UPDATE "NotificationDelivery"
        SET status = $3::"DeliveryStatus",
            "lastError" = $4,
            "sentAt" = $5,
            "nextAttemptAt" = COALESCE($6, "nextAttemptAt")
      WHERE id = $1 AND attempts = $2 AND status IN ('PENDING', 'FAILED')`,
    [
      d.id,
      d.attempts,
      outcome.status,
      outcome.status === "SENT" ? null : outcome.lastError,
      outcome.status === "SENT" ? outcome.sentAt : null,
      outcome.status === "FAILED" ? outcome.nextAttemptAt : null,
    ],
  );
}

const KIND_NAME: Record<ChannelKind, string> = { EMAIL: "Email", SLACK: "Slack", TELEGRAM: "Telegram", WEB_PUSH: "Browser push" };

/**
 * Turns a channel off (once: the worker whose UPDATE flips it does the rest), gives up its queued deliveries and
 * tells the user in the app and on their other channels. Returns whether this call turned it off.
 */
async function disableChannel(pool: pg.Pool, d: Claimed, reason: string, now: Date): Promise<boolean> {
  const { rowCount } = await pool.query(
    `UPDATE "NotificationChannel" SET "disabledAt" = $2, "disabledReason" = $3 WHERE id = $1 AND "disabledAt" IS NULL`,
    [d.channelId, now, reason],
  );
  if (!rowCount) return false;
  await pool.query(
    `UPDATE "NotificationDelivery" SET status = 'GIVEN_UP', "lastError" = 'the channel was turned off'
      WHERE "channelId" = $1 AND status IN ('PENDING', 'FAILED')`,
    [d.channelId],
  );
  await recordNotification(pool, {
    userId: d.userId,
    kind: "channel.disabled",
    dedupeKey: `channel.disabled:${d.channelId}:${now.getTime()}`,
    title: `${KIND_NAME[d.kind]} channel "${d.label}" was turned off`,
    body: `Linesmith stopped sending to it: ${reason}. Add it again in Settings when it works.`,
    url: "/settings#notifications",
  });
  return true;
}

async function eachWithLimit<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(workers);
}

/** Whether any delivery is due (the job's cheap check before it records a run). */
export async function hasDueDeliveries(pool: pg.Pool, now: Date): Promise<boolean> {
  const { rows } = await pool.query(
    `SELECT 1 FROM "NotificationDelivery" WHERE status IN ('PENDING', 'FAILED') AND "nextAttemptAt" <= $1 LIMIT 1`,
    [now],
  );
  return rows.length > 0;
}
