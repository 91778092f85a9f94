"use client";

import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { ErrorState } from "@/components/shell/states";
import { Button } from "@/components/ui/button";
import { Input, NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { parseMoneyToCents } from "@/server/domain/money/cents";
import { MARKETS, marketsOfSport, selectionsOf, type Market, type Selection } from "@/server/domain/vocabulary";
import { byReference } from "@/server/domain/quotes";
import { americanToDecimal, expectedValue, kellyFraction } from "@/server/domain/odds";
import { FieldError, fieldErrorsOf, problemOf, type FieldErrors } from "@/lib/field-errors";
import { formatCents, formatPercent, MARKET_LABEL, SELECTION_LABEL } from "@/lib/format";
import { Price, StakeCents } from "@/server/api/schemas";
import { trpc, type RouterOutputs } from "@/lib/trpc";

type Game = RouterOutputs["games"]["byId"];

/** The sharp book's no-vig probability for this selection (Pinnacle first), from the game's stored prices. */
function fairHint(game: Game, market: Market, selection: Selection, line: number | null) {
  const tables = game.oddsTables.filter((t) => t.market === market && t.period === "FULL_GAME");
  const ordered = [...tables].sort((a, b) => Number(b.phase === "CLOSING") - Number(a.phase === "CLOSING"));
  for (const table of ordered) {
    const rows = byReference(table.rows.filter((r) => r.bookmaker.isSharp));
    for (const row of rows) {
      const cell = row.cells[selection];
      if (cell?.fair != null && (line === null || cell.line === line)) return { p: cell.fair, source: `${row.bookmaker.name} ${table.phase.toLowerCase()}` };
    }
  }
  return null;
}

// To the second: a bet and the deposit before it in the same minute must keep their order.
const SHOWN_FIELDS = new Set(["market", "selection", "line", "bookmakerKey", "price", "stakeCents", "placedAt", "note"]);

const nowUtcInput = () => new Date().toISOString().slice(0, 19);

export function BetForm({ game, bankrolls, initialBankroll }: { game: Game; bankrolls: RouterOutputs["bankrolls"]["list"]; initialBankroll?: number }) {
  const router = useRouter();
  const utils = trpc.useUtils();
  const markets = marketsOfSport(game.league.sport.key);
  const books = useMemo(() => [...new Map(game.oddsTables.flatMap((t) => t.rows.map((r) => r.bookmaker)).filter((b) => !b.isAggregate).map((b) => [b.key, b])).values()], [game]);
  const [f, setF] = useState({
    bankrollId: String(initialBankroll ?? bankrolls[0]?.id ?? ""),
    market: markets[0]!,
    selection: "HOME" as Selection,
    line: "",
    bookmaker: books[0]?.key ?? "",
    priceFormat: "decimal",
    price: "",
    stake: "",
    placedAt: nowUtcInput(),
    note: "",
  });
  const [error, setError] = useState("");
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const create = trpc.bets.create.useMutation({
    onSuccess: async ({ id }) => {
      await Promise.all([utils.bets.invalidate(), utils.bankrolls.invalidate()]);
      router.push(`/bets/${id}`);
    },
    onError: (e) => {
      const byField = fieldErrorsOf(e);
      setFieldErrors(byField);
      // A message about a field the form shows goes next to it; anything else above the button.
      setError(Object.keys(byField).length && Object.keys(byField).every((k) => SHOWN_FIELDS.has(k)) ? "" : e.message);
    },
  });
  const set = (k: keyof typeof f) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setF((prev) => ({ ...prev, [k]: e.target.value }));
  const selections = selectionsOf(f.market);
  const selection = selections.includes(f.selection) ? f.selection : selections[0]!;
  const needsLine = MARKETS[f.market].hasLine;
  const line = needsLine && f.line.trim() !== "" ? Number(f.line) : null;
  let decimal: number | null = null;
  try {
    decimal = f.price.trim() === "" ? null : f.priceFormat === "american" ? americanToDecimal(Number(f.price)) : Number(f.price);
  } catch {
    decimal = null;
  }
  const bankroll = bankrolls.find((b) => String(b.id) === f.bankrollId);
  const hint = fairHint(game, f.market, selection, line);
  const sideName = (s: Selection) => (s === "HOME" ? game.homeTeam.name : s === "AWAY" ? game.awayTeam.name : SELECTION_LABEL[s]);

  function submit(e: React.FormEvent) {
    e.preventDefault();
    setError("");
    const price = decimal === null ? undefined : Math.round(decimal * 100_000) / 100_000;
    let stakeCents: number | undefined;
    const problems: FieldErrors = {};
    try {
      stakeCents = parseMoneyToCents(f.stake);
    } catch (err) {
      problems.stakeCents = (err as Error).message;
    }
    problems.price = price === undefined ? "Enter a price: decimal such as 1.91, or American such as -110 or +150." : problemOf(Price, price);
    problems.stakeCents ??= problemOf(StakeCents, stakeCents);
    setFieldErrors(problems);
    if (price === undefined || stakeCents === undefined || problems.price || problems.stakeCents) return;
    create.mutate({
      bankrollId: Number(f.bankrollId),
      gameId: game.id,
      market: f.market,
      selection,
      line,
      bookmakerKey: f.bookmaker || null,
      price,
      stakeCents,
      placedAt: new Date(`${f.placedAt.length === 16 ? `${f.placedAt}:00` : f.placedAt}Z`),
      note: f.note.trim() || null,
    });
  }
  const describedBy = (field: string) => (fieldErrors[field] ? `bet-${field}-error` : undefined);

  return (
    <form onSubmit={submit} className="grid grid-cols-1 gap-3 sm:grid-cols-2" aria-label="Bet entry">
      <div className="flex flex-col gap-1">
        <Label htmlFor="bet-bankroll">Bankroll</Label>
        <NativeSelect id="bet-bankroll" value={f.bankrollId} onChange={set("bankrollId")} required>
          {bankrolls.map((b) => <option key={b.id} value={b.id}>{b.name} · {formatCents(b.summary.balanceCents, { currency: b.currency })}</option>)}
        </NativeSelect>
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="bet-market">Market</Label>
        <NativeSelect id="bet-market" value={f.market} onChange={set("market")}>
          {markets.map((m) => <option key={m} value={m}>{MARKET_LABEL[m]}</option>)}
        </NativeSelect>
        <FieldError id="bet-market-error" message={fieldErrors.market} />
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="bet-selection">Selection</Label>
        <NativeSelect id="bet-selection" value={selection} onChange={set("selection")}>
          {selections.map((s) => <option key={s} value={s}>{sideName(s)}</option>)}
        </NativeSelect>
        <FieldError id="bet-selection-error" message={fieldErrors.selection} />
      </div>
      {needsLine && (
        <div className="flex flex-col gap-1">
          <Label htmlFor="bet-line">{f.market === "SPREAD" ? "Handicap on your side (e.g. -3.5, +0.25)" : "Total line (e.g. 2.5)"}</Label>
          <Input id="bet-line" inputMode="decimal" value={f.line} onChange={set("line")} required aria-describedby={describedBy("line")} />
          <FieldError id="bet-line-error" message={fieldErrors.line} />
        </div>
      )}
      <div className="flex flex-col gap-1">
        <Label htmlFor="bet-bookmaker">Bookmaker</Label>
        <NativeSelect id="bet-bookmaker" value={f.bookmaker} onChange={set("bookmaker")}>
          <option value="">Not listed</option>
          {books.map((b) => <option key={b.key} value={b.key}>{b.name}</option>)}
        </NativeSelect>
        <FieldError id="bet-bookmakerKey-error" message={fieldErrors.bookmakerKey} />
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="bet-price">Price</Label>
        <div className="flex gap-2">
          <NativeSelect aria-label="Price format" value={f.priceFormat} onChange={set("priceFormat")} className="w-32">
            <option value="decimal">Decimal</option>
            <option value="american">American</option>
          </NativeSelect>
          <Input id="bet-price" inputMode="decimal" value={f.price} onChange={set("price")} required placeholder={f.priceFormat === "american" ? "-110" : "1.91"} aria-describedby={describedBy("price")} />
        </div>
        <FieldError id="bet-price-error" message={fieldErrors.price} />
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="bet-stake">Stake{bankroll ? ` (${bankroll.currency})` : ""}</Label>
        <Input id="bet-stake" inputMode="decimal" value={f.stake} onChange={set("stake")} required aria-describedby={describedBy("stakeCents")} />
        <FieldError id="bet-stakeCents-error" message={fieldErrors.stakeCents} />
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="bet-placed">Placed at (UTC)</Label>
        <Input id="bet-placed" type="datetime-local" step={1} value={f.placedAt} onChange={set("placedAt")} required aria-describedby={describedBy("placedAt")} />
        <FieldError id="bet-placedAt-error" message={fieldErrors.placedAt} />
        <p className="text-xs text-muted-foreground">Before the game starts. A bet you enter after the start is marked as a late entry and left out of verified figures.</p>
      </div>
      <div className="flex flex-col gap-1 sm:col-span-2">
        <Label htmlFor="bet-note">Note</Label>
        <Input id="bet-note" value={f.note} onChange={set("note")} maxLength={500} aria-describedby={describedBy("note")} />
        <FieldError id="bet-note-error" message={fieldErrors.note} />
      </div>
      <div className="rounded-md border bg-muted/40 p-3 text-sm sm:col-span-2" data-testid="bet-hint" aria-live="polite">
        {hint && decimal && decimal > 1 ? (
          <>
            Fair {formatPercent(hint.p)} ({hint.source}, no-vig) · EV {formatPercent(expectedValue(hint.p, decimal), 2)} · quarter Kelly{" "}
            {formatPercent(kellyFraction(hint.p, decimal, { fraction: 0.25, maxFraction: 0.05 }), 2)}
            {bankroll ? ` = ${formatCents(Math.round(kellyFraction(hint.p, decimal, { fraction: 0.25, maxFraction: 0.05 }) * bankroll.summary.balanceCents))}` : ""}
          </>
        ) : hint ? (
          <>Enter a price to see its EV against {hint.source} ({formatPercent(hint.p)} fair).</>
        ) : (
          <>No sharp book price for this selection{line !== null ? " at this line" : ""}: no EV hint.</>
        )}
      </div>
      {error && <div className="sm:col-span-2"><ErrorState message={error} /></div>}
      <Button type="submit" disabled={create.isPending || !f.bankrollId} className="sm:col-span-2">Save bet</Button>
    </form>
  );
}
