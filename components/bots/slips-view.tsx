"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import { dayRange, pickLabel, todayIn } from "@/components/bots/format";
import { FormError } from "@/components/shell/form-errors";
import { useDisplay } from "@/components/shell/preferences";
import { ErrorState, LoadingRows } from "@/components/shell/states";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatCents } from "@/lib/format";
import { trpc, type RouterOutputs } from "@/lib/trpc";

type Slip = RouterOutputs["bots"]["slips"][number];

/** Confirm dialog: the price and stake actually obtained, and the user's own bankroll the bet goes into. */
function ConfirmSlip({ slip, onDone }: { slip: Slip; onDone: () => void }) {
  const bankrolls = trpc.bankrolls.list.useQuery();
  const own = bankrolls.data?.filter((b) => b.kind === "MANUAL") ?? [];
  const [price, setPrice] = useState(slip.priceSeen.toFixed(2));
  const [stake, setStake] = useState((slip.suggestedStakeCents / 100).toFixed(2));
  const [bankrollId, setBankrollId] = useState("");
  const confirm = trpc.bots.confirmSlip.useMutation({ onSuccess: onDone });
  const chosen = bankrollId || String(own[0]?.id ?? "");
  return (
    <div
      role="dialog"
      aria-modal="false"
      aria-label={`Confirm slip ${slip.id}`}
      className="mt-2 flex flex-col gap-2 rounded-md border p-3"
    >
      <p className="text-sm">
        Enter what the book actually gave you.{" "}
        {slip.minPrice !== null && <>The pick qualifies down to {slip.minPrice.toFixed(2)}.</>}
      </p>
      <div className="grid gap-2 sm:grid-cols-3">
        <div className="flex flex-col gap-1">
          <Label htmlFor={`slip-${slip.id}-price`}>Price obtained</Label>
          <Input
            id={`slip-${slip.id}-price`}
            inputMode="decimal"
            value={price}
            onChange={(e) => setPrice(e.target.value)}
          />
        </div>
        <div className="flex flex-col gap-1">
          <Label htmlFor={`slip-${slip.id}-stake`}>Stake placed</Label>
          <Input
            id={`slip-${slip.id}-stake`}
            inputMode="decimal"
            value={stake}
            onChange={(e) => setStake(e.target.value)}
          />
        </div>
        <div className="flex flex-col gap-1">
          <Label htmlFor={`slip-${slip.id}-bankroll`}>Bankroll</Label>
          <select
            id={`slip-${slip.id}-bankroll`}
            className="h-9 rounded-md border bg-background px-3 text-sm"
            value={chosen}
            onChange={(e) => setBankrollId(e.target.value)}
          >
            {own.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name} ({b.currency})
              </option>
            ))}
          </select>
        </div>
      </div>
      {own.length === 0 && bankrolls.data && (
        <p className="text-sm">
          You need a bankroll of your own first: create one on the{" "}
          <Link className="underline" href="/bets">
            Bets
          </Link>{" "}
          page.
        </p>
      )}
      {confirm.error && <FormError message={confirm.error.message} />}
      <Button
        className="w-fit"
        disabled={confirm.isPending || !chosen}
        onClick={() =>
          confirm.mutate({
            slipId: slip.id,
            price: Number(price),
            stakeCents: Math.round(Number(stake) * 100),
            bankrollId: Number(chosen),
            placedAt: new Date(),
          })
        }
      >
        {confirm.isPending ? "Recording…" : "Record as placed"}
      </Button>
    </div>
  );
}

