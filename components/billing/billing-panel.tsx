"use client";

import { useSearchParams } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useDisplay } from "@/components/shell/preferences";
import { ErrorState, LoadingRows } from "@/components/shell/states";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatDate } from "@/lib/format";
import { trpc } from "@/lib/trpc";
import { LIMIT_LABELS, planRank, type BillingInterval, type LimitName, type PaidPlanId, type PlanId } from "@/server/domain/billing/plans";

const money = (cents: number, currency = "USD") =>
  new Intl.NumberFormat("en-US", { style: "currency", currency, minimumFractionDigits: cents % 100 ? 2 : 0 }).format(cents / 100);

/** The limits the page lists, in this order; usage is shown where the server counts it. */
const SHOWN: LimitName[] = [
  "strategies",
  "backtestsPerDay",
  "modelEvaluationsPerDay",
  "sweepVariants",
  "activeBots",
  "userModels",
  "alertRules",
  "apiRequestsPerMinute",
  "scannerDelayMinutes",
];

function limitText(limit: LimitName, value: number | null | undefined): string {
  if (value === null || value === undefined) return "Unlimited";
  if (limit === "scannerDelayMinutes") return value === 0 ? "Real time" : `${value} min delay`;
  return value.toLocaleString("en-US");
}

/**
 * The billing page: the plan and its renewal or end, usage against the plan's limits, the plans to upgrade to
 * (Stripe Checkout), Manage billing (Customer Portal) and invoices; or why billing is off.
 */
