import http from "node:http";
import { sendMessageRequestSchema, type SendMessageRequest } from "./schema";
import { listenLocal } from "../local-server";

/**
 * A stand-in for the Telegram Bot API on 127.0.0.1 (random port): POST /bot<token>/sendMessage answers in the
 * real shapes. Unknown token: 401 "Unauthorized"; a chat not added with `addChat`: 400 "Bad Request: chat not
 * found"; a blocked chat: 403 "Forbidden: bot was blocked by the user"; rate limited: 429 with
 * parameters.retry_after. Accepted messages are recorded.
 */
export type FakeTelegramChatMode =
  | { kind: "ok" }
  | { kind: "blocked" }
  | { kind: "rate-limited"; retryAfterSeconds: number }
  | { kind: "server-error" };

export interface FakeTelegram {
  url: string;
  token: string;
  addChat(chatId: string, mode?: FakeTelegramChatMode): void;
  setMode(chatId: string, mode: FakeTelegramChatMode): void;
  messages: SendMessageRequest[];
  requests: number;
  close(): Promise<void>;
}

export async function startFakeTelegram(options: { token?: string } = {}): Promise<FakeTelegram> {
  const token = options.token ?? "123456789:AAFakeTokenForTestsOnly_abcdefghijk";
  const chats = new Map<string, FakeTelegramChatMode>();
  const messages: SendMessageRequest[] = [];
  let requests = 0;
  let nextMessageId = 1;
  const send = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  };
  const fail = (res: http.ServerResponse, code: number, description: string, parameters?: object) =>
    send(res, code, { ok: false, error_code: code, description, ...(parameters ? { parameters } : {}) });

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      requests++;
      const match = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? "");
      if (!match) return fail(res, 404, "Not Found");
      if (match[1] !== token) return fail(res, 401, "Unauthorized");
      if (match[2] !== "sendMessage") return fail(res, 404, "Not Found: method not found");
      let json: unknown;
      try {
        json = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        return fail(res, 400, "Bad Request: message text is empty");
      }
      const parsed = sendMessageRequestSchema.safeParse(json);
      if (!parsed.success) return fail(res, 400, "Bad Request: message text is empty");
      const chatId = String(parsed.data.chat_id);
      const mode = chats.get(chatId);
      if (!mode) return fail(res, 400, "Bad Request: chat not found");
      if (mode.kind === "blocked") return fail(res, 403, "Forbidden: bot was blocked by the user");
      if (mode.kind === "server-error") return fail(res, 500, "Internal Server Error");
      if (mode.kind === "rate-limited") {
        res.setHeader("retry-after", String(mode.retryAfterSeconds));
        return fail(res, 429, `Too Many Requests: retry after ${mode.retryAfterSeconds}`, { retry_after: mode.retryAfterSeconds });
      }
      messages.push(parsed.data);
      return send(res, 200, {
        ok: true,
        result: {
          message_id: nextMessageId++,
          date: Math.floor(Date.now() / 1000),
          chat: { id: Number(chatId) || 1, type: "private" },
          text: parsed.data.text,
        },
      });
    });
  });
  const local = await listenLocal(server);
  return {
    ...local,
    token,
    messages,
    get requests() {
      return requests;
    },
    addChat(chatId, mode = { kind: "ok" }) {
      chats.set(chatId, mode);
    },
    setMode(chatId, mode) {
      chats.set(chatId, mode);
    },
  };
}
