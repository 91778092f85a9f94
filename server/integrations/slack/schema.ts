import { z } from "zod";

/**
 * Slack incoming webhooks (https://api.slack.com/messaging/webhooks): POST JSON {text, blocks?} to the
 * webhook URL. Success is 200 with the body "ok"; errors are a status with a plain-text code in the body
 * ("invalid_payload", "no_service", "channel_is_archived", ...); 429 carries Retry-After.
 */
const textObject = z.object({
  type: z.enum(["mrkdwn", "plain_text"]),
  text: z.string().min(1).max(3000),
});

export const slackBlockSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("header"), text: z.object({ type: z.literal("plain_text"), text: z.string().min(1).max(150) }) }),
  z.object({ type: z.literal("section"), text: textObject }),
  z.object({ type: z.literal("context"), elements: z.array(textObject).min(1).max(10) }),
]);

export const slackMessageSchema = z
  .object({
    // Slack truncates beyond 40,000 characters; it is also the notification's fallback text.
    text: z.string().min(1).max(40_000),
    blocks: z.array(slackBlockSchema).max(50).optional(),
  })
  .strict();

export type SlackMessage = z.infer<typeof slackMessageSchema>;

/** The body of a successful post. */
export const SLACK_OK = "ok";

/** Error codes that mean the webhook will never work again: the channel must be re-added. */
export const SLACK_GONE_CODES = new Set([
  "no_service",
  "no_service_id",
  "no_team",
  "team_disabled",
  "invalid_token",
  "channel_not_found",
  "channel_is_archived",
  "action_prohibited",
  "posting_to_general_channel_denied",
  "no_active_hooks",
]);

/** The path of a real webhook: /services/T.../B.../<secret>. */
export const SLACK_WEBHOOK_PATH = /^\/services\/T[A-Z0-9]{4,20}\/B[A-Z0-9]{4,20}\/[A-Za-z0-9]{16,64}$/;
