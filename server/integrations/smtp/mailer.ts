import nodemailer from "nodemailer";
import { ProviderError } from "../provider-error";
import { emailMessageSchema, sentMessageInfoSchema, type EmailMessage } from "./schema";

export type SentEmail = { via: "smtp"; messageId: string } | { via: "outbox"; outboxId: number };

export interface Mailer {
  /** "smtp" with SMTP_URL, else "outbox": emails are stored for an administrator instead of sent. */
  mode: "smtp" | "outbox";
  send(message: EmailMessage): Promise<SentEmail>;
  close(): void;
}

export interface MailerOptions {
  /** SMTP_URL (smtp:// or smtps://, credentials in the URL); null writes to the outbox instead. */
  smtpUrl: string | null;
  /** EMAIL_FROM: "Linesmith <alerts@example.com>". */
  from: string;
  /** Stores a message in the EmailOutbox table; returns its id. */
  writeOutbox(message: EmailMessage): Promise<number>;
  /** One line per outbox email (development): never the body, which may hold links that sign someone in. */
  log?: ((line: string) => void) | null;
  timeoutMs?: number;
}

const PROVIDER = "smtp";

/** "ann@example.com" -> "a***@example.com": enough to recognise in a log, not to harvest. */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf("@");
  return at <= 0 ? "***" : `${address[0]}***${address.slice(at)}`;
}

export function createMailer(options: MailerOptions): Mailer {
  if (!options.smtpUrl) {
    return {
      mode: "outbox",
      async send(message) {
        const parsed = emailMessageSchema.parse(message);
        const outboxId = await options.writeOutbox(parsed);
        options.log?.(`[email] SMTP_URL not set: "${parsed.subject}" to ${maskAddress(parsed.to)} is in the outbox (#${outboxId})`);
        return { via: "outbox", outboxId };
      },
      close() {},
    };
  }
  const timeout = options.timeoutMs ?? 15_000;
  const transport = nodemailer.createTransport(options.smtpUrl, {
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
  return {
    mode: "smtp",
    async send(message) {
      const parsed = emailMessageSchema.parse(message);
      let info: unknown;
      try {
        info = await transport.sendMail({ from: options.from, ...parsed });
      } catch (error) {
        throw smtpError(error);
      }
      const sent = sentMessageInfoSchema.safeParse(info);
      if (!sent.success) throw new ProviderError(PROVIDER, "invalid-response", "the mail server's answer was not understood");
      if (sent.data.accepted.length === 0) {
        throw new ProviderError(PROVIDER, "gone", "the mail server refused the recipient");
      }
      return { via: "smtp", messageId: sent.data.messageId };
    },
    close: () => transport.close(),
  };
}

/** Nodemailer's errors carry the SMTP reply code: 4xx is temporary, 5xx permanent (550-553: the mailbox). */
function smtpError(error: unknown): ProviderError {
  const e = error as { code?: string; responseCode?: number; response?: string };
  const reply = e.response ? `: ${e.response.replace(/\s+/g, " ").slice(0, 160)}` : "";
  const status = e.responseCode ?? null;
  if (e.code === "EAUTH") return new ProviderError(PROVIDER, "unauthorized", `the mail server refused our login${reply}`, { status });
  if (status !== null && status >= 550 && status <= 553) {
    return new ProviderError(PROVIDER, "gone", `the mail server refused the recipient (${status})${reply}`, { status });
  }
  if (status !== null && status >= 500) return new ProviderError(PROVIDER, "bad-request", `the mail server refused the message (${status})${reply}`, { status });
  if (status !== null && status >= 400) return new ProviderError(PROVIDER, "unavailable", `the mail server deferred the message (${status})${reply}`, { status });
  return new ProviderError(PROVIDER, "unavailable", `mail server not reachable (${e.code ?? "error"})`);
}
