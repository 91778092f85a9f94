import type pg from "pg";
import { env } from "@/server/env";
import { mailerFor } from "@/server/services/notify/email";
import type { LinkMail } from "./email-tokens";
import { log } from "@/server/log";

const logger = log.child({ module: "accounts" });

const cache = new WeakMap<pg.Pool, LinkMail>();

/** The mailer (SMTP_URL, else the EmailOutbox) and public URL that account emails use, from the environment. */
export function linkMailFromEnv(pool: pg.Pool): LinkMail {
  const cached = cache.get(pool);
  if (cached) return cached;
  const e = env();
  const mail: LinkMail = {
    mailer: mailerFor(pool, {
      smtpUrl: e.SMTP_URL ?? null,
      from: e.EMAIL_FROM,
      // One line, never the body: it holds a link that changes the password.
      log: e.NODE_ENV === "development" ? (line) => logger.info(line) : null,
    }),
    appUrl: e.NEXTAUTH_URL ?? "http://localhost:3000",
  };
  cache.set(pool, mail);
  return mail;
}
