import type { Queryable } from "@/server/db/pool";
import { createMailer, type Mailer } from "@/server/integrations/smtp/mailer";

/**
 * The product's mailer (alerts now; password resets and verification later): SMTP_URL when set, else the
 * EmailOutbox table, which administrators read on /notifications/outbox.
 */
export function mailerFor(
  db: Queryable,
  options: { smtpUrl: string | null; from: string; log?: ((line: string) => void) | null },
): Mailer {
  return createMailer({
    smtpUrl: options.smtpUrl,
    from: options.from,
    log: options.log ?? null,
    async writeOutbox(message) {
      const { rows } = await db.query<{ id: number }>(
        `INSERT INTO "EmailOutbox" ("to", subject, text, html) VALUES ($1, $2, $3, $4) RETURNING id`,
        [message.to, message.subject, message.text, message.html ?? null],
      );
      return rows[0]!.id;
    },
  });
}
