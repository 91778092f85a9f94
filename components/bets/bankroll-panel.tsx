"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { FieldError, FormError, useFormErrors } from "@/components/shell/form-errors";
import { useDisplay } from "@/components/shell/preferences";
import { parseMoneyToCents } from "@/server/domain/money/cents";
import { formatCents, formatPercent } from "@/lib/format";
import { trpc } from "@/lib/trpc";

export function CreateBankrollForm({ onCreated }: { onCreated: (id: number) => void }) {
  const [name, setName] = useState("Main");
  const [deposit, setDeposit] = useState("1000");
  const { currency } = useDisplay();
  const errors = useFormErrors<"name" | "deposit">({ name: "name", initialDepositCents: "deposit" });
  const utils = trpc.useUtils();
  const create = trpc.bankrolls.create.useMutation({
    onSuccess: async ({ id }) => {
      await utils.bankrolls.list.invalidate();
      onCreated(id);
    },
    onError: errors.fromServer,
  });
  return (
    <form
      className="grid grid-cols-1 gap-3 sm:grid-cols-3"
      onSubmit={(e) => {
        e.preventDefault();
        errors.clear();
        let initialDepositCents: number;
        try {
          initialDepositCents = parseMoneyToCents(deposit || "0");
        } catch (err) {
          return errors.fail("deposit", (err as Error).message);
        }
        create.mutate({ name, currency, initialDepositCents });
      }}
    >
      <div className="flex flex-col gap-1"><Label htmlFor="bankroll-name">Bankroll name</Label><Input id="bankroll-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={60} {...errors.describe("name", "bankroll-name")} /><FieldError id="bankroll-name" message={errors.fields.name} /></div>
      <div className="flex flex-col gap-1"><Label htmlFor="bankroll-deposit">Starting deposit ({currency})</Label><Input id="bankroll-deposit" inputMode="decimal" value={deposit} onChange={(e) => setDeposit(e.target.value)} {...errors.describe("deposit", "bankroll-deposit")} /><FieldError id="bankroll-deposit" message={errors.fields.deposit} /></div>
      <Button type="submit" className="self-end" disabled={create.isPending}>Create bankroll</Button>
      {errors.form && <div className="sm:col-span-3"><FormError message={errors.form} /></div>}
    </form>
  );
}

export function MoneyMoveForm({ bankrollId }: { bankrollId: number }) {
  const [amount, setAmount] = useState("");
  const [error, setError] = useState("");
  const utils = trpc.useUtils();
  const move = trpc.bankrolls.move.useMutation({
    onSuccess: async () => {
      setAmount("");
      setError("");
      await Promise.all([utils.bankrolls.invalidate()]);
    },
    // Every message here is about the amount (too large, more than the balance): shown under it.
    onError: (e) => setError((e.data?.fieldErrors as Record<string, string[] | undefined> | undefined)?.amountCents?.[0] ?? e.message),
  });
  const submit = (kind: "DEPOSIT" | "WITHDRAWAL") => {
    try {
      move.mutate({ bankrollId, kind, amountCents: parseMoneyToCents(amount), requestId: crypto.randomUUID() });
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <div className="flex flex-wrap items-end gap-2">
      <div className="flex flex-col gap-1"><Label htmlFor="move-amount">Amount</Label><Input id="move-amount" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} className="w-32" aria-describedby={error ? "move-amount-error" : undefined} /></div>
      <Button variant="outline" onClick={() => submit("DEPOSIT")} disabled={move.isPending || !amount}>Deposit</Button>
      <Button variant="outline" onClick={() => submit("WITHDRAWAL")} disabled={move.isPending || !amount}>Withdraw</Button>
      <div className="w-full"><FieldError id="move-amount" message={error} /></div>
    </div>
  );
}

type Summary = {
  balanceCents: number; peakBalanceCents: number; lowBalanceCents: number; openStakeCents: number; openBets: number; settledBets: number;
  stakedCents: number; profitCents: number; yield: number | null; roi: number | null; winRate: number | null; maxDrawdownCents: number; maxDrawdownShare: number | null;
  lateEntries: number; verified: { settledBets: number; roi: number | null; winRate: number | null; meanClv: number | null; clvBets: number };
};

export function SummaryCards({ summary, currency }: { summary: Summary; currency: string }) {
  const items: [string, string, string?][] = [
    ["Balance", formatCents(summary.balanceCents, { currency }), `peak ${formatCents(summary.peakBalanceCents)}, low ${formatCents(summary.lowBalanceCents)}`],
    ["Profit", formatCents(summary.profitCents, { signed: true }), `${summary.settledBets} settled bets`],
    ["Yield", formatPercent(summary.yield), "profit per unit staked"],
    ["ROI", formatPercent(summary.roi), "profit on capital deposited"],
    ["Win rate", formatPercent(summary.winRate), "half-wins count half; pushes excluded"],
    ["Max drawdown", formatCents(summary.maxDrawdownCents), summary.maxDrawdownShare === null ? undefined : `${formatPercent(summary.maxDrawdownShare)} of capital at the peak`],
    ["Turnover", formatCents(summary.stakedCents), "stakes of settled bets"],
    ["Open", formatCents(summary.openStakeCents), `${summary.openBets} open bets`],
    ["Verified ROI", formatPercent(summary.verified.roi), `${summary.verified.settledBets} settled bets entered before their game started`],
    ["Verified win rate", formatPercent(summary.verified.winRate), `leaves out ${summary.lateEntries} late ${summary.lateEntries === 1 ? "entry" : "entries"}`],
    ["Verified CLV", formatPercent(summary.verified.meanClv, 2), `mean over ${summary.verified.clvBets} bets`],
  ];
  return (
    <div className="grid grid-cols-2 gap-3 md:grid-cols-4" data-testid="bankroll-summary">
      {items.map(([label, value, hint]) => (
        <Card key={label}>
          <CardHeader className="pb-1"><CardTitle className="text-xs font-normal text-muted-foreground">{label}</CardTitle></CardHeader>
          <CardContent><p className="tabular text-lg font-semibold" data-testid={`summary-${label.toLowerCase().replace(/\s+/g, "-")}`}>{value}</p>{hint && <p className="text-xs text-muted-foreground">{hint}</p>}</CardContent>
        </Card>
      ))}
    </div>
  );
}
