import { z } from "zod";
import { BILLING_INTERVALS, PAID_PLANS } from "@/server/domain/billing/plans";
import { AppError } from "@/server/errors";
import { createCheckoutSession, createPortalSession, customerOf } from "@/server/services/billing/accounts";
import { limitsFor } from "@/server/services/billing/limits";
import { linkMailFromEnv } from "@/server/services/accounts/deps";
import { billingMode, billingSettings, stripeConfig } from "@/server/services/billing/mode";
import { billingOverview } from "@/server/services/billing/overview";
import { syncCustomer, type BillingDeps } from "@/server/services/billing/sync";
import { protectedProcedure, rateLimited, router, type Context } from "../trpc";

/** Billing's dependencies on this request's pool; BAD_REQUEST saying why when billing is not on. */
function depsFor(ctx: Context): BillingDeps {
  const stripe = stripeConfig();
  if (!stripe) {
    const mode = billingMode();
    throw new AppError("BAD_REQUEST", mode.kind === "on" ? "Billing is not configured." : mode.message);
  }
  return { pool: ctx.pool, stripe: stripe.stripe, settings: billingSettings(), mailer: linkMailFromEnv(ctx.pool).mailer };
}

const Limits = z.record(z.string(), z.number().nullable());
const Invoice = z.object({
  id: z.string(),
  number: z.string().nullable(),
  status: z.string().nullable(),
  amountDueCents: z.number().int(),
  amountPaidCents: z.number().int(),
  currency: z.string(),
  createdAt: z.date(),
  url: z.string().nullable(),
});
const PlanIdSchema = z.enum(["FREE", "PRO", "ELITE"]);
/** Unlimited (BILLING=off) travels as null: JSON has no Infinity. */
const finiteOrNull = (limits: object) =>
  Object.fromEntries(Object.entries(limits).map(([k, v]) => [k, Number.isFinite(v) ? (v as number) : null]));

export const billingRouter = router({
  overview: protectedProcedure
    .output(
      z.object({
        mode: z.enum(["on", "off", "unconfigured"]),
        notice: z.string().nullable(),
        plan: PlanIdSchema,
        planName: z.string(),
        reason: z.string(),
        status: z.string().nullable(),
        renewsAt: z.date().nullable(),
        endsAt: z.date().nullable(),
        limits: Limits,
        usage: z.record(z.string(), z.number()),
        plans: z.array(z.object({ id: PlanIdSchema, name: z.string(), priceCents: z.object({ monthly: z.number(), yearly: z.number() }), limits: Limits })),
        invoices: z.array(Invoice),
        invoicesError: z.string().nullable(),
      }),
    )
    .query(async ({ ctx }) => {
      const stripe = stripeConfig();
      const deps = stripe ? depsFor(ctx) : null;
      const overview = await billingOverview(ctx.pool, deps, ctx.user.id);
      return {
        ...overview,
        limits: finiteOrNull(overview.limits),
        plans: overview.plans.map((p) => ({ ...p, limits: finiteOrNull(p.limits) })),
      };
    }),

  /** A Stripe Checkout page for a paid plan; the browser goes there. */
  checkout: protectedProcedure
    .use(rateLimited("billing.checkout", 20, 60 * 60_000))
    .input(z.object({ plan: z.enum(PAID_PLANS), interval: z.enum(BILLING_INTERVALS).default("monthly") }).strict())
    .output(z.object({ url: z.string().url() }))
    .mutation(({ ctx, input }) => createCheckoutSession(depsFor(ctx), ctx.user.id, input)),

  /** The Stripe Customer Portal: change plan, card, cancel. */
  portal: protectedProcedure
    .use(rateLimited("billing.portal", 30, 60 * 60_000))
    .output(z.object({ url: z.string().url() }))
    .mutation(({ ctx }) => createPortalSession(depsFor(ctx), ctx.user.id)),

  /** Re-reads the user's subscription from Stripe (on return from Checkout, before the webhook may have landed). */
  sync: protectedProcedure
    .use(rateLimited("billing.sync", 30, 60 * 60_000))
    .output(z.object({ plan: PlanIdSchema }))
    .mutation(async ({ ctx }) => {
      const deps = depsFor(ctx);
      const customer = await customerOf(deps, ctx.user.id);
      if (customer) await syncCustomer(deps, customer);
      return { plan: (await limitsFor(ctx.pool, ctx.user.id)).plan };
    }),
});
