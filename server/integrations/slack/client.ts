import { ProviderError, parseRetryAfter } from "../provider-error";
import { slackMessageSchema, SLACK_GONE_CODES, SLACK_OK, type SlackMessage } from "./schema";

export interface SlackClientOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export interface SlackClient {
  /** Posts one message; throws ProviderError (never with the webhook URL in its message). */
  post(webhookUrl: string, message: SlackMessage): Promise<void>;
}

const PROVIDER = "slack";

export function createSlackClient(options: SlackClientOptions = {}): SlackClient {
  const doFetch = options.fetch ?? fetch;
  return {
    async post(webhookUrl, message) {
      const body = slackMessageSchema.parse(message);
      let response: Response;
      try {
        response = await doFetch(webhookUrl, {
          method: "POST",
          headers: { "content-type": "application/json; charset=utf-8" },
          body: JSON.stringify(body),
          redirect: "error",
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        });
      } catch (error) {
        // fetch's messages can quote the URL: keep only the error's name.
        throw new ProviderError(PROVIDER, "unavailable", `webhook not reachable (${(error as Error).name})`);
      }
      const text = (await response.text().catch(() => "")).trim().slice(0, 100);
      const code = /^[a-z_]+$/.test(text) ? text : "";
      if (response.ok) {
        if (text === SLACK_OK) return;
        throw new ProviderError(PROVIDER, "invalid-response", `unexpected answer to a webhook post (${response.status})`, {
          status: response.status,
        });
      }
      const status = response.status;
      const detail = code ? `: ${code}` : "";
      if (status === 429) {
        throw new ProviderError(PROVIDER, "rate-limited", `rate limited (429)${detail}`, {
          status,
          retryAfterSeconds: parseRetryAfter(response.headers.get("retry-after")),
        });
      }
      if (status === 404 || status === 410 || SLACK_GONE_CODES.has(code)) {
        throw new ProviderError(PROVIDER, "gone", `the webhook no longer works (${status}${detail})`, { status });
      }
      if (status >= 500) throw new ProviderError(PROVIDER, "unavailable", `server error ${status}${detail}`, { status });
      throw new ProviderError(PROVIDER, "bad-request", `refused with ${status}${detail}`, { status });
    },
  };
}
