import type pg from "pg";
import { env } from "@/server/env";
import { createSlackClient } from "@/server/integrations/slack/client";
import { createTelegramClient } from "@/server/integrations/telegram/client";
import { createWebPushClient } from "@/server/integrations/web-push/client";
import { secretBoxFromEnv, type SecretBox } from "@/server/services/crypto/secret-box";
import type { TargetRules } from "@/server/domain/notify/targets";
import { mailerFor } from "./email";
import { createChannelSenders, type ChannelSenders } from "./senders";
import { log } from "@/server/log";

const logger = log.child({ module: "notify" });

/** What the notify service needs from outside: the channels' clients, the secret box and the URL rules. */
export interface NotifyDeps {
  senders: ChannelSenders;
  /** Null in production without ENCRYPTION_KEY: channels are then off (in-app notifications still work). */
  box: SecretBox | null;
  targetRules: TargetRules;
  /** Deliveries sent at once per worker. */
  concurrency?: number;
}

const cache = new WeakMap<pg.Pool, NotifyDeps>();

/** The clients configured by the environment (one set per pool and process). */
export function notifyDepsFromEnv(pool: pg.Pool): NotifyDeps {
  const cached = cache.get(pool);
  if (cached) return cached;
  const e = env();
  const vapid =
    e.VAPID_PUBLIC_KEY && e.VAPID_PRIVATE_KEY && e.VAPID_SUBJECT
      ? { publicKey: e.VAPID_PUBLIC_KEY, privateKey: e.VAPID_PRIVATE_KEY, subject: e.VAPID_SUBJECT }
      : null;
  const deps: NotifyDeps = {
    senders: createChannelSenders({
      slack: createSlackClient(),
      telegram: e.TELEGRAM_BOT_TOKEN ? createTelegramClient({ baseUrl: e.TELEGRAM_BASE_URL, token: e.TELEGRAM_BOT_TOKEN }) : null,
      mailer: mailerFor(pool, {
        smtpUrl: e.SMTP_URL ?? null,
        from: e.EMAIL_FROM,
        // Development only, and one line: the body may hold a link that signs someone in.
        log: e.NODE_ENV === "development" ? (line) => logger.info(line) : null,
      }),
      webPush: createWebPushClient({ vapid }),
      appUrl: e.NEXTAUTH_URL ?? "http://localhost:3000",
    }),
    box: secretBoxFromEnv(e),
    targetRules: { production: e.NODE_ENV === "production", extraHosts: e.NOTIFY_ALLOWED_HOSTS },
  };
  cache.set(pool, deps);
  return deps;
}
