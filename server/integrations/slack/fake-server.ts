import { randomBytes } from "node:crypto";
import http from "node:http";
import { slackMessageSchema, type SlackMessage } from "./schema";
import { listenLocal } from "../local-server";

/**
 * A stand-in for Slack's incoming webhooks on 127.0.0.1 (random port). `hook()` makes a webhook URL in the real
 * path shape; posts to it answer as Slack does: 200 "ok", 400 "invalid_payload"/"no_text", 404 "no_service" for
 * unknown or revoked hooks, 429 with Retry-After, 500. Every accepted message is recorded.
 */
export type FakeSlackMode =
  | { kind: "ok" }
  | { kind: "rate-limited"; retryAfterSeconds: number }
  | { kind: "revoked" }
  | { kind: "archived" }
  | { kind: "server-error" };

export interface FakeSlack {
  url: string;
  /** A new webhook URL (a random secret in the last path segment). */
  hook(): string;
  /** How one hook answers from now on (default ok). */
  setMode(hookUrl: string, mode: FakeSlackMode): void;
  /** Accepted messages, oldest first. */
  messages: { hookUrl: string; message: SlackMessage }[];
  /** Every POST, accepted or not. */
  requests: number;
  close(): Promise<void>;
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const modes = new Map<string, FakeSlackMode>();
  const messages: FakeSlack["messages"] = [];
  let requests = 0;
  let base = "";
  const answer = (res: http.ServerResponse, status: number, text: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, { "content-type": "text/html", ...headers });
    res.end(text);
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      requests++;
      const hookUrl = `${base}${req.url ?? ""}`;
      const mode = modes.get(hookUrl);
      if (req.method !== "POST" || !mode) return answer(res, 404, "no_service");
      if (mode.kind === "revoked") return answer(res, 404, "no_service");
      if (mode.kind === "archived") return answer(res, 410, "channel_is_archived");
      if (mode.kind === "server-error") return answer(res, 500, "internal_error");
      if (mode.kind === "rate-limited") return answer(res, 429, "rate_limited", { "retry-after": String(mode.retryAfterSeconds) });
      let json: unknown;
      try {
        json = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        return answer(res, 400, "invalid_payload");
      }
      if (typeof json === "object" && json !== null && !("text" in json) && !("blocks" in json)) return answer(res, 400, "no_text");
      const parsed = slackMessageSchema.safeParse(json);
      if (!parsed.success) return answer(res, 400, "invalid_blocks");
      messages.push({ hookUrl, message: parsed.data });
      return answer(res, 200, "ok");
    });
  });
  const local = await listenLocal(server);
  base = local.url;
  return {
    url: base,
    close: local.close,
    messages,
    get requests() {
      return requests;
    },
    hook() {
      const url = `${base}/services/T0FAKE0001/B0FAKE0001/${randomBytes(12).toString("hex")}`;
      modes.set(url, { kind: "ok" });
      return url;
    },
    setMode(hookUrl, mode) {
      modes.set(hookUrl, mode);
    },
  };
}
