import { ProviderError, parseRetryAfter } from "../provider-error";
import { sendMessageRequestSchema, sendMessageResponseSchema, type SendMessageRequest } from "./schema";

export interface TelegramClientOptions {
  /** TELEGRAM_BASE_URL: https://api.telegram.org, or a fake server's URL. */
  baseUrl: string;
  /** TELEGRAM_BOT_TOKEN. It is part of the URL path, so no URL ever goes into a message. */
  token: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export interface TelegramClient {
  sendMessage(request: SendMessageRequest): Promise<{ messageId: number }>;
}

const PROVIDER = "telegram";

/** Answers that mean this chat will never receive our messages: the user must add the channel again. */
const GONE = /bot was blocked|bot was kicked|user is deactivated|chat not found|chat_write_forbidden|have no rights to send|group chat was upgraded/i;

export function createTelegramClient(options: TelegramClientOptions): TelegramClient {
  const doFetch = options.fetch ?? fetch;
  const endpoint = `${options.baseUrl.replace(/\/+$/, "")}/bot${options.token}/sendMessage`;
  return {
    async sendMessage(request) {
      const body = sendMessageRequestSchema.parse(request);
      let response: Response;
      try {
        response = await doFetch(endpoint, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        });
      } catch (error) {
        throw new ProviderError(PROVIDER, "unavailable", `Bot API not reachable (${(error as Error).name})`);
      }
      const status = response.status;
      let json: unknown;
      try {
        json = await response.json();
      } catch {
        if (status >= 500) throw new ProviderError(PROVIDER, "unavailable", `server error ${status}`, { status });
        throw new ProviderError(PROVIDER, "invalid-response", `answer is not JSON (${status})`, { status });
      }
      const parsed = sendMessageResponseSchema.safeParse(json);
      if (!parsed.success) {
        throw new ProviderError(PROVIDER, "invalid-response", `unexpected answer (${status})`, { status });
      }
      const answer = parsed.data;
      if (answer.ok) return { messageId: answer.result.message_id };
      // Descriptions are Telegram's own words ("Forbidden: bot was blocked by the user"), never the token.
      const detail = `${answer.error_code}: ${answer.description.slice(0, 200)}`;
      const code = answer.error_code;
      if (code === 429) {
        throw new ProviderError(PROVIDER, "rate-limited", `rate limited (${detail})`, {
          status: 429,
          retryAfterSeconds: answer.parameters?.retry_after ?? parseRetryAfter(response.headers.get("retry-after")),
        });
      }
      if (answer.parameters?.migrate_to_chat_id !== undefined || ((code === 400 || code === 403) && GONE.test(answer.description))) {
        throw new ProviderError(PROVIDER, "gone", `the chat no longer receives messages (${detail})`, { status: code });
      }
      // 401 and 404 are the bot token: wrong or revoked. That is the server's configuration, not the chat.
      if (code === 401 || code === 404) throw new ProviderError(PROVIDER, "unauthorized", `bot token refused (${detail})`, { status: code });
      if (code >= 500) throw new ProviderError(PROVIDER, "unavailable", `server error (${detail})`, { status: code });
      throw new ProviderError(PROVIDER, "bad-request", `refused (${detail})`, { status: code });
    },
  };
}
