import { z } from "zod";
import { pushSubscriptionSchema } from "@/server/integrations/web-push/schema";
import type { SecretBox } from "@/server/services/crypto/secret-box";

/**
 * What each kind of channel stores (sealed in NotificationChannel.config) and the one-line summary shown in its
 * place. Sealing binds the value to its owner and kind, so a row copied to another user does not open.
 */
export const CHANNEL_KINDS = ["EMAIL", "SLACK", "TELEGRAM", "WEB_PUSH"] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export const channelConfigSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("EMAIL"), email: z.string().email() }),
  z.object({ kind: z.literal("SLACK"), webhookUrl: z.string().url() }),
  z.object({ kind: z.literal("TELEGRAM"), chatId: z.string().min(1).max(40) }),
  z.object({ kind: z.literal("WEB_PUSH"), subscription: pushSubscriptionSchema }),
]);

export type ChannelConfig = z.infer<typeof channelConfigSchema>;

const context = (userId: string, kind: ChannelKind) => `notification-channel:${userId}:${kind}`;

export function sealConfig(box: SecretBox, userId: string, config: ChannelConfig): string {
  return box.seal(JSON.stringify(config), context(userId, config.kind));
}

export function openConfig(box: SecretBox, userId: string, kind: ChannelKind, sealed: string): ChannelConfig {
  const config = channelConfigSchema.parse(JSON.parse(box.open(sealed, context(userId, kind))));
  if (config.kind !== kind) throw new Error("channel config does not match its kind");
  return config;
}

/** The value that makes two channels "the same target" (a subscription is identified by its endpoint). */
export function targetOf(config: ChannelConfig): string {
  switch (config.kind) {
    case "EMAIL":
      return config.email.toLowerCase();
    case "SLACK":
      return config.webhookUrl;
    case "TELEGRAM":
      return config.chatId;
    case "WEB_PUSH":
      return config.subscription.endpoint;
  }
}

/** Recognisable without giving the secret away: the webhook's last 4 characters, the push service's host. */
export function summaryOf(config: ChannelConfig): string {
  switch (config.kind) {
    case "EMAIL":
      return config.email;
    case "SLACK": {
      const url = new URL(config.webhookUrl);
      return `${url.host} …${url.pathname.slice(-4)}`;
    }
    case "TELEGRAM":
      return `chat ${config.chatId}`;
    case "WEB_PUSH":
      return `push service ${new URL(config.subscription.endpoint).host}`;
  }
}
