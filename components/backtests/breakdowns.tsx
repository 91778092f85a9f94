"use client";

import { useState } from "react";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { BacktestReport, Breakdown } from "@/server/domain/backtest/report";
import { cn } from "@/lib/utils";
import { monthLabel, pct, units } from "./format";
import { Tabs } from "./tabs";

type Kind = keyof BacktestReport["breakdowns"];

const KINDS: { key: Kind; label: string; head: string; name: (key: string) => string }[] = [
  { key: "league", label: "League", head: "League", name: (k) => k },
  { key: "market", label: "Market", head: "Market", name: (k) => k },
  { key: "selection", label: "Selection", head: "Selection", name: (k) => k.charAt(0).toUpperCase() + k.slice(1) },
  { key: "tier", label: "Tier", head: "Signal tier", name: (k) => (k === "none" ? "No tier" : `Tier ${k}`) },
  { key: "month", label: "Month", head: "Month (UTC)", name: monthLabel },
  { key: "oddsBand", label: "Odds band", head: "Decimal price", name: (k) => k },
];

export function BreakdownTable({
  rows,
  head,
  name,
}: {
  rows: Breakdown[];
  head: string;
  name: (key: string) => string;
}) {
  if (!rows.length) return <p className="text-sm text-muted-foreground">No bets, so nothing to break down.</p>;
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>{head}</TableHead>
          <TableHead className="text-right">Bets</TableHead>
          <TableHead className="text-right">Staked</TableHead>
          <TableHead className="text-right">Profit</TableHead>
          <TableHead className="text-right" title="Profit ÷ staked">
            ROI
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((r) => (
          <TableRow key={r.key}>
            <TableCell className="sm:whitespace-nowrap">{name(r.key)}</TableCell>
            <TableCell className="text-right tabular-nums">{r.bets.toLocaleString("en-US")}</TableCell>
            <TableCell className="text-right tabular-nums">{units(r.staked)}</TableCell>
            <TableCell
              className={cn(
                "text-right tabular-nums",
                r.profit < 0
                  ? "text-red-700 dark:text-red-400"
                  : r.profit > 0 && "text-emerald-700 dark:text-emerald-400",
              )}
            >
              {units(r.profit, { signed: true })}
            </TableCell>
            <TableCell className="text-right tabular-nums" title={r.roi === null ? "Nothing staked" : undefined}>
              {pct(r.roi, { signed: true })}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** Bets, staked, profit and ROI by league, market, selection, signal tier, month and odds band, one tab each. */
export function BreakdownTabs({ breakdowns }: { breakdowns: BacktestReport["breakdowns"] }) {
  const [kind, setKind] = useState<Kind>("league");
  const current = KINDS.find((k) => k.key === kind)!;
  return (
    <Tabs label="Breakdown by" tabs={KINDS} value={kind} onChange={setKind}>
      <BreakdownTable rows={breakdowns[kind]} head={current.head} name={current.name} />
    </Tabs>
  );
}
