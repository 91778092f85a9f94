"use client";

import type { Market } from "@/server/domain/vocabulary";
import Link from "next/link";
import { useEffect, useState } from "react";
import { FieldError, FormError, useFormErrors } from "@/components/shell/form-errors";
import { useDisplay } from "@/components/shell/preferences";
import { EmptyState, LoadingRows } from "@/components/shell/states";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input, NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatLine, formatMatchup, formatPercent, MARKET_LABEL, plural, SELECTION_LABEL } from "@/lib/format";
import { trpc } from "@/lib/trpc";
import { zonedTimeToUtc } from "@/server/domain/time/zoned";
import { LiveMovesCards } from "@/components/scanners/live-moves";
import { StrategyScan } from "@/components/scanners/strategy-scan";

export default function ScannersPage() {
  const show = useDisplay();
  const leagues = trpc.leagues.list.useQuery();
  const kelly = trpc.systemSettings.get.useQuery().data?.kelly;
  const delay = trpc.scanners.delay.useQuery();
  const [form, setForm] = useState({ day: "2024-05-19", league: "", market: "", minEv: "2", asOf: "kickoff", time: "12:00" });
  const [query, setQuery] = useState<typeof form | null>(null);
  const errors = useFormErrors<"day" | "minEv" | "asOf">({ day: "day", minEv: "minEv", asOf: "asOf" });
  const scan = trpc.scanners.scan.useQuery(
    {
      day: query?.day ?? "",
      league: query?.league || undefined,
      market: (query?.market || undefined) as Market | undefined,
      minEv: Number(query?.minEv ?? 2) / 100,
      asOf: query?.asOf === "time" ? zonedTimeToUtc(query.day, query.time, show.timeZone) : null,
    },
    { enabled: query !== null },
  );
  const scanError = scan.error;
  useEffect(() => {
    if (scanError) errors.fromServer(scanError);
  }, [scanError]); // eslint-disable-line react-hooks/exhaustive-deps -- report each failed scan once
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setForm({ ...form, [k]: e.target.value });
  const games = new Map(scan.data?.games.map((g) => [g.id, g]));
  const gameLabel = (id: number) => {
    const g = games.get(id);
    return g ? <Link className="hover:underline" href={`/games/${id}`}>{formatMatchup(g)}</Link> : id;
  };
  const book = (key: string) => scan.data?.bookmakers[key] ?? key;
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold tracking-tight">Scanners</h1>
      {delay.data?.notice && (
        <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100" data-testid="scanner-delay">
          {delay.data.notice}{" "}
          <Link className="underline" href="/settings/billing">
            Upgrade
          </Link>
        </p>
      )}
      <p className="text-sm text-muted-foreground">
        Value bets, best prices, arbitrage, steam and reverse line moves over stored snapshots of one match-day (UTC). Archives have no live feed: choose
        whether prices count as known at each game&apos;s kick-off (closing prices) or at a time of day (opening prices only, for games after it).
      </p>
      <StrategyScan />
      <h2 className="text-lg font-semibold tracking-tight">Scan a match-day</h2>
      <form
        className="grid grid-cols-2 gap-3 sm:grid-cols-6"
        onSubmit={(e) => {
          e.preventDefault();
          errors.clear();
          const minEv = form.minEv.trim() === "" ? NaN : Number(form.minEv);
          if (!Number.isFinite(minEv) || minEv < -100 || minEv > 100) return errors.fail("minEv", "enter a percentage between -100 and 100, such as 2");
          setQuery(form);
        }}
      >
        <div className="flex flex-col gap-1"><Label htmlFor="scan-day">Match-day</Label><Input id="scan-day" type="date" value={form.day} onChange={set("day")} required /></div>
        <div className="flex flex-col gap-1">
          <Label htmlFor="scan-league">League</Label>
          <NativeSelect id="scan-league" value={form.league} onChange={set("league")}>
            <option value="">All leagues</option>
            {leagues.data?.map((l) => <option key={l.key} value={l.key}>{l.name}</option>)}
          </NativeSelect>
        </div>
        <div className="flex flex-col gap-1">
          <Label htmlFor="scan-market">Market</Label>
          <NativeSelect id="scan-market" value={form.market} onChange={set("market")}>
            <option value="">All markets</option>
            {Object.entries(MARKET_LABEL).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
          </NativeSelect>
        </div>
        <div className="flex flex-col gap-1"><Label htmlFor="scan-ev">Min EV %</Label><Input id="scan-ev" inputMode="decimal" value={form.minEv} onChange={set("minEv")} {...errors.describe("minEv", "scan-ev")} /><FieldError id="scan-ev" message={errors.fields.minEv} /></div>
        <div className="flex flex-col gap-1">
          <Label htmlFor="scan-asof">Prices as of</Label>
          <NativeSelect id="scan-asof" value={form.asOf} onChange={set("asOf")}>
            <option value="kickoff">Each kick-off</option>
            <option value="time">A time ({show.zone})</option>
          </NativeSelect>
          {form.asOf === "time" && <Input aria-label={`As-of time (${show.zone})`} type="time" value={form.time} onChange={set("time")} />}
        </div>
        <Button type="submit" className="self-end">Scan</Button>
      </form>

      {query === null ? (
        <EmptyState title="Pick a match-day and scan">Try a Premier League Sunday such as 2024-05-19.</EmptyState>
      ) : scan.isLoading ? (
        <LoadingRows />
      ) : scan.error ? (
        <FormError message={errors.form || "Check the fields marked above."} />
      ) : scan.data!.games.length === 0 ? (
        <EmptyState title="No games that day">Pick another date, or import data for it.</EmptyState>
      ) : (
        <>
          <p className="text-sm text-muted-foreground" data-testid="scan-summary">
            {plural(scan.data!.games.length, "game")}, {plural(scan.data!.quotes, "stored price")}{scan.data!.truncated ? " (first 300 games only)" : ""}.
          </p>
          <Card>
            <CardHeader>
              <CardTitle className="text-base">Value bets ({scan.data!.valueBets.length})</CardTitle>
              <CardDescription>Best price at a real book against the sharp book&apos;s no-vig price (Pinnacle first). {kelly ? `Stake: ${kelly.fraction}× Kelly, capped at ${formatPercent(kelly.maxFraction)}.` : ""}</CardDescription>
            </CardHeader>
            <CardContent>
              {scan.data!.valueBets.length === 0 ? <p className="text-sm text-muted-foreground">None at this minimum EV (or no sharp book priced these markets).</p> : (
                <Table>
                  <TableHeader><TableRow><TableHead>Game</TableHead><TableHead>Market</TableHead><TableHead>Pick</TableHead><TableHead>Book</TableHead><TableHead className="text-right">Price</TableHead><TableHead className="text-right">Fair</TableHead><TableHead className="text-right">EV</TableHead><TableHead className="text-right">Kelly</TableHead></TableRow></TableHeader>
                  <TableBody>
                    {scan.data!.valueBets.map((v, i) => (
                      <TableRow key={i}>
                        <TableCell>{gameLabel(v.gameId)}</TableCell>
                        <TableCell>{MARKET_LABEL[v.market]} {formatLine(v.line)}</TableCell>
                        <TableCell>{SELECTION_LABEL[v.selection]}</TableCell>
                        <TableCell>{book(v.bookmaker)}</TableCell>
                        <TableCell className="tabular text-right">{show.price(v.price)}</TableCell>
                        <TableCell className="tabular text-right" title={`from ${book(v.fairSource)}`}>{formatPercent(v.fairProbability)}</TableCell>
                        <TableCell className="tabular text-right">{formatPercent(v.ev)}</TableCell>
                        <TableCell className="tabular text-right">{formatPercent(v.kelly, 2)}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              )}
            </CardContent>
          </Card>
          <Card>
            <CardHeader><CardTitle className="text-base">Arbitrage ({scan.data!.arbitrages.length})</CardTitle></CardHeader>
            <CardContent className="overflow-x-auto text-sm">
              {scan.data!.arbitrages.length === 0 ? <p className="text-muted-foreground">No sure profit among the best prices.</p> : (
                <ul className="flex flex-col gap-2">
                  {scan.data!.arbitrages.map((a, i) => (
                    <li key={i}>
                      {gameLabel(a.gameId)} · {MARKET_LABEL[a.market]} {formatLine(a.line)}: <strong>{formatPercent(a.profit, 2)}</strong> —{" "}
                      {a.legs.map((l) => `${SELECTION_LABEL[l.selection]} ${show.price(l.price)} at ${book(l.bookmaker)} (${formatPercent(l.stake)})`).join(", ")}
                    </li>
                  ))}
                </ul>
              )}
            </CardContent>
          </Card>
          <Card>
            <CardHeader><CardTitle className="text-base">Line shopping</CardTitle><CardDescription>Best price per selection and how many books price it.</CardDescription></CardHeader>
            <CardContent>
              <Table>
                <TableHeader><TableRow><TableHead>Game</TableHead><TableHead>Market</TableHead><TableHead>Best prices</TableHead></TableRow></TableHeader>
                <TableBody>
                  {scan.data!.lines.filter((l) => l.period === "FULL_GAME").slice(0, 200).map((l, i) => (
                    <TableRow key={i}>
                      <TableCell>{gameLabel(l.gameId)}</TableCell>
                      <TableCell>{MARKET_LABEL[l.market]} {formatLine(l.line)}</TableCell>
                      <TableCell className="tabular">{l.best.map((b) => `${SELECTION_LABEL[b.selection]} ${show.price(b.price)} ${book(b.bookmaker)} (${plural(b.books, "book")})`).join(" · ")}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </CardContent>
          </Card>
          <LiveMovesCards data={scan.data!} gameLabel={gameLabel} book={book} />
        </>
      )}
    </div>
  );
}
