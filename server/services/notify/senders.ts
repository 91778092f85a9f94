import { ZodError } from "zod";
import type { SendFailure } from "@/server/domain/notify/retry";
import { renderEmail, renderPush, renderSlack, renderTelegram, type NotificationContent } from "@/server/domain/notify/render";
import { ProviderError } from "@/server/integrations/provider-error";
import type { SlackClient } from "@/server/integrations/slack/client";
import type { Mailer } from "@/server/integrations/smtp/mailer";
import type { TelegramClient } from "@/server/integrations/telegram/client";
import type { WebPushClient } from "@/server/integrations/web-push/client";
import type { ChannelConfig, ChannelKind } from "./channel-config";

/** Sends one notification to one channel with that channel's client; throws what the client threw. */
export interface ChannelSenders {
  /** Null when this kind of channel works on this server, else why not (for the settings page). */
  offReason(kind: ChannelKind): string | null;
  send(config: ChannelConfig, notification: NotificationContent): Promise<void>;
}

export interface SenderClients {
  slack: SlackClient;
  /** Null without TELEGRAM_BOT_TOKEN. */
  telegram: TelegramClient | null;
  mailer: Mailer;
  webPush: WebPushClient;
  /** NEXTAUTH_URL: links in messages point here. */
  appUrl: string;
}

export const TELEGRAM_OFF = "Telegram is off on this server: TELEGRAM_BOT_TOKEN is not set.";

export function createChannelSenders(clients: SenderClients): ChannelSenders {
  return {
    offReason(kind) {
      if (kind === "TELEGRAM") return clients.telegram ? null : TELEGRAM_OFF;
      if (kind === "WEB_PUSH") return clients.webPush.offReason;
      return null;
    },
    async send(config, n) {
      switch (config.kind) {
        case "SLACK":
          return clients.slack.post(config.webhookUrl, renderSlack(n, clients.appUrl));
        case "TELEGRAM": {
          if (!clients.telegram) throw new ProviderError("telegram", "unauthorized", TELEGRAM_OFF);
          await clients.telegram.sendMessage({
            chat_id: config.chatId,
            text: renderTelegram(n, clients.appUrl),
            parse_mode: "HTML",
            link_preview_options: { is_disabled: true },
          });
          return;
        }
        case "EMAIL": {
          await clients.mailer.send({ to: config.email, ...renderEmail(n, clients.appUrl) });
          return;
        }
        case "WEB_PUSH":
          return clients.webPush.send(config.subscription, renderPush(n));
      }
    },
  };
}

/** A client's error as the retry policy sees it. */
export function classifyFailure(error: unknown): SendFailure {
  if (error instanceof ProviderError) {
    switch (error.kind) {
      case "rate-limited":
        return { kind: "retry", retryAfterSeconds: error.retryAfterSeconds };
      case "unavailable":
      case "invalid-response":
      case "quota-exhausted":
        return { kind: "retry", retryAfterSeconds: null };
      case "gone":
        return { kind: "gone" };
      case "bad-request":
        return { kind: "refused" };
      case "unauthorized":
        return { kind: "server-config" };
    }
  }
  // Our own schema refused the message (too long, malformed): sending it again would not help.
  if (error instanceof ZodError) return { kind: "refused" };
  return { kind: "retry", retryAfterSeconds: null };
}

/** An error for the delivery record and the user: no URLs (webhooks, push endpoints) and no bot tokens. */
export function safeErrorText(error: unknown): string {
  const message = error instanceof ZodError ? `message refused: ${error.issues[0]?.message ?? "invalid"}` : error instanceof Error ? error.message : String(error);
  return message
    .replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, "<url>")
    .replace(/bot\d+:[\w-]+/g, "bot<token>")
    .slice(0, 300);
}
