import { z } from "zod";

/**
 * An email as we send it (nodemailer's message fields we use) and what an SMTP server answers (nodemailer's
 * SentMessageInfo): the accepted and rejected recipients and the server's reply line.
 */
export const emailMessageSchema = z.object({
  to: z.string().email("to must be an email address").max(254),
  // A header line: no line breaks (they would inject headers), within RFC 5322's 998 characters.
  subject: z
    .string()
    .min(1)
    .max(300)
    .refine((s) => !/[\r\n]/.test(s), "subject must be one line"),
  text: z.string().min(1).max(100_000),
  html: z.string().max(200_000).optional(),
});

export type EmailMessage = z.infer<typeof emailMessageSchema>;

export const sentMessageInfoSchema = z.object({
  messageId: z.string(),
  accepted: z.array(z.union([z.string(), z.object({ address: z.string() })])),
  rejected: z.array(z.union([z.string(), z.object({ address: z.string() })])),
  response: z.string().optional(),
});
