"use client";

import Link from "next/link";
import { useState } from "react";
import { useDisplay } from "@/components/shell/preferences";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatLine, formatMatchup, formatPercent, plural } from "@/lib/format";
import { trpc } from "@/lib/trpc";

const MARKET_WORD: Record<string, string> = { "1x2": "1X2", moneyline: "Moneyline", spread: "Spread", total: "Total" };
const SELECTION_WORD: Record<string, string> = { home: "Home", draw: "Draw", away: "Away", over: "Over", under: "Under" };

/** A saved strategy's rules over upcoming games at the prices known now: the backtests' own evaluator. */
export function StrategyScan() {
  const show = useDisplay();
  const strategies = trpc.strategies.list.useQuery();
  const [choice, setChoice] = useState({ strategyId: "", hours: "48" });
  const [query, setQuery] = useState<{ strategyId: number; hours: 24 | 48 | 168 } | null>(null);
  const scan = trpc.scanners.withStrategy.useQuery(query ?? { strategyId: 1, hours: 48 }, { enabled: query !== null });
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-base">Scan upcoming games with a saved strategy</CardTitle>
        <CardDescription>
          The strategy&apos;s probability source, prices and rules, evaluated as its backtests evaluate them, on the prices known now (flagged prices left out). Stakes and limits are yours to decide.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-3 text-sm">
        <form
          className="grid grid-cols-2 gap-3 sm:grid-cols-4"
          onSubmit={(e) => {
            e.preventDefault();
            if (choice.strategyId) setQuery({ strategyId: Number(choice.strategyId), hours: Number(choice.hours) as 24 | 48 | 168 });
          }}
        >
          <div className="col-span-2 flex flex-col gap-1">
            <Label htmlFor="scan-strategy">Strategy</Label>
            <NativeSelect id="scan-strategy" value={choice.strategyId} onChange={(e) => setChoice({ ...choice, strategyId: e.target.value })} required>
              <option value="">Choose a saved strategy</option>
              {strategies.data?.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
            </NativeSelect>
          </div>
          <div className="flex flex-col gap-1">
            <Label htmlFor="scan-strategy-hours">Games starting in</Label>
            <NativeSelect id="scan-strategy-hours" value={choice.hours} onChange={(e) => setChoice({ ...choice, hours: e.target.value })}>
              <option value="24">Next 24 hours</option>
              <option value="48">Next 48 hours</option>
              <option value="168">Next 7 days</option>
            </NativeSelect>
          </div>
          <Button type="submit" className="self-end" disabled={!choice.strategyId}>Scan with strategy</Button>
        </form>
        {strategies.data?.length === 0 && <p className="text-muted-foreground">No saved strategies yet: <Link className="underline" href="/strategies/new">build one</Link>.</p>}
        {scan.error && <p className="text-destructive">{scan.error.message}</p>}
        {scan.data && (
          <>
            <p className="text-muted-foreground" data-testid="strategy-scan-summary">
              {plural(scan.data.signals.length, "signal")} over {plural(scan.data.games, "upcoming game")}, prices as of {show.dateTime(scan.data.asOf, { seconds: true })}.
            </p>
            {scan.data.signals.length > 0 && (
              <Table>
                <TableHeader><TableRow><TableHead>Game</TableHead><TableHead>Pick</TableHead><TableHead>Book</TableHead><TableHead className="text-right">Price</TableHead><TableHead className="text-right">Probability</TableHead><TableHead className="text-right">Edge</TableHead></TableRow></TableHeader>
                <TableBody>
                  {scan.data.signals.map((s, i) => (
                    <TableRow key={i} data-testid="strategy-signal">
                      <TableCell>
                        <Link className="hover:underline" href={`/games/${s.gameId}`}>{formatMatchup(s)}</Link>
                        <span className="block text-xs text-muted-foreground">{show.dateTime(s.startsAt)}</span>
                      </TableCell>
                      <TableCell>{MARKET_WORD[s.market] ?? s.market} {SELECTION_WORD[s.selection] ?? s.selection} {formatLine(s.line)}</TableCell>
                      <TableCell>{s.bookmaker ?? "-"}</TableCell>
                      <TableCell className="tabular text-right">{show.price(s.price)}</TableCell>
                      <TableCell className="tabular text-right">{formatPercent(s.probability)}</TableCell>
                      <TableCell className="tabular text-right">{formatPercent(s.edge)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </>
        )}
      </CardContent>
    </Card>
  );
}
