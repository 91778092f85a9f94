"use client";

import type { Market } from "@/server/domain/vocabulary";
import Link from "next/link";
import { Suspense, useState } from "react";
import { useRouter, useSearchParams } from "next/navigation";
import { BankrollChart } from "@/components/bets/charts";
import { CreateBankrollForm, MoneyMoveForm, SummaryCards } from "@/components/bets/bankroll-panel";
import { BetTable } from "@/components/bets/bet-table";
import { Breakdown } from "@/components/bets/breakdown";
import { CsvTransfer } from "@/components/bets/csv-transfer";
import { EmptyState, ErrorState, LoadingRows } from "@/components/shell/states";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { MARKET_LABEL } from "@/lib/format";
import { trpc } from "@/lib/trpc";

type Status = "OPEN" | "SETTLED" | "VOID";

function BetsDashboard() {
  const router = useRouter();
  const params = useSearchParams();
  const bankrolls = trpc.bankrolls.list.useQuery();
  const [status, setStatus] = useState("");
  const [market, setMarket] = useState("");
  const selected = Number(params.get("bankroll")) || bankrolls.data?.[0]?.id;
  const bankroll = trpc.bankrolls.get.useQuery({ id: selected! }, { enabled: Boolean(selected) });
  const bets = trpc.bets.list.useInfiniteQuery(
    { bankrollId: selected, status: (status || undefined) as Status | undefined, market: (market || undefined) as Market | undefined, limit: 25 },
    { enabled: Boolean(selected), getNextPageParam: (last) => last.nextCursor },
  );
  if (bankrolls.isLoading) return <LoadingRows />;
  if (bankrolls.error) return <ErrorState message={bankrolls.error.message} />;
  if (!bankrolls.data?.length) {
    return (
      <div className="flex flex-col gap-4">
        <h1 className="text-2xl font-semibold tracking-tight">Bets</h1>
        <Card>
          <CardHeader><CardTitle className="text-base">Create your first bankroll</CardTitle></CardHeader>
          <CardContent><CreateBankrollForm onCreated={(id) => router.replace(`/bets?bankroll=${id}`)} /></CardContent>
        </Card>
      </div>
    );
  }
  const items = bets.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">Bets</h1>
        <div className="flex items-end gap-2">
          <div className="flex flex-col gap-1">
            <Label htmlFor="bankroll-select">Bankroll</Label>
            <NativeSelect id="bankroll-select" value={selected} onChange={(e) => router.replace(`/bets?bankroll=${e.target.value}`)}>
              {bankrolls.data.map((b) => <option key={b.id} value={b.id}>{b.name} ({b.currency})</option>)}
            </NativeSelect>
          </div>
          <Button asChild><Link href={`/bets/new?bankroll=${selected}`}>Enter a bet</Link></Button>
        </div>
      </div>
      {bankroll.data && (
        <>
          <SummaryCards summary={bankroll.data.summary} currency={bankroll.data.currency} />
          <Card>
            <CardHeader><CardTitle className="text-base">Bankroll</CardTitle></CardHeader>
            <CardContent className="flex flex-col gap-4">
              <BankrollChart curve={bankroll.data.summary.curve} />
              <MoneyMoveForm bankrollId={bankroll.data.id} />
              <CsvTransfer bankrollId={bankroll.data.id} />
            </CardContent>
          </Card>
        </>
      )}
      <Card>
        <CardHeader><CardTitle className="text-base">Bets</CardTitle></CardHeader>
        <CardContent className="flex flex-col gap-3">
          <div className="flex flex-wrap gap-3">
            <div className="flex flex-col gap-1">
              <Label htmlFor="filter-status">Status</Label>
              <NativeSelect id="filter-status" value={status} onChange={(e) => setStatus(e.target.value)}>
                <option value="">All</option><option value="OPEN">Open</option><option value="SETTLED">Settled</option><option value="VOID">Void</option>
              </NativeSelect>
            </div>
            <div className="flex flex-col gap-1">
              <Label htmlFor="filter-market">Market</Label>
              <NativeSelect id="filter-market" value={market} onChange={(e) => setMarket(e.target.value)}>
                <option value="">All</option>
                {Object.entries(MARKET_LABEL).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
              </NativeSelect>
            </div>
          </div>
          {bets.isLoading ? <LoadingRows /> : items.length === 0 ? (
            <EmptyState title="No bets here yet">Open a game and choose &ldquo;Track a bet&rdquo;, or import a CSV.</EmptyState>
          ) : (
            <>
              <BetTable bets={items} />
              {bets.hasNextPage && <Button variant="outline" onClick={() => bets.fetchNextPage()} disabled={bets.isFetchingNextPage}>Load more</Button>}
            </>
          )}
        </CardContent>
      </Card>
      {selected && <Breakdown bankrollId={selected} />}
      <Card>
        <CardHeader><CardTitle className="text-base">Another bankroll</CardTitle></CardHeader>
        <CardContent><CreateBankrollForm onCreated={(id) => router.replace(`/bets?bankroll=${id}`)} /></CardContent>
      </Card>
    </div>
  );
}

export default function BetsPage() {
  return (
    <Suspense fallback={<LoadingRows />}>
      <BetsDashboard />
    </Suspense>
  );
}
