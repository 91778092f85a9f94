import { type DunningStep } from "@/server/domain/billing/entitlement";
import { PLANS, type PlanId } from "@/server/domain/billing/plans";
import { log } from "@/server/log";

const logger = log.child({ module: "billing" });

/**
 * How billing sends email. feat/notify is building server/integrations/smtp; until it is merged, the default
 * writes a line to the server log (the user id and subject only: no address, no amounts). At merge, implement
 * this interface with the SMTP sender and pass it where `logMailer` is used (server/services/billing/runtime.ts).
 */
export interface BillingMailer {
  send(message: { userId: string; to: string; subject: string; text: string }): Promise<void>;
}

export const logMailer: BillingMailer = {
  async send(message) {
    logger.info(`[billing] email for user ${message.userId}: ${message.subject}`);
  },
};

/** The dunning email for one step, by the invoice's attempt count (see dunningStep). */
export function dunningEmail(step: DunningStep, plan: PlanId, graceEnds: Date | null): { subject: string; text: string } {
  const name = PLANS[plan].name;
  const until = graceEnds ? ` until ${graceEnds.toISOString().slice(0, 10)} (UTC)` : "";
  switch (step) {
    case "declined":
      return {
        subject: `Your Linesmith ${name} payment was declined`,
        text: `We could not charge your card for Linesmith ${name}. Your plan stays active${until}; update your card under Settings > Billing > Manage billing.`,
      };
    case "reminder":
      return {
        subject: `Reminder: update your card to keep Linesmith ${name}`,
        text: `The second attempt to charge your card failed. Your plan stays active${until}; update your card under Settings > Billing > Manage billing.`,
      };
    case "final":
      return {
        subject: `Last notice: Linesmith ${name} will end`,
        text: `Your card was declined again. Unless the payment goes through${until}, your account moves to the Free plan (your data is kept; the Free plan's limits apply).`,
      };
  }
}
