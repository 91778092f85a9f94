import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

/**
 * An in-process SMTP server on 127.0.0.1 (random port) for tests: it accepts mail like a real server and keeps
 * each raw message with the envelope, plus a small MIME reading (headers, text and HTML parts, quoted-printable
 * and base64 decoded). Recipients in `refuse` are answered 550, as a server without that mailbox would.
 */
export interface ReceivedEmail {
  from: string;
  to: string[];
  raw: string;
  subject: string;
  text: string;
  html: string | null;
  headers: Map<string, string>;
}

export interface FakeSmtp {
  url: string;
  received: ReceivedEmail[];
  refuse: Set<string>;
  close(): Promise<void>;
}

export async function startFakeSmtp(): Promise<FakeSmtp> {
  const received: ReceivedEmail[] = [];
  const refuse = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (refuse.has(address.address)) {
        const error = new Error("5.1.1 mailbox unavailable") as Error & { responseCode: number };
        error.responseCode = 550;
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const envelope = session.envelope;
        received.push({
          ...readMime(raw),
          raw,
          from: envelope.mailFrom ? envelope.mailFrom.address : "",
          to: envelope.rcptTo.map((r) => r.address),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuse,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function splitHeaders(part: string): { headers: Map<string, string>; body: string } {
  const at = part.indexOf("\r\n\r\n");
  const head = at < 0 ? part : part.slice(0, at);
  const body = at < 0 ? "" : part.slice(at + 4);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r\n[ \t]+/g, " ").split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function decodeBody(body: string, encoding: string | undefined): string {
  const e = (encoding ?? "7bit").toLowerCase();
  if (e === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (e === "quoted-printable") {
    const bytes = body.replace(/=\r\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, "latin1").toString("utf8");
  }
  return body;
}

/** RFC 2047 encoded words ("=?UTF-8?Q?...?=") in a header. */
function decodeWords(value: string): string {
  return value.replace(/=\?([^?]+)\?([BQ])\?([^?]*)\?=\s*/gi, (_, _charset: string, kind: string, text: string) =>
    kind.toUpperCase() === "B"
      ? Buffer.from(text, "base64").toString("utf8")
      : Buffer.from(text.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, (__, h: string) => String.fromCharCode(parseInt(h, 16))), "latin1").toString("utf8"),
  );
}

function readMime(raw: string): Pick<ReceivedEmail, "subject" | "text" | "html" | "headers"> {
  const { headers, body } = splitHeaders(raw);
  const subject = decodeWords(headers.get("subject") ?? "");
  const type = headers.get("content-type") ?? "text/plain";
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (!boundary) return { headers, subject, text: decodeBody(body, headers.get("content-transfer-encoding")), html: null };
  let text = "";
  let html: string | null = null;
  for (const part of body.split(`--${boundary}`).slice(1)) {
    if (part.startsWith("--")) break;
    const p = splitHeaders(part.replace(/^\r\n/, ""));
    const decoded = decodeBody(p.body.replace(/\r\n$/, ""), p.headers.get("content-transfer-encoding"));
    const partType = p.headers.get("content-type") ?? "text/plain";
    if (partType.startsWith("text/html")) html = decoded;
    else if (partType.startsWith("text/plain")) text = decoded;
  }
  return { headers, subject, text, html };
}
