import { z } from "zod";

/**
 * The parts of Stripe's objects Linesmith reads, validated at the boundary (API answers and webhook events).
 * Since API version "basil" (stripe@18+) `current_period_end` lives on each subscription item, not on the
 * subscription: the schema reads it there. Unknown fields pass through untouched.
 */
const Id = (prefix: string) => z.string().regex(new RegExp(`^${prefix}_[A-Za-z0-9_]+$`), `expected a Stripe ${prefix}_ id`);
/** Stripe sends either the id or the expanded object for a reference. */
const Ref = (prefix: string) => z.union([Id(prefix), z.object({ id: Id(prefix) }).transform((o) => o.id)]);
const Unix = z.number().int().nonnegative();

export const StripePrice = z.object({
  id: Id("price"),
  lookup_key: z.string().max(200).nullable().optional(),
  unit_amount: z.number().int().nullable().optional(),
  currency: z.string().max(10).optional(),
  recurring: z.object({ interval: z.string().max(10) }).nullable().optional(),
});
export type StripePrice = z.infer<typeof StripePrice>;

export const StripeSubscription = z.object({
  id: Id("sub"),
  customer: Ref("cus"),
  status: z.string().min(1).max(40),
  created: Unix,
  cancel_at_period_end: z.boolean().default(false),
  trial_end: Unix.nullable().optional(),
  items: z.object({
    data: z
      .array(
        z.object({
          price: StripePrice,
          current_period_end: Unix.nullable().optional(),
        }),
      )
      .max(20),
  }),
});
export type StripeSubscription = z.infer<typeof StripeSubscription>;

export const StripeList = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item), has_more: z.boolean().default(false) });

export const StripeCustomer = z.object({ id: Id("cus"), email: z.string().nullable().optional() });

export const StripeCheckoutSession = z.object({
  id: Id("cs"),
  url: z.string().url().nullable(),
  customer: Ref("cus").nullable(),
  subscription: Ref("sub").nullable().optional(),
});

export const StripePortalSession = z.object({ id: Id("bps"), url: z.string().url() });

export const StripeInvoice = z.object({
  id: Id("in"),
  customer: Ref("cus"),
  number: z.string().max(100).nullable().optional(),
  status: z.string().max(40).nullable(),
  amount_due: z.number().int(),
  amount_paid: z.number().int(),
  currency: z.string().max(10),
  created: Unix,
  attempt_count: z.number().int().nonnegative().default(0),
  // When Stripe retries a failed payment; null when it will not.
  next_payment_attempt: Unix.nullable().optional(),
  hosted_invoice_url: z.string().url().nullable().optional(),
});
export type StripeInvoice = z.infer<typeof StripeInvoice>;

/** An event as far as routing needs: its id, type and the customer its object belongs to. */
export const StripeEventEnvelope = z.object({
  id: Id("evt"),
  type: z.string().min(1).max(100),
  data: z.object({ object: z.record(z.string(), z.unknown()) }),
});
export type StripeEventEnvelope = z.infer<typeof StripeEventEnvelope>;