export function BillingPanel() {
  const { timeZone } = useDisplay();
  const utils = trpc.useUtils();
  const params = useSearchParams();
  const overview = trpc.billing.overview.useQuery();
  const [interval, setBillingInterval] = useState<BillingInterval>("monthly");
  const [error, setError] = useState("");
  const go = { onSuccess: ({ url }: { url: string }) => window.location.assign(url), onError: (e: { message: string }) => setError(e.message) };
  const checkout = trpc.billing.checkout.useMutation(go);
  const portal = trpc.billing.portal.useMutation(go);
  const sync = trpc.billing.sync.useMutation({ onSettled: () => void utils.billing.overview.invalidate() });
  const returned = params.get("checkout");
  const synced = useRef(false);
  // Back from Checkout: read the subscription now rather than wait for the webhook.
  useEffect(() => {
    if (returned === "success" && overview.data?.mode === "on" && !synced.current) {
      synced.current = true;
      sync.mutate();
    }
  }, [returned, overview.data?.mode, sync]);

  if (overview.isLoading) return <LoadingRows rows={4} />;
  if (overview.error) return <ErrorState message={overview.error.message} />;
  const o = overview.data!;
  const usage = o.usage as Partial<Record<LimitName, number>>;
  const busy = checkout.isPending || portal.isPending;

  return (
    <div className="flex flex-col gap-4">
      {o.notice && (
        <p role="status" className="rounded-md border bg-muted/50 p-4 text-sm">
          {o.notice}
        </p>
      )}
      {returned === "success" && o.mode === "on" && <p role="status" className="text-sm text-muted-foreground">Thanks: your plan updates as soon as Stripe confirms the payment.</p>}
      {error && <ErrorState message={error} />}

      <Card>
        <CardHeader>
          <CardTitle className="flex flex-wrap items-center gap-2">
            <span data-testid="current-plan">{o.planName}</span>
            {o.status && <Badge variant="secondary">{o.status.replace(/_/g, " ")}</Badge>}
          </CardTitle>
          <CardDescription>{o.reason}</CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-3 text-sm">
          {o.renewsAt && <p>Renews on {formatDate(o.renewsAt, timeZone)}.</p>}
          {o.endsAt && <p data-testid="plan-ends">Ends on {formatDate(o.endsAt, timeZone)}; then the Free plan applies.</p>}
          {o.mode === "on" && (
            <div>
              <Button variant="outline" disabled={busy} onClick={() => portal.mutate()}>
                Manage billing
              </Button>
            </div>
          )}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Usage and limits</CardTitle>
          <CardDescription>Daily counts reset at midnight UTC.</CardDescription>
        </CardHeader>
        <CardContent className="overflow-x-auto">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Limit</TableHead>
                <TableHead className="text-right">Used</TableHead>
                <TableHead className="text-right">Your plan</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {SHOWN.map((limit) => (
                <TableRow key={limit}>
                  <TableCell className="capitalize">{LIMIT_LABELS[limit].many}</TableCell>
                  <TableCell className="text-right tabular-nums" data-testid={`usage-${limit}`}>
                    {usage[limit] ?? "–"}
                  </TableCell>
                  <TableCell className="text-right tabular-nums" data-testid={`limit-${limit}`}>
                    {limitText(limit, o.limits[limit])}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </CardContent>
      </Card>

      {o.mode !== "off" && (
        <Card>
          <CardHeader>
            <CardTitle>Plans</CardTitle>
            <div className="flex gap-2" role="group" aria-label="Billing interval">
              {(["monthly", "yearly"] as const).map((i) => (
                <Button key={i} size="sm" variant={interval === i ? "default" : "outline"} aria-pressed={interval === i} onClick={() => setBillingInterval(i)}>
                  {i === "monthly" ? "Monthly" : "Yearly"}
                </Button>
              ))}
            </div>
          </CardHeader>
          <CardContent className="grid gap-3 sm:grid-cols-3">
            {o.plans.map((p) => (
              <div key={p.id} className="flex flex-col gap-2 rounded-lg border p-4">
                <p className="font-medium">{p.name}</p>
                <p className="text-xl font-semibold">
                  {p.priceCents[interval] === 0 ? "Free" : `${money(p.priceCents[interval])} / ${interval === "monthly" ? "month" : "year"}`}
                </p>
                <ul className="text-xs text-muted-foreground">
                  <li>{limitText("strategies", p.limits.strategies)} strategies</li>
                  <li>{limitText("backtestsPerDay", p.limits.backtestsPerDay)} backtests a day</li>
                  <li>{limitText("activeBots", p.limits.activeBots)} active bots</li>
                  <li>{p.limits.scannerDelayMinutes === 0 ? "Real-time scanners" : `Scanners delayed ${p.limits.scannerDelayMinutes} min`}</li>
                </ul>
                {p.id !== "FREE" && planRank(p.id as PlanId) > planRank(o.plan) && (
                  <Button
                    className="mt-auto"
                    disabled={busy || o.mode !== "on"}
                    onClick={() => {
                      setError("");
                      checkout.mutate({ plan: p.id as PaidPlanId, interval });
                    }}
                  >
                    Upgrade to {p.name}
                  </Button>
                )}
                {p.id === o.plan && <Badge className="mt-auto w-fit">Your plan</Badge>}
              </div>
            ))}
          </CardContent>
        </Card>
      )}

      {o.mode === "on" && (
        <Card>
          <CardHeader>
            <CardTitle>Invoices</CardTitle>
          </CardHeader>
          <CardContent className="overflow-x-auto">
            {o.invoicesError ? (
              <ErrorState message={o.invoicesError} />
            ) : o.invoices.length === 0 ? (
              <p className="text-sm text-muted-foreground">No invoices yet.</p>
            ) : (
              <Table>
                <TableHeader>
                  <TableRow>
                    <TableHead>Date</TableHead>
                    <TableHead>Number</TableHead>
                    <TableHead>Status</TableHead>
                    <TableHead className="text-right">Amount</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {o.invoices.map((i) => (
                    <TableRow key={i.id}>
                      <TableCell>{formatDate(i.createdAt, timeZone)}</TableCell>
                      <TableCell>
                        {i.url ? (
                          <a className="underline" href={i.url} target="_blank" rel="noreferrer">
                            {i.number ?? i.id}
                          </a>
                        ) : (
                          (i.number ?? i.id)
                        )}
                      </TableCell>
                      <TableCell>{i.status ?? "–"}</TableCell>
                      <TableCell className="text-right tabular-nums">{money(i.amountDueCents, i.currency)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </CardContent>
        </Card>
      )}
    </div>
  );
}
