"use client";

import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { EmptyState, ErrorState, LoadingRows } from "@/components/shell/states";
import { formatPercent } from "@/lib/format";
import { trpc } from "@/lib/trpc";

const VERDICT = {
  use: { label: "Use", variant: "default" },
  invert: { label: "Invert", variant: "warning" },
  avoid: { label: "Avoid", variant: "secondary" },
} as const;

const signedUnits = (units: number) => `${units > 0 ? "+" : ""}${units.toFixed(2)} u`;

/** Each model's pick against the opposite side(s), per sport, market and window, with the verdict and its basis. */
export function InverseTable() {
  const inverse = trpc.analyst.inverse.useQuery();
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-base">Inverse view of your models and bots</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        {inverse.data && (
          <p className="text-sm text-muted-foreground">
            Each finished game a model predicted before kick-off is bet twice at the closing reference price, one unit each: on the model&apos;s
            most likely outcome (pick), and split over the other outcome(s) (inverse). <strong>Use</strong> when the pick&apos;s ROI is positive and
            its lower bound (ROI minus {inverse.data.rule.z} standard errors) is above the inverse&apos;s ROI; <strong>invert</strong> in the mirror
            case; otherwise, or with fewer than {inverse.data.rule.minBets} games, <strong>avoid</strong>. Past records do not promise future ones.
          </p>
        )}
        {inverse.isLoading && <LoadingRows rows={3} />}
        {inverse.error && <ErrorState message={inverse.error.message} />}
        {inverse.data?.rows.length === 0 && (
          <EmptyState title="No graded predictions in the last 90 days">
            Verdicts appear once your models have predicted games (or your bots picked them) that then finished with closing prices.
          </EmptyState>
        )}
        {inverse.data && inverse.data.rows.length > 0 && (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Model or bot</TableHead>
                <TableHead>Sport · market</TableHead>
                <TableHead>Days</TableHead>
                <TableHead>Games</TableHead>
                <TableHead>Pick ROI</TableHead>
                <TableHead>Inverse ROI</TableHead>
                <TableHead>Verdict</TableHead>
                <TableHead>Based on</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {inverse.data.rows.map((r) => (
                <TableRow key={`${r.model}|${r.sport}|${r.market}|${r.windowDays}`}>
                  <TableCell className="font-medium">{r.model}</TableCell>
                  <TableCell>{r.sport} · {r.market === "ONE_X_TWO" ? "1X2" : "Moneyline"}</TableCell>
                  <TableCell>{r.windowDays}</TableCell>
                  <TableCell>{r.pick.bets}</TableCell>
                  <TableCell title={signedUnits(r.pick.profit)}>{formatPercent(r.pick.roi)}</TableCell>
                  <TableCell title={signedUnits(r.inverse.profit)}>{formatPercent(r.inverse.roi)}</TableCell>
                  <TableCell>
                    <Badge variant={VERDICT[r.verdict].variant}>{VERDICT[r.verdict].label}</Badge>
                  </TableCell>
                  <TableCell className="min-w-64 text-xs text-muted-foreground">{r.basis}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
