"use client";

import Link from "next/link";
import { useDisplay } from "@/components/shell/preferences";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { BacktestReport } from "@/server/domain/backtest/report";
import { BetsTable } from "./bets-table";
import { BreakdownTabs } from "./breakdowns";
import { CopyHash } from "./copy-hash";
import { EquityChart } from "./equity-chart";
import { FigureCards } from "./figure-cards";
import { dayLabel } from "./format";
import { AssumptionsBox, MonteCarloBox, SkippedSignals } from "./report-boxes";
import { SweepSection } from "./sweep-section";
import { WalkForwardTable } from "./walk-forward";

/** The run's facts a reader checks before trusting a figure: what was tested, on what, by which code. */
export interface RunFacts {
  id: number;
  strategyId: number;
  createdAt: Date;
  finishedAt: Date | null;
  request: { fromSeason: number | null; toSeason: number | null };
}

const seasonsText = (seasons: number[]) =>
  seasons.length === 0
    ? "no seasons"
    : seasons.length === 1
      ? `season ${seasons[0]}`
      : seasons.every((s, i) => i === 0 || s === seasons[i - 1]! + 1)
        ? `seasons ${seasons[0]}–${seasons.at(-1)}`
        : `seasons ${seasons.join(", ")}`;

/** Strategy name, its plain-English summary, the data read, the strategy hash and the engine's version. */
export function ReportHeader({ report, run }: { report: BacktestReport; run: RunFacts }) {
  const display = useDisplay();
  const d = report.data;
  return (
    <div className="flex flex-col gap-2">
      <p className="text-base">{report.summary}</p>
      <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="text-muted-foreground">Data</dt>
        <dd data-testid="data-range">
          {d.games.toLocaleString("en-US")} games, {seasonsText(d.seasons)},{" "}
          {d.leagues.length ? `${d.leagues.length === 1 ? "league" : "leagues"} ${d.leagues.join(", ")}` : "no league"}
          {d.from && d.to ? ` (${dayLabel(d.from)} to ${dayLabel(d.to)}, UTC dates)` : ""}
        </dd>
        <dt className="text-muted-foreground">Strategy hash</dt>
        <dd>
          <CopyHash hash={report.strategyHash} />
        </dd>
        <dt className="text-muted-foreground">Code version</dt>
        <dd>
          <code className="rounded bg-muted px-1 text-xs">{report.codeVersion}</code>{" "}
          <span className="text-muted-foreground">
            · ran {display.dateTime(run.createdAt)} in {report.seconds.toFixed(2)} s
          </span>
        </dd>
      </dl>
    </div>
  );
}

/** The whole report of a successful run, section by section. */
export function BacktestReportView({ report, run }: { report: BacktestReport; run: RunFacts }) {
  const f = report.figures;
  return (
    <div className="flex flex-col gap-4">
      <ReportHeader report={report} run={run} />
      <FigureCards figures={f} />
      <Card>
        <CardHeader>
          <CardTitle className="text-base">Equity curve and drawdown</CardTitle>
          <CardDescription>
            Bankroll at the end of each betting date (bankroll units, start {f.startBankroll} dashed), and below it the
            fall from the running peak. Dates are UTC calendar dates, the days bets are settled on.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <EquityChart equity={report.equity} startBankroll={f.startBankroll} />
        </CardContent>
      </Card>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card className="min-w-0 self-start">
          <CardHeader>
            <CardTitle className="text-base">Breakdowns</CardTitle>
          </CardHeader>
          <CardContent>
            <BreakdownTabs breakdowns={report.breakdowns} />
          </CardContent>
        </Card>
        <div className="flex min-w-0 flex-col gap-4">
          <MonteCarloBox monteCarlo={report.monteCarlo} bets={f.bets} />
          <Card>
            <CardHeader>
              <CardTitle className="text-base">Signals not taken</CardTitle>
            </CardHeader>
            <CardContent>
              <SkippedSignals skipped={report.skipped} />
            </CardContent>
          </Card>
        </div>
      </div>
      {report.sweep && <SweepSection sweep={report.sweep} />}
      {report.walkForward && (
        <Card>
          <CardHeader>
            <CardTitle className="text-base">Walk-forward optimisation</CardTitle>
            <CardDescription>
              Each season is tested with the variant that had the best Sharpe on the seasons before it, starting from
              the strategy&apos;s bankroll. In-sample figures are what the choice saw; out-of-sample figures are what it
              earned.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <WalkForwardTable steps={report.walkForward} sweep={report.sweep} />
          </CardContent>
        </Card>
      )}
      <Card>
        <CardHeader>
          <CardTitle className="text-base">Bets</CardTitle>
        </CardHeader>
        <CardContent>
          <BetsTable bets={report.bets} truncated={report.betsTruncated} backtestId={run.id} totalBets={f.bets} />
        </CardContent>
      </Card>
      <AssumptionsBox assumptions={report.assumptions} notes={report.notes} />
      <p className="text-sm">
        <Link className="underline" href={`/strategies/${run.strategyId}`}>
          Back to the strategy
        </Link>
      </p>
    </div>
  );
}
