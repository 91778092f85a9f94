"use client";

import Link from "next/link";
import { use, useState } from "react";
import { BetStatusBadge, betMatchup, LateEntryBadge } from "@/components/bets/bet-table";
import { FieldError, FormError, useFormErrors } from "@/components/shell/form-errors";
import { useDisplay } from "@/components/shell/preferences";
import { ErrorState, LoadingRows } from "@/components/shell/states";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { parseMoneyToCents } from "@/server/domain/money/cents";
import { parseOdds } from "@/server/domain/odds";
import { describeBetEvent } from "@/lib/bet-history";
import { formatCents, formatLine, formatPercent, MARKET_LABEL, ODDS_FORMAT_NAME, SELECTION_LABEL } from "@/lib/format";
import { trpc } from "@/lib/trpc";

export default function BetPage({ params }: { params: Promise<{ id: string }> }) {
  const id = Number(use(params).id);
  const utils = trpc.useUtils();
  const bet = trpc.bets.get.useQuery({ id }, { enabled: id > 0 });
  const [stake, setStake] = useState("");
  const [price, setPrice] = useState("");
  const [reason, setReason] = useState("");
  const show = useDisplay();
  const errors = useFormErrors<"stake" | "price" | "reason">({ "changes.stakeCents": "stake", "changes.price": "price", stakeCents: "stake", price: "price", reason: "reason" });
  const refresh = () => Promise.all([utils.bets.invalidate(), utils.bankrolls.invalidate()]);
  const edit = trpc.bets.edit.useMutation({ onSuccess: refresh, onError: errors.fromServer });
  const voidBet = trpc.bets.void.useMutation({ onSuccess: refresh, onError: errors.fromServer });
  if (!(id > 0)) return <ErrorState message="That is not a bet id." />;
  if (bet.isLoading) return <LoadingRows />;
  if (bet.error) return <ErrorState message={bet.error.message} />;
  const b = bet.data!;
  const side = b.selection === "HOME" ? b.game.homeTeam.name : b.selection === "AWAY" ? b.game.awayTeam.name : SELECTION_LABEL[b.selection];
  const facts: [string, React.ReactNode][] = [
    ["Game", <Link key="g" className="hover:underline" href={`/games/${b.gameId}`}>{betMatchup(b.game)}</Link>],
    ["Result", b.game.homeScore !== null ? `${b.game.homeScore}–${b.game.awayScore}` : "not yet"],
    ["Bet", `${MARKET_LABEL[b.market]}: ${side} ${formatLine(b.line)}`],
    ["Price", `${show.price(b.price)}${b.bookmaker ? ` at ${b.bookmaker.name}` : ""}`],
    ["Stake", formatCents(b.stakeCents, { currency: b.bankroll.currency })],
    ["Placed", show.dateTime(b.placedAt)],
    ["Profit", formatCents(b.profitCents, { signed: true })],
    ["Closing price", b.closingPrice !== null ? `${show.price(b.closingPrice)} (fair ${formatPercent(b.closingFairProbability)})` : "–"],
    ["CLV", b.clv !== null ? formatPercent(b.clv, 2) : "–"],
    ["CLV (points)", b.clvPoints !== null ? `${b.clvPoints > 0 ? "+" : ""}${b.clvPoints} (closed ${formatLine(b.closingLine)})` : "–"],
    ["CLV basis", b.clvBasis ?? "no closing price stored for this game"],
  ];
  return (
    <div className="flex flex-col gap-4">
      <Link href={`/bets?bankroll=${b.bankrollId}`} className="text-sm text-muted-foreground hover:underline">← {b.bankroll.name}</Link>
      <h1 className="flex items-center gap-3 text-2xl font-semibold tracking-tight">Bet #{b.id} <BetStatusBadge status={b.status} outcome={b.outcome} /><LateEntryBadge lateEntry={b.lateEntry} /></h1>
      {b.lateEntry && <p className="text-sm text-muted-foreground">Entered after the game started, so it is left out of verified ROI, win rate and CLV.</p>}
      {b.settlementError && <ErrorState message={`This bet could not be settled (${b.settlementError}). Edit it to try again, or void it.`} />}
      <Card>
        <CardContent className="pt-6">
          <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2" data-testid="bet-facts">
            {facts.map(([k, v]) => <div key={k} className="flex justify-between gap-3 border-b py-1"><dt className="text-muted-foreground">{k}</dt><dd className="tabular text-right">{v}</dd></div>)}
          </dl>
        </CardContent>
      </Card>
      <FormError message={errors.form} />
      {b.status === "OPEN" && (
        <Card>
          <CardHeader><CardTitle className="text-base">Edit</CardTitle></CardHeader>
          <CardContent>
            <form className="flex flex-wrap items-end gap-3" onSubmit={(e) => {
              e.preventDefault();
              errors.clear();
              let stakeCents: number | undefined;
              let decimal: number | undefined;
              try { stakeCents = stake ? parseMoneyToCents(stake) : undefined; } catch (err) { return errors.fail("stake", (err as Error).message); }
              try { decimal = price ? Math.round(parseOdds(price, show.oddsFormat) * 100_000) / 100_000 : undefined; } catch (err) { return errors.fail("price", (err as Error).message); }
              edit.mutate({ id, version: b.version, changes: { ...(stakeCents !== undefined ? { stakeCents } : {}), ...(decimal !== undefined ? { price: decimal } : {}) } });
            }}>
              <div className="flex flex-col gap-1"><Label htmlFor="edit-stake">Stake</Label><Input id="edit-stake" inputMode="decimal" placeholder={formatCents(b.stakeCents)} value={stake} onChange={(e) => setStake(e.target.value)} {...errors.describe("stake", "edit-stake")} /><FieldError id="edit-stake" message={errors.fields.stake} /></div>
              <div className="flex flex-col gap-1"><Label htmlFor="edit-price">Price ({ODDS_FORMAT_NAME[show.oddsFormat].toLowerCase()})</Label><Input id="edit-price" placeholder={show.price(b.price)} value={price} onChange={(e) => setPrice(e.target.value)} {...errors.describe("price", "edit-price")} /><FieldError id="edit-price" message={errors.fields.price} /></div>
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
              <div className="flex flex-col gap-1"><Label htmlFor="void-reason">Reason</Label><Input id="void-reason" value={reason} onChange={(e) => setReason(e.target.value)} required maxLength={200} {...errors.describe("reason", "void-reason")} /><FieldError id="void-reason" message={errors.fields.reason} /></div>
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
              <li key={i}><span className="tabular text-muted-foreground">{show.dateTime(e.at, { seconds: true })}</span> {describeBetEvent(e.action, e.changes, show)}{e.byGrader ? " (by the grader)" : ""}</li>
            ))}
          </ol>
        </CardContent>
      </Card>
    </div>
  );
}
