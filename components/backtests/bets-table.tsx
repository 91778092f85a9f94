"use client";

import { Download } from "lucide-react";
import { useState } from "react";
import { useDisplay } from "@/components/shell/preferences";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatLine } from "@/lib/format";
import type { ReportBet } from "@/server/domain/backtest/report";
import { cn } from "@/lib/utils";
import { betLabel, dayLabel, pct, units } from "./format";

export const BETS_PAGE_SIZE = 50;

const RESULT_LABEL: Record<string, string> = {
  win: "Won",
  loss: "Lost",
  push: "Push",
  "half-win": "Half won",
  "half-loss": "Half lost",
};

/** The URL of every bet of a run as CSV (the stored report keeps the first 2,000; the export has them all). */
export const betsCsvUrl = (backtestId: number) => `/api/v1/backtests/${backtestId}/bets.csv`;

/** The run's bets, a page at a time, kick-offs in the user's zone and prices in their odds format. */
export function BetsTable({
  bets,
  truncated,
  backtestId,
  totalBets,
}: {
  bets: ReportBet[];
  truncated: boolean;
  backtestId: number;
  totalBets: number;
}) {
  const display = useDisplay();
  const [page, setPage] = useState(0);
  const pages = Math.max(1, Math.ceil(bets.length / BETS_PAGE_SIZE));
  const shown = bets.slice(page * BETS_PAGE_SIZE, (page + 1) * BETS_PAGE_SIZE);
  const first = bets.length ? page * BETS_PAGE_SIZE + 1 : 0;
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-muted-foreground">
          {truncated
            ? `The report keeps the first ${bets.length.toLocaleString("en-US")} of ${totalBets.toLocaleString("en-US")} bets; the CSV has every one.`
            : `${totalBets.toLocaleString("en-US")} ${totalBets === 1 ? "bet" : "bets"}. Kick-offs in ${display.zone}; stakes and profits in bankroll units.`}
        </p>
        <Button asChild variant="outline" size="sm">
          <a href={betsCsvUrl(backtestId)} download>
            <Download aria-hidden /> Export CSV
          </a>
        </Button>
      </div>
      {bets.length > 0 && (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Kick-off</TableHead>
              <TableHead>Game</TableHead>
              <TableHead>League</TableHead>
              <TableHead>Bet</TableHead>
              <TableHead>Book</TableHead>
              <TableHead className="text-right">Price</TableHead>
              <TableHead className="text-right" title="The strategy's probability of the selection">
                Prob.
              </TableHead>
              <TableHead className="text-right" title="probability × price − 1">
                Edge
              </TableHead>
              <TableHead>Tier</TableHead>
              <TableHead className="text-right">Stake</TableHead>
              <TableHead>Result</TableHead>
              <TableHead className="text-right">Profit</TableHead>
              <TableHead className="text-right" title="Pinnacle's closing price">
                Close
              </TableHead>
              <TableHead className="text-right" title="price × Pinnacle's closing no-vig probability − 1">
                CLV
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {shown.map((b, i) => (
              <TableRow key={`${page}-${i}`}>
                <TableCell className="sm:whitespace-nowrap" title={`Bet date (UTC): ${dayLabel(b.date)}`}>
                  {display.dateTime(new Date(b.kickoff))}
                </TableCell>
                <TableCell className="whitespace-nowrap">{b.game}</TableCell>
                <TableCell className="whitespace-nowrap">{b.league}</TableCell>
                <TableCell className="whitespace-nowrap">
                  {betLabel(b.market, b.selection)}
                  {b.line !== null ? ` ${formatLine(b.line)}` : ""}
                </TableCell>
                <TableCell>{b.bookmaker}</TableCell>
                <TableCell className="text-right tabular-nums">{display.price(b.price)}</TableCell>
                <TableCell className="text-right tabular-nums">{pct(b.probability)}</TableCell>
                <TableCell className="text-right tabular-nums">{pct(b.edge, { signed: true })}</TableCell>
                <TableCell>{b.tier || "—"}</TableCell>
                <TableCell className="text-right tabular-nums">{units(b.stake)}</TableCell>
                <TableCell>{RESULT_LABEL[b.result] ?? b.result}</TableCell>
                <TableCell
                  className={cn(
                    "text-right tabular-nums",
                    b.profit < 0
                      ? "text-red-700 dark:text-red-400"
                      : b.profit > 0 && "text-emerald-700 dark:text-emerald-400",
                  )}
                >
                  {units(b.profit, { signed: true })}
                </TableCell>
                <TableCell className="text-right tabular-nums">{display.price(b.closingPrice)}</TableCell>
                <TableCell
                  className="text-right tabular-nums"
                  title={b.clv === null ? "No Pinnacle closing price" : undefined}
                >
                  {pct(b.clv, { signed: true })}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {pages > 1 && (
        <nav className="flex items-center justify-between gap-2 text-sm" aria-label="Bets pages">
          <Button variant="outline" size="sm" disabled={page === 0} onClick={() => setPage((p) => p - 1)}>
            Previous
          </Button>
          <span className="tabular-nums text-muted-foreground" aria-live="polite">
            {first.toLocaleString("en-US")}–{Math.min(bets.length, first + BETS_PAGE_SIZE - 1).toLocaleString("en-US")}{" "}
            of {bets.length.toLocaleString("en-US")}
          </span>
          <Button variant="outline" size="sm" disabled={page >= pages - 1} onClick={() => setPage((p) => p + 1)}>
            Next
          </Button>
        </nav>
      )}
    </div>
  );
}
