import type { Queryable } from "@/server/db/pool";
import { PAID_PLANS, PLANS, type DailyLimit, type PlanId, type PlanLimits } from "@/server/domain/billing/plans";
import { listInvoices, type InvoiceRow } from "./accounts";
import { dailyUsage, keptUsage, limitsFor } from "./limits";
import { billingMode } from "./mode";
import type { BillingDeps } from "./sync";
import { log } from "@/server/log";

const logger = log.child({ module: "billing" });

export interface BillingOverview {
  mode: "on" | "off" | "unconfigured";
  /** Why billing is off, in words; null when on. */
  notice: string | null;
  plan: PlanId;
  planName: string;
  reason: string;
  status: string | null;
  /** Renewal (or trial end) when the plan renews; null otherwise. */
  renewsAt: Date | null;
  /** When the plan ends (cancelled at period end, or a grace period); null when it does not. */
  endsAt: Date | null;
  limits: PlanLimits;
  usage: { strategies: number } & Record<DailyLimit, number>;
  plans: { id: PlanId; name: string; priceCents: { monthly: number; yearly: number }; limits: PlanLimits }[];
  invoices: InvoiceRow[];
  invoicesError: string | null;
}

/** Everything the billing page shows: plan, renewal, limits against usage, invoices, and plans to upgrade to. */
export async function billingOverview(db: Queryable, deps: BillingDeps | null, userId: string): Promise<BillingOverview> {
  const mode = billingMode();
  const current = await limitsFor(db, userId);
  const { rows } = await db.query<{ status: string | null; currentPeriodEnd: Date | null; cancelAtPeriodEnd: boolean }>(
    `SELECT status, "currentPeriodEnd", "cancelAtPeriodEnd" FROM "BillingAccount" WHERE "userId" = $1`,
    [userId],
  );
  const account = mode.kind === "on" ? rows[0] : undefined;
  let invoices: InvoiceRow[] = [];
  let invoicesError: string | null = null;
  if (deps) {
    try {
      invoices = await listInvoices(deps, userId);
    } catch (error) {
      // The page still shows the plan and limits when Stripe cannot be reached.
      logger.error({ err: error }, "[billing] listing invoices failed:");
      invoicesError = "Invoices cannot be loaded right now.";
    }
  }
  const renews = current.plan !== "FREE" && !current.entitlement.endsAt && account?.currentPeriodEnd && !account.cancelAtPeriodEnd;
  return {
    mode: mode.kind,
    notice: mode.kind === "on" ? null : mode.message,
    plan: current.plan,
    planName: PLANS[current.plan].name,
    reason: current.entitlement.reason,
    status: account?.status ?? null,
    renewsAt: renews ? account!.currentPeriodEnd : null,
    endsAt: current.entitlement.endsAt,
    limits: current.limits,
    usage: { ...(await keptUsage(db, userId)), ...(await dailyUsage(db, userId)) },
    plans: (["FREE", ...PAID_PLANS] as const).map((id) => ({ id, name: PLANS[id].name, priceCents: PLANS[id].priceCents, limits: PLANS[id].limits })),
    invoices,
    invoicesError,
  };
}