/** A day's slips (all bots, or one): table, CSV download, clipboard text, print view, confirm and dismiss. */
export function SlipsView({ botId }: { botId?: number }) {
  const show = useDisplay();
  const [day, setDay] = useState(() => todayIn(show.timeZone));
  const range = useMemo(
    () => ({ ...dayRange(day, show.timeZone), ...(botId ? { botId } : {}) }),
    [day, show.timeZone, botId],
  );
  const utils = trpc.useUtils();
  const slips = trpc.bots.slips.useQuery(range);
  const dismiss = trpc.bots.dismissSlip.useMutation({ onSuccess: () => utils.bots.slips.invalidate() });
  const [open, setOpen] = useState<number | null>(null);
  const [copied, setCopied] = useState(false);
  const csvHref = `/api/v1/bots/slips.csv?from=${encodeURIComponent(range.from.toISOString())}&to=${encodeURIComponent(range.to.toISOString())}${botId ? `&botId=${botId}` : ""}`;

  const copy = async () => {
    const out = await utils.bots.exportSlipsCsv.fetch(range);
    await navigator.clipboard.writeText(out.text);
    setCopied(true);
  };

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end justify-between gap-2 print:hidden">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Slips</h1>
          <p className="text-sm text-muted-foreground">
            Bets the bots propose. Place them yourself at the book, then record what you got. Nothing is sent to any
            bookmaker.
          </p>
        </div>
        <div className="flex flex-wrap items-end gap-2">
          <div className="flex flex-col gap-1">
            <Label htmlFor="slips-day">Day ({show.zone})</Label>
            <Input id="slips-day" type="date" value={day} onChange={(e) => e.target.value && setDay(e.target.value)} />
          </div>
          <Button variant="outline" asChild>
            <a href={csvHref} download>
              Download CSV
            </a>
          </Button>
          <Button variant="outline" onClick={() => void copy()}>
            {copied ? "Copied" : "Copy as text"}
          </Button>
          <Button variant="outline" onClick={() => window.print()}>
            Print
          </Button>
        </div>
      </div>
      <Card>
        <CardHeader>
          <CardTitle className="text-base">Slips of {day}</CardTitle>
        </CardHeader>
        <CardContent>
          {slips.isLoading && <LoadingRows rows={3} />}
          {slips.error && <ErrorState message={slips.error.message} />}
          {slips.data?.length === 0 && <p className="text-sm text-muted-foreground">No slips on this day.</p>}
          {slips.data && slips.data.length > 0 && (
            <div className="overflow-x-auto">
              <Table aria-label="Slips">
                <TableHeader>
                  <TableRow>
                    <TableHead>Game</TableHead>
                    <TableHead>Bet</TableHead>
                    <TableHead className="text-right">Seen</TableHead>
                    <TableHead className="text-right">Min price</TableHead>
                    <TableHead className="text-right">Stake</TableHead>
                    <TableHead>Status</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {slips.data.map((s) => (
                    <TableRow key={s.id} aria-label={`Slip ${s.id}`}>
                      <TableCell>
                        {s.home} v {s.away}
                        <div className="text-xs text-muted-foreground">
                          {s.league} · {show.dateTime(s.kickoff)} · {s.botName}
                        </div>
                      </TableCell>
                      <TableCell>
                        {pickLabel(s.market, s.selection, s.line)}
                        <div className="text-xs text-muted-foreground">at {s.bookmakerKey}</div>
                      </TableCell>
                      <TableCell className="text-right tabular-nums">{s.priceSeen.toFixed(2)}</TableCell>
                      <TableCell className="text-right tabular-nums">{s.minPrice?.toFixed(2) ?? "–"}</TableCell>
                      <TableCell className="text-right tabular-nums">
                        {formatCents(s.suggestedStakeCents, { currency: s.currency })}
                      </TableCell>
                      <TableCell>
                        {s.status === "PLACED" && (
                          <Badge>
                            placed at {s.confirmedPrice?.toFixed(2)}, {formatCents(s.confirmedStakeCents)}
                          </Badge>
                        )}
                        {s.status === "DISMISSED" && <Badge variant="secondary">dismissed</Badge>}
                        {s.status === "PROPOSED" && (
                          <div className="flex flex-col gap-1 print:hidden">
                            <div className="flex gap-1">
                              <Button size="sm" onClick={() => setOpen(open === s.id ? null : s.id)}>
                                Confirm
                              </Button>
                              <Button size="sm" variant="ghost" onClick={() => dismiss.mutate({ slipId: s.id })}>
                                Dismiss
                              </Button>
                            </div>
                            {open === s.id && (
                              <ConfirmSlip
                                slip={s}
                                onDone={() => {
                                  setOpen(null);
                                  void utils.bots.slips.invalidate();
                                }}
                              />
                            )}
                          </div>
                        )}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          )}
          {dismiss.error && <ErrorState message={dismiss.error.message} />}
        </CardContent>
      </Card>
    </div>
  );
}
