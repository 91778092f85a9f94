import { randomBytes } from "node:crypto";
import type pg from "pg";
import webpush from "web-push";
import { createSlackClient } from "@/server/integrations/slack/client";
import { startFakeSlack } from "@/server/integrations/slack/fake-server";
import { startFakeSmtp } from "@/server/integrations/smtp/fake-server";
import { createTelegramClient } from "@/server/integrations/telegram/client";
import { startFakeTelegram } from "@/server/integrations/telegram/fake-server";
import { createWebPushClient } from "@/server/integrations/web-push/client";
import { startFakePushService } from "@/server/integrations/web-push/fake-server";
import { secretBox } from "@/server/services/crypto/secret-box";
import { sealConfig, summaryOf, targetOf, type ChannelConfig } from "@/server/services/notify/channel-config";
import type { NotifyDeps } from "@/server/services/notify/deps";
import { mailerFor } from "@/server/services/notify/email";
import { createChannelSenders } from "@/server/services/notify/senders";

/** Every channel's fake server, and notify deps wired to them (SMTP through the in-process server). */
export async function startFakes(pool: pg.Pool, options: { smtp?: boolean } = {}) {
  const [slack, telegram, push, smtp] = await Promise.all([startFakeSlack(), startFakeTelegram(), startFakePushService(), startFakeSmtp()]);
  const box = secretBox(randomBytes(32));
  const deps: NotifyDeps = {
    senders: createChannelSenders({
      slack: createSlackClient(),
      telegram: createTelegramClient({ baseUrl: telegram.url, token: telegram.token }),
      mailer: mailerFor(pool, { smtpUrl: options.smtp === false ? null : smtp.url, from: "Linesmith <alerts@linesmith.test>" }),
      webPush: createWebPushClient({ vapid: { ...webpush.generateVAPIDKeys(), subject: "mailto:alerts@linesmith.test" } }),
      appUrl: "https://linesmith.test",
    }),
    box,
    targetRules: { production: false, extraHosts: [] },
  };
  /** A channel as the settings page leaves it after a successful test message. */
  async function addChannel(userId: string, config: ChannelConfig, opts: { verified?: boolean; label?: string } = {}): Promise<number> {
    const { rows } = await pool.query<{ id: number }>(
      `INSERT INTO "NotificationChannel" ("userId", kind, label, config, "targetHash", summary, "verifiedAt")
       VALUES ($1, $2::"NotificationChannelKind", $3, $4, $5, $6, $7) RETURNING id`,
      [userId, config.kind, opts.label ?? config.kind.toLowerCase(), sealConfig(box, userId, config), box.fingerprint(`${config.kind}:${targetOf(config)}`), summaryOf(config), opts.verified === false ? null : new Date()],
    );
    return rows[0]!.id;
  }
  return {
    slack,
    telegram,
    push,
    smtp,
    deps,
    addChannel,
    close: () => Promise.all([slack.close(), telegram.close(), push.close(), smtp.close()]),
  };
}
