"use client";

import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatCents, formatPercent, MARKET_LABEL } from "@/lib/format";
import { trpc } from "@/lib/trpc";
import { ClvHistogram } from "./charts";

function Rows({ title, rows, label = (k) => k }: { title: string; rows: { key: string; bets: number; stakedCents: number; profitCents: number; yield: number }[]; label?: (k: string) => string }) {
  return (
    <Card>
      <CardHeader><CardTitle className="text-base">{title}</CardTitle></CardHeader>
      <CardContent>
        {rows.length === 0 ? <p className="text-sm text-muted-foreground">No settled bets yet.</p> : (
          <Table>
            <TableHeader><TableRow><TableHead /><TableHead className="text-right">Bets</TableHead><TableHead className="text-right">Staked</TableHead><TableHead className="text-right">Profit</TableHead><TableHead className="text-right">Yield</TableHead></TableRow></TableHeader>
            <TableBody>
              {rows.map((r) => (
                <TableRow key={r.key}>
                  <TableCell>{label(r.key)}</TableCell>
                  <TableCell className="tabular text-right">{r.bets}</TableCell>
                  <TableCell className="tabular text-right">{formatCents(r.stakedCents)}</TableCell>
                  <TableCell className="tabular text-right">{formatCents(r.profitCents, { signed: true })}</TableCell>
                  <TableCell className="tabular text-right">{formatPercent(r.yield)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}

export function Breakdown({ bankrollId }: { bankrollId: number }) {
  const data = trpc.bets.breakdown.useQuery({ bankrollId });
  if (!data.data) return null;
  const { clv, verifiedClv } = data.data;
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card className="lg:col-span-2">
        <CardHeader><CardTitle className="text-base">Closing line value</CardTitle></CardHeader>
        <CardContent>
          {clv.bets === 0 ? <p className="text-sm text-muted-foreground">CLV appears for settled bets whose game has closing prices.</p> : (
            <>
              <p className="mb-2 text-sm" data-testid="clv-summary">{clv.bets} bets with CLV · mean {formatPercent(clv.mean, 2)} · beat the close {formatPercent(clv.beatClose)}</p>
              <p className="mb-2 text-sm" data-testid="clv-verified">Verified (entered before the start): {verifiedClv.bets} bets · mean {formatPercent(verifiedClv.mean, 2)} · beat the close {formatPercent(verifiedClv.beatClose)}</p>
              <ClvHistogram buckets={clv.histogram} />
            </>
          )}
        </CardContent>
      </Card>
      <Rows title="Profit by league" rows={data.data.byLeague} />
      <Rows title="Profit by market" rows={data.data.byMarket} label={(k) => MARKET_LABEL[k] ?? k} />
      <Rows title="Profit by month" rows={data.data.byMonth} />
    </div>
  );
}
