"use client";

import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { FieldError, FormError, problemOf, useFormErrors } from "@/components/shell/form-errors";
import { useDisplay } from "@/components/shell/preferences";
import { Button } from "@/components/ui/button";
import { Input, NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { parseMoneyToCents } from "@/server/domain/money/cents";
import { MARKETS, marketsOfSport, selectionsOf, type Market, type Selection } from "@/server/domain/vocabulary";
import { byReference } from "@/server/domain/quotes";
import { expectedValue, kellyFraction, ODDS_EXAMPLE, parseOdds } from "@/server/domain/odds";
import { DEFAULT_SYSTEM_SETTINGS } from "@/server/domain/settings/system";
import { zonedTimeToUtc } from "@/server/domain/time/zoned";
import { formatCents, formatPercent, MARKET_LABEL, ODDS_FORMAT_NAME, SELECTION_LABEL, toDateTimeInput } from "@/lib/format";
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

export function BetForm({ game, bankrolls, initialBankroll }: { game: Game; bankrolls: RouterOutputs["bankrolls"]["list"]; initialBankroll?: number }) {
  const router = useRouter();
  const utils = trpc.useUtils();
  const show = useDisplay();
  // The system's Kelly defaults (/admin/settings); the built-in ones until they load.
  const kelly = trpc.systemSettings.get.useQuery().data?.kelly ?? DEFAULT_SYSTEM_SETTINGS.kelly;
  const markets = marketsOfSport(game.league.sport.key);
  const books = useMemo(() => [...new Map(game.oddsTables.flatMap((t) => t.rows.map((r) => r.bookmaker)).filter((b) => !b.isAggregate).map((b) => [b.key, b])).values()], [game]);
  const [f, setF] = useState({
    bankrollId: String(initialBankroll ?? bankrolls[0]?.id ?? ""),
    market: markets[0]!,
    selection: "HOME" as Selection,
    line: "",
    bookmaker: books[0]?.key ?? "",
    price: "",
    stake: "",
    placedAt: toDateTimeInput(new Date(), show.timeZone, { seconds: true }),
    note: "",
  });
  const errors = useFormErrors<"bankroll" | "line" | "bookmaker" | "price" | "stake" | "placedAt" | "note">({
    bankrollId: "bankroll", line: "line", bookmakerKey: "bookmaker", price: "price", stakeCents: "stake", placedAt: "placedAt", note: "note",
  });
  const create = trpc.bets.create.useMutation({
    onSuccess: async ({ id }) => {
      await Promise.all([utils.bets.invalidate(), utils.bankrolls.invalidate()]);
      router.push(`/bets/${id}`);
    },
    onError: errors.fromServer,
  });
  const set = (k: keyof typeof f) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setF((prev) => ({ ...prev, [k]: e.target.value }));
  const selections = selectionsOf(f.market);
  const selection = selections.includes(f.selection) ? f.selection : selections[0]!;
  const needsLine = MARKETS[f.market].hasLine;
  const line = needsLine && f.line.trim() !== "" ? Number(f.line) : null;
  // Typed in the user's format (any format is understood); decimal from here on.
  let decimal: number | null = null;
  try {
    decimal = f.price.trim() === "" ? null : parseOdds(f.price, show.oddsFormat);
  } catch {
    decimal = null;
  }
  const bankroll = bankrolls.find((b) => String(b.id) === f.bankrollId);
  const hint = fairHint(game, f.market, selection, line);
  const sideName = (s: Selection) => (s === "HOME" ? game.homeTeam.name : s === "AWAY" ? game.awayTeam.name : SELECTION_LABEL[s]);

  function submit(e: React.FormEvent) {
    e.preventDefault();
    errors.clear();
    let price: number;
    let stakeCents: number;
    try {
      price = parseOdds(f.price, show.oddsFormat);
    } catch (err) {
      return errors.fail("price", (err as Error).message);
    }
    try {
      stakeCents = parseMoneyToCents(f.stake);
    } catch (err) {
      return errors.fail("stake", (err as Error).message);
    }
    // The API's own schemas, so the form refuses exactly what the server would.
    const priceProblem = problemOf(Price, price);
    if (priceProblem) return errors.fail("price", priceProblem);
    const stakeProblem = problemOf(StakeCents, stakeCents);
    if (stakeProblem) return errors.fail("stake", stakeProblem);
    const [day, time] = f.placedAt.split("T") as [string, string];
    create.mutate({
        bankrollId: Number(f.bankrollId),
        gameId: game.id,
        market: f.market,
        selection,
        line,
        bookmakerKey: f.bookmaker || null,
        price: Math.round(price * 100_000) / 100_000,
        stakeCents,
        placedAt: zonedTimeToUtc(day, time, show.timeZone),
        note: f.note.trim() || null,
      });
  }

  return (
    <form onSubmit={submit} className="grid grid-cols-1 gap-3 sm:grid-cols-2" aria-label="Bet entry">
      <div className="flex flex-col gap-1">
        <Label htmlFor="bet-bankroll">Bankroll</Label>
        <NativeSelect id="bet-bankroll" value={f.bankrollId} onChange={set("bankrollId")} required {...errors.describe("bankroll", "bet-bankroll")}>
          {bankrolls.map((b) => <option key={b.id} value={b.id}>{b.name} · {formatCents(b.summary.balanceCents, { currency: b.currency })}</option>)}
        </NativeSelect>
        <FieldError id="bet-bankroll" message={errors.fields.bankroll} />
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="bet-market">Market</Label>
        <NativeSelect id="bet-market" value={f.market} onChange={set("market")}>
          {markets.map((m) => <option key={m} value={m}>{MARKET_LABEL[m]}</option>)}
        </NativeSelect>
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="bet-selection">Selection</Label>
        <NativeSelect id="bet-selection" value={selection} onChange={set("selection")}>
          {selections.map((s) => <option key={s} value={s}>{sideName(s)}</option>)}
        </NativeSelect>
      </div>
      {needsLine && (
        <div className="flex flex-col gap-1">
          <Label htmlFor="bet-line">{f.market === "SPREAD" ? "Handicap on your side (e.g. -3.5, +0.25)" : "Total line (e.g. 2.5)"}</Label>
          <Input id="bet-line" inputMode="decimal" value={f.line} onChange={set("line")} required {...errors.describe("line", "bet-line")} />
          <FieldError id="bet-line" message={errors.fields.line} />
        </div>
      )}
      <div className="flex flex-col gap-1">
        <Label htmlFor="bet-bookmaker">Bookmaker</Label>
        <NativeSelect id="bet-bookmaker" value={f.bookmaker} onChange={set("bookmaker")}>
          <option value="">Not listed</option>
          {books.map((b) => <option key={b.key} value={b.key}>{b.name}</option>)}
        </NativeSelect>
        <FieldError id="bet-bookmaker" message={errors.fields.bookmaker} />
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="bet-price">Price</Label>
        <Input id="bet-price" value={f.price} onChange={set("price")} required placeholder={ODDS_EXAMPLE[show.oddsFormat]} {...errors.describe("price", "bet-price")} />
        <p className="text-xs text-muted-foreground">
          {ODDS_FORMAT_NAME[show.oddsFormat]}, as in your settings{decimal ? ` · decimal ${decimal.toFixed(3)}` : ""}. -110, 10/11 and 1.91 are understood too.
        </p>
        <FieldError id="bet-price" message={errors.fields.price} />
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="bet-stake">Stake{bankroll ? ` (${bankroll.currency})` : ""}</Label>
        <Input id="bet-stake" inputMode="decimal" value={f.stake} onChange={set("stake")} required {...errors.describe("stake", "bet-stake")} />
        <FieldError id="bet-stake" message={errors.fields.stake} />
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="bet-placed">Placed at ({show.zone})</Label>
        <Input id="bet-placed" type="datetime-local" step={1} value={f.placedAt} onChange={set("placedAt")} required {...errors.describe("placedAt", "bet-placed")} />
        <FieldError id="bet-placed" message={errors.fields.placedAt} />
        <p className="text-xs text-muted-foreground">Before the game starts. A bet you enter after the start is marked as a late entry and left out of verified figures.</p>
      </div>
      <div className="flex flex-col gap-1 sm:col-span-2">
        <Label htmlFor="bet-note">Note</Label>
        <Input id="bet-note" value={f.note} onChange={set("note")} maxLength={500} {...errors.describe("note", "bet-note")} />
        <FieldError id="bet-note" message={errors.fields.note} />
      </div>
      <div className="rounded-md border bg-muted/40 p-3 text-sm sm:col-span-2" data-testid="bet-hint" aria-live="polite">
        {hint && decimal && decimal > 1 ? (
          <>
            Fair {formatPercent(hint.p)} ({hint.source}, no-vig) · EV {formatPercent(expectedValue(hint.p, decimal), 2)} · {kelly.fraction}× Kelly (cap {formatPercent(kelly.maxFraction)}){" "}
            {formatPercent(kellyFraction(hint.p, decimal, kelly), 2)}
            {bankroll ? ` = ${formatCents(Math.round(kellyFraction(hint.p, decimal, kelly) * bankroll.summary.balanceCents))}` : ""}
          </>
        ) : hint ? (
          <>Enter a price to see its EV against {hint.source} ({formatPercent(hint.p)} fair).</>
        ) : (
          <>No sharp book price for this selection{line !== null ? " at this line" : ""}: no EV hint.</>
        )}
      </div>
      {errors.form && <div className="sm:col-span-2"><FormError message={errors.form} /></div>}
      <Button type="submit" disabled={create.isPending || !f.bankrollId} className="sm:col-span-2">Save bet</Button>
    </form>
  );
}
