import { type DunningStep } from "@/server/domain/billing/entitlement";
import { PLANS, type PlanId } from "@/server/domain/billing/plans";
import { formatInZone } from "@/server/domain/time/zoned";
import type { Mailer } from "@/server/integrations/smtp/mailer";

/** How billing sends email: the product's mailer (SMTP_URL, else the admin's outbox; see linkMailFromEnv). */
export type BillingMailer = Pick<Mailer, "send">;

export interface DunningContext {
  plan: PlanId;
  /** When Stripe tries the card again; null when it will not. */
  nextAttemptAt: Date | null;
  /** When the plan moves to Free unless the payment goes through; null when that is not scheduled. */
  graceEndsAt: Date | null;
  /** The user's IANA zone (UTC until the browser's zone is known). */
  timeZone: string;
}

const FIX = "Update your card under Settings > Billing > Manage billing.";

/** The dunning email for one step (see dunningStep), with dates in the user's zone. */
export function dunningEmail(step: DunningStep, c: DunningContext): { subject: string; text: string } {
  const name = PLANS[c.plan].name;
  const when = (d: Date) => formatInZone(d, c.timeZone);
  const retry = c.nextAttemptAt ? ` We will try your card again on ${when(c.nextAttemptAt)}.` : "";
  const keep = c.graceEndsAt ? ` Your plan stays active until ${when(c.graceEndsAt)}.` : "";
  switch (step) {
    case "declined":
      return {
        subject: `Your Linesmith ${name} payment failed`,
        text: `We could not charge your card for Linesmith ${name}.${retry}${keep} ${FIX}`,
      };
    case "reminder":
      return {
        subject: `Reminder: update your card to keep Linesmith ${name}`,
        text: `Another attempt to charge your card for Linesmith ${name} failed.${retry}${keep} ${FIX}`,
      };
    case "final":
      return {
        subject: `Linesmith ${name} ends on ${c.graceEndsAt ? when(c.graceEndsAt) : "its grace period's end"}`,
        text:
          `Your card was declined again. Unless the payment goes through, your plan downgrades to Free on ` +
          `${c.graceEndsAt ? when(c.graceEndsAt) : "the end of the grace period"} (your data is kept; the Free plan's limits apply). ${FIX}`,
      };
  }
}
