"use client";

import Link from "next/link";
import { notFound } from "next/navigation";
import { use } from "react";
import { parseReport } from "@/components/backtests/format";
import { BacktestReportView } from "@/components/backtests/report-view";
import { RunProgress } from "@/components/backtests/run-progress";
import { StatusBadge } from "@/components/models/status-badge";
import { ErrorState, LoadingRows } from "@/components/shell/states";
import { Card, CardContent } from "@/components/ui/card";
import { idFromParam } from "@/server/api/schemas";
import { trpc } from "@/lib/trpc";

const ACTIVE = ["QUEUED", "RUNNING"];

export default function BacktestPage({ params }: { params: Promise<{ id: string }> }) {
  const id = idFromParam(use(params).id);
  // Polled every second while the job runs; the report arrives with the row that says SUCCEEDED.
  const backtest = trpc.strategies.backtest.useQuery(
    { id: id ?? 0 },
    {
      enabled: id !== null,
      refetchInterval: (q) => (q.state.data && ACTIVE.includes(q.state.data.status) ? 1000 : false),
    },
  );
  const run = backtest.data;
  const strategy = trpc.strategies.get.useQuery({ id: run?.strategyId ?? 0 }, { enabled: !!run, staleTime: 60_000 });
  if (id === null) notFound();
  if (backtest.isLoading) return <LoadingRows />;
  if (backtest.error) return <ErrorState message={backtest.error.message} />;
  const b = run!;
  const report = b.status === "SUCCEEDED" ? parseReport(b.report) : null;
  const name = report?.strategyName ?? strategy.data?.name ?? `Strategy ${b.strategyId}`;
  // Other finished runs of the same strategy, newest first, for a one-click comparison.
  const others = (strategy.data?.backtests ?? []).filter((x) => x.status === "SUCCEEDED" && x.id !== b.id).slice(0, 3);
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <nav aria-label="Breadcrumb" className="text-sm">
            <Link href="/strategies" className="underline">
              Strategies
            </Link>{" "}
            /{" "}
            <Link href={`/strategies/${b.strategyId}`} className="underline">
              {strategy.data?.name ?? `Strategy ${b.strategyId}`}
            </Link>
          </nav>
          <h1 className="break-words text-2xl font-semibold tracking-tight">
            Backtest #{b.id}: {name}
          </h1>
        </div>
        <div className="flex items-center gap-3">
          {others.length > 0 && report && (
            <Link
              className="text-sm underline"
              href={`/backtests/compare?ids=${[b.id, ...others.map((o) => o.id)].join(",")}`}
            >
              Compare with {others.length === 1 ? "its other run" : `${others.length} other runs`}
            </Link>
          )}
          <StatusBadge status={b.status} progress={b.progress} />
        </div>
      </div>
      {(b.status === "QUEUED" || b.status === "RUNNING") && (
        <Card>
          <CardContent className="pt-4 sm:pt-6">
            <RunProgress status={b.status} progress={b.progress} note={b.progressNote} />
          </CardContent>
        </Card>
      )}
      {b.status === "FAILED" && <ErrorState message={`The backtest failed: ${b.error ?? "unknown error"}`} />}
      {b.status === "SUCCEEDED" && !report && (
        <ErrorState message="This run's report was written by another version of Linesmith and cannot be shown here; run the backtest again." />
      )}
      {report && (
        <BacktestReportView
          report={report}
          run={{
            id: b.id,
            strategyId: b.strategyId,
            createdAt: b.createdAt,
            finishedAt: b.finishedAt,
            request: b.request,
          }}
        />
      )}
    </div>
  );
}
