"use client";

import Link from "next/link";
import { use, useState } from "react";
import { BetStatusBadge } from "@/components/bets/bet-table";
import { ErrorState, LoadingRows } from "@/components/shell/states";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { parseMoneyToCents } from "@/server/domain/money/cents";
import { formatCents, formatLine, formatPercent, formatPrice, MARKET_LABEL, SELECTION_LABEL } from "@/lib/format";
import { trpc } from "@/lib/trpc";

export default function BetPage({ params }: { params: Promise<{ id: string }> }) {
  const id = Number(use(params).id);
  const utils = trpc.useUtils();
  const bet = trpc.bets.get.useQuery({ id }, { enabled: id > 0 });
  const [stake, setStake] = useState("");
  const [price, setPrice] = useState("");
  const [reason, setReason] = useState("");
  const [error, setError] = useState("");
  const refresh = () => Promise.all([utils.bets.invalidate(), utils.bankrolls.invalidate()]);
  const edit = trpc.bets.edit.useMutation({ onSuccess: refresh, onError: (e) => setError(e.message) });
  const voidBet = trpc.bets.void.useMutation({ onSuccess: refresh, onError: (e) => setError(e.message) });
  if (!(id > 0)) return <ErrorState message="That is not a bet id." />;
  if (bet.isLoading) return <LoadingRows />;
  if (bet.error) return <ErrorState message={bet.error.message} />;
  const b = bet.data!;
  const side = b.selection === "HOME" ? b.game.homeTeam.name : b.selection === "AWAY" ? b.game.awayTeam.name : SELECTION_LABEL[b.selection];
  const facts: [string, React.ReactNode][] = [
    ["Game", <Link key="g" className="hover:underline" href={`/games/${b.gameId}`}>{b.game.homeTeam.name} v {b.game.awayTeam.name}</Link>],
    ["Result", b.game.homeScore !== null ? `${b.game.homeScore}–${b.game.awayScore}` : "not yet"],
    ["Bet", `${MARKET_LABEL[b.market]}: ${side} ${formatLine(b.line)}`],
    ["Price", `${formatPrice(b.price)}${b.bookmaker ? ` at ${b.bookmaker.name}` : ""}`],
    ["Stake", formatCents(b.stakeCents, { currency: b.bankroll.currency })],
    ["Placed", `${b.placedAt.toISOString().slice(0, 16).replace("T", " ")} UTC`],
    ["Profit", formatCents(b.profitCents, { signed: true })],
    ["Closing price", b.closingPrice !== null ? `${formatPrice(b.closingPrice)} (fair ${formatPercent(b.closingFairProbability)})` : "–"],
    ["CLV", b.clv !== null ? formatPercent(b.clv, 2) : "–"],
    ["CLV (points)", b.clvPoints !== null ? `${b.clvPoints > 0 ? "+" : ""}${b.clvPoints} (closed ${formatLine(b.closingLine)})` : "–"],
    ["CLV basis", b.clvBasis ?? "no closing price stored for this game"],
  ];
  return (
    <div className="flex flex-col gap-4">
      <Link href={`/bets?bankroll=${b.bankrollId}`} className="text-sm text-muted-foreground hover:underline">← {b.bankroll.name}</Link>
      <h1 className="flex items-center gap-3 text-2xl font-semibold tracking-tight">Bet #{b.id} <BetStatusBadge status={b.status} outcome={b.outcome} /></h1>
      <Card>
        <CardContent className="pt-6">
          <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2" data-testid="bet-facts">
            {facts.map(([k, v]) => <div key={k} className="flex justify-between gap-3 border-b py-1"><dt className="text-muted-foreground">{k}</dt><dd className="tabular text-right">{v}</dd></div>)}
          </dl>
        </CardContent>
      </Card>
      {error && <ErrorState message={error} />}
      {b.status === "OPEN" && (
        <Card>
          <CardHeader><CardTitle className="text-base">Edit</CardTitle></CardHeader>
          <CardContent>
            <form className="flex flex-wrap items-end gap-3" onSubmit={(e) => {
              e.preventDefault();
              try {
                edit.mutate({ id, version: b.version, changes: { ...(stake ? { stakeCents: parseMoneyToCents(stake) } : {}), ...(price ? { price: Number(price) } : {}) } });
              } catch (err) { setError((err as Error).message); }
            }}>
              <div className="flex flex-col gap-1"><Label htmlFor="edit-stake">Stake</Label><Input id="edit-stake" inputMode="decimal" placeholder={formatCents(b.stakeCents)} value={stake} onChange={(e) => setStake(e.target.value)} /></div>
              <div className="flex flex-col gap-1"><Label htmlFor="edit-price">Decimal price</Label><Input id="edit-price" inputMode="decimal" placeholder={formatPrice(b.price)} value={price} onChange={(e) => setPrice(e.target.value)} /></div>
              <Button type="submit" disabled={edit.isPending || (!stake && !price)}>Save changes</Button>
            </form>
          </CardContent>
        </Card>
      )}
      {b.status !== "VOID" && (
        <Card>
          <CardHeader><CardTitle className="text-base">Void</CardTitle></CardHeader>
          <CardContent>
            <form className="flex flex-wrap items-end gap-3" onSubmit={(e) => { e.preventDefault(); voidBet.mutate({ id, reason }); }}>
              <div className="flex flex-col gap-1"><Label htmlFor="void-reason">Reason</Label><Input id="void-reason" value={reason} onChange={(e) => setReason(e.target.value)} required maxLength={200} /></div>
              <Button type="submit" variant="destructive" className="h-auto min-h-9 whitespace-normal" disabled={voidBet.isPending}>Void bet (stake returned{b.status === "SETTLED" ? ", settlement taken back" : ""})</Button>
            </form>
          </CardContent>
        </Card>
      )}
      <Card>
        <CardHeader><CardTitle className="text-base">History</CardTitle></CardHeader>
        <CardContent>
          <ol className="flex flex-col gap-1 text-sm" data-testid="bet-history">
            {b.events.map((e, i) => (
              <li key={i}><span className="tabular text-muted-foreground">{e.at.toISOString().slice(0, 19).replace("T", " ")}</span> {e.action.toLowerCase()} {e.byGrader ? "(grader)" : ""} <code className="break-all text-xs">{JSON.stringify(e.changes)}</code></li>
            ))}
          </ol>
        </CardContent>
      </Card>
    </div>
  );
}
