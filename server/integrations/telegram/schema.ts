import { z } from "zod";

/**
 * Telegram Bot API (https://core.telegram.org/bots/api#sendmessage): POST {base}/bot<token>/sendMessage with
 * JSON {chat_id, text, parse_mode}. Every answer is {ok: true, result} or {ok: false, error_code, description,
 * parameters?: {retry_after?, migrate_to_chat_id?}}, whatever the HTTP status.
 */

/** A numeric chat id (negative for groups) or a public channel's @username. */
export const telegramChatIdSchema = z
  .string()
  .trim()
  .regex(/^(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{4,31})$/, "a Telegram chat id is a number such as 123456789 or a channel's @name");

export const sendMessageRequestSchema = z
  .object({
    chat_id: z.union([z.number().int(), telegramChatIdSchema]),
    // Telegram's limit after entity parsing is 4096 characters.
    text: z.string().min(1).max(4096),
    parse_mode: z.enum(["HTML", "MarkdownV2"]).optional(),
    link_preview_options: z.object({ is_disabled: z.boolean() }).optional(),
  })
  .strict();

export type SendMessageRequest = z.infer<typeof sendMessageRequestSchema>;

export const sendMessageResponseSchema = z.discriminatedUnion("ok", [
  z.object({
    ok: z.literal(true),
    result: z.object({
      message_id: z.number().int(),
      date: z.number().int(),
      chat: z.object({ id: z.number().int(), type: z.string() }),
      text: z.string().optional(),
    }),
  }),
  z.object({
    ok: z.literal(false),
    error_code: z.number().int(),
    description: z.string(),
    parameters: z
      .object({ retry_after: z.number().int().optional(), migrate_to_chat_id: z.number().int().optional() })
      .optional(),
  }),
]);

export type SendMessageResponse = z.infer<typeof sendMessageResponseSchema>;

/** Text for parse_mode HTML: only &, < and > must be escaped. */
export function escapeTelegramHtml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}
