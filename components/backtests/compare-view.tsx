"use client";

import Link from "next/link";
import { useDisplay } from "@/components/shell/preferences";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { BacktestReport } from "@/server/domain/backtest/report";
import { cn } from "@/lib/utils";
import { CopyHash } from "./copy-hash";
import { CompareEquityChart, SERIES_COLOURS } from "./equity-chart";
import { figuresOf } from "./figures";
import { comparability, dayLabel, NONE } from "./format";

export interface ComparedRun {
  id: number;
  report: BacktestReport;
}

/**
 * 2 to 4 successful runs side by side: what each tested on (hash, data range, code version) first, so a reader
 * sees whether they are comparable, then the key figures in columns and the equity curves overlaid.
 */
export function CompareView({ runs }: { runs: ComparedRun[] }) {
  const display = useDisplay();
  const figures = runs.map((r) => figuresOf(r.report.figures, display.price));
  const names = Object.fromEntries(runs.map((r) => [`run${r.id}`, `#${r.id} ${r.report.strategyName}`]));
  // `warn`: a difference in this row makes the figures less comparable (a different strategy is the point).
  const facts: {
    label: string;
    cell: (r: BacktestReport) => React.ReactNode;
    key: (r: BacktestReport) => string;
    warn?: boolean;
  }[] = [
    { label: "Strategy hash", cell: (r) => <CopyHash hash={r.strategyHash} />, key: (r) => r.strategyHash },
    {
      label: "Data range",
      cell: (r) => `${dayLabel(r.data.from)} to ${dayLabel(r.data.to)}`,
      key: (r) => `${r.data.from}|${r.data.to}`,
      warn: true,
    },
    { label: "Games", cell: (r) => r.data.games.toLocaleString("en-US"), key: (r) => String(r.data.games), warn: true },
    {
      label: "Seasons",
      cell: (r) => (r.data.seasons.length ? `${r.data.seasons[0]}–${r.data.seasons.at(-1)}` : NONE),
      key: (r) => r.data.seasons.join(","),
      warn: true,
    },
    {
      label: "Leagues",
      cell: (r) => r.data.leagues.join(", ") || NONE,
      key: (r) => r.data.leagues.join(","),
      warn: true,
    },
    {
      label: "Code version",
      cell: (r) => <code className="text-xs">{r.codeVersion}</code>,
      key: (r) => r.codeVersion,
      warn: true,
    },
  ];
  const reports = runs.map((r) => r.report);
  const differs = (key: (r: BacktestReport) => string) => new Set(reports.map(key)).size > 1;
  return (
    <div className="flex flex-col gap-4">
      <p className="text-sm" role="status" data-testid="comparability">
        {comparability(reports)}
      </p>
      <Card>
        <CardHeader>
          <CardTitle className="text-base">Side by side</CardTitle>
          <CardDescription>
            Rows in which the runs differ in what they were tested on are marked. Amounts are in each strategy&apos;s
            bankroll units.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Run</TableHead>
                {runs.map((r, i) => (
                  <TableHead key={r.id} className="min-w-40 align-top">
                    <span className="flex items-start gap-1.5 py-1">
                      <span
                        aria-hidden
                        className="mt-1 inline-block h-2.5 w-2.5 shrink-0 rounded-full"
                        style={{ backgroundColor: SERIES_COLOURS[i % SERIES_COLOURS.length] }}
                      />
                      <Link className="font-medium text-foreground underline" href={`/backtests/${r.id}`}>
                        #{r.id} {r.report.strategyName}
                      </Link>
                    </span>
                  </TableHead>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>
              {facts.map((f) => {
                const differ = differs(f.key);
                const warn = differ && f.warn;
                return (
                  <TableRow
                    key={f.label}
                    className={cn(warn && "bg-amber-50 hover:bg-amber-50 dark:bg-amber-950 dark:hover:bg-amber-950")}
                  >
                    <TableCell
                      className={cn(
                        "text-muted-foreground sm:whitespace-nowrap",
                        warn && "bg-amber-50 dark:bg-amber-950",
                      )}
                    >
                      {f.label}
                      {differ && (
                        <span className={cn("ml-1", warn && "text-amber-800 dark:text-amber-300")}>(differs)</span>
                      )}
                    </TableCell>
                    {runs.map((r) => (
                      <TableCell key={r.id}>{f.cell(r.report)}</TableCell>
                    ))}
                  </TableRow>
                );
              })}
              {figures[0]!.map((fig, row) => (
                <TableRow key={fig.label}>
                  <TableCell className="text-muted-foreground sm:whitespace-nowrap" title={fig.definition}>
                    {fig.label}
                  </TableCell>
                  {figures.map((col, i) => {
                    const x = col[row]!;
                    return (
                      <TableCell
                        key={runs[i]!.id}
                        className="tabular-nums"
                        title={x.value === null ? `No figure: ${x.missing}` : x.basis}
                      >
                        {x.value ?? NONE}
                      </TableCell>
                    );
                  })}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle className="text-base">Equity curves</CardTitle>
          <CardDescription>
            Each run&apos;s bankroll divided by its starting bankroll (1.00 = where it started), on UTC dates.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <CompareEquityChart
            series={runs.map((r) => ({
              key: `run${r.id}`,
              startBankroll: r.report.figures.startBankroll,
              equity: r.report.equity,
            }))}
            names={names}
          />
        </CardContent>
      </Card>
    </div>
  );
}
