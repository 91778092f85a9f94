"use client";

import Link from "next/link";
import { notFound } from "next/navigation";
import { use, useState } from "react";
import { ImportanceChart, ReliabilityDiagram, SeasonChart } from "@/components/models/report-charts";
import { MetricsTable } from "@/components/models/metrics-table";
import { Predictions } from "@/components/models/predictions";
import { StatusBadge } from "@/components/models/status-badge";
import { ErrorState, LoadingRows } from "@/components/shell/states";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { idFromParam } from "@/server/api/schemas";
import { trpc } from "@/lib/trpc";

export default function EvaluationPage({ params }: { params: Promise<{ id: string }> }) {
  const id = idFromParam(use(params).id);
  const evaluation = trpc.models.evaluation.useQuery(
    { id: id ?? 0 },
    { enabled: id !== null, refetchInterval: (q) => (q.state.data && ["QUEUED", "RUNNING"].includes(q.state.data.status) ? 1000 : false) },
  );
  const [focus, setFocus] = useState<string | null>(null);
  if (id === null) notFound();
  if (evaluation.isLoading) return <LoadingRows />;
  if (evaluation.error) return <ErrorState message={evaluation.error.message} />;
  const e = evaluation.data!;
  const report = e.report;
  const focused = report?.models.find((m) => m.name === (focus ?? report.models.find((x) => x.importances.length)?.name)) ?? report?.models[0];
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <Link href="/models" className="text-sm underline">Model lab</Link>
          <h1 className="text-2xl font-semibold tracking-tight">{e.league.name}: walk-forward from {e.fromSeason}</h1>
        </div>
        <StatusBadge status={e.status} progress={e.progress} />
      </div>
      {(e.status === "QUEUED" || e.status === "RUNNING") && (
        <Card>
          <CardContent className="flex flex-col gap-2 pt-6">
            <div className="h-2 w-full overflow-hidden rounded bg-secondary" role="progressbar" aria-valuenow={Math.round(e.progress * 100)} aria-valuemin={0} aria-valuemax={100}>
              <div className="h-full bg-primary transition-all" style={{ width: `${Math.round(e.progress * 100)}%` }} />
            </div>
            <p className="text-sm text-muted-foreground">{e.status === "QUEUED" ? "Waiting for the job runner..." : (e.progressNote ?? "Working...")}</p>
          </CardContent>
        </Card>
      )}
      {e.status === "FAILED" && <ErrorState message={`The evaluation failed: ${e.error ?? "unknown error"}`} />}
      {e.reportNotice && <ErrorState message={e.reportNotice} />}
      {report && (
        <>
          <Card>
            <CardHeader><CardTitle className="text-base">Against the closing market</CardTitle></CardHeader>
            <CardContent className="flex flex-col gap-2">
              <p className="text-sm text-muted-foreground">
                {report.testGames} games in test seasons {report.testSeasons.join(", ")} (of {report.games} played), each predicted by models trained on{" "}
                {e.trainSeasons ? `the ${e.trainSeasons} seasons before it` : "every season before it"} (first window: {report.windows[0]?.trainSeasons.at(0)}-{report.windows[0]?.trainSeasons.at(-1)}); market: no-vig closing prices from {report.market.source}.
                Lower is better for log loss, Brier, RPS and ECE. The value strategy bets at {report.strategyPricing} when the model sees 3% or more expected value, quarter Kelly, at most 2% of a flat bankroll.
              </p>
              <MetricsTable report={report} />
            </CardContent>
          </Card>
          <Card>
            <CardHeader><CardTitle className="text-base">{report.classes === 3 ? "RPS" : "Log loss"} per test season</CardTitle></CardHeader>
            <CardContent><SeasonChart report={report} /></CardContent>
          </Card>
          <Card>
            <CardHeader className="flex flex-row items-end justify-between gap-2">
              <CardTitle className="text-base">Calibration and importances</CardTitle>
              <div className="flex flex-col gap-1">
                <Label htmlFor="focus-model">Model</Label>
                <NativeSelect id="focus-model" value={focused?.name} onChange={(ev) => setFocus(ev.target.value)}>
                  {report.models.map((m) => <option key={m.name} value={m.name}>{m.name}</option>)}
                </NativeSelect>
              </div>
            </CardHeader>
            <CardContent className="grid gap-6 md:grid-cols-2">
              <div>
                <p className="mb-1 text-sm font-medium">Reliability: {focused?.name}</p>
                {focused && <ReliabilityDiagram bins={focused.reliability} name={focused.name} />}
                <p className="mb-1 mt-4 text-sm font-medium">Reliability: closing market</p>
                <ReliabilityDiagram bins={report.market.reliability} name="closing market" />
              </div>
              <div>
                <p className="mb-1 text-sm font-medium">Feature importance: {focused?.name}</p>
                {focused?.importances.length ? (
                  <ImportanceChart importances={focused.importances} />
                ) : (
                  <p className="text-sm text-muted-foreground">An ensemble averages other models; pick one of its members to see importances.</p>
                )}
                {report.featuresWithoutData.length > 0 && (
                  <p className="mt-2 text-sm text-muted-foreground">
                    No injury reports were collected in the training seasons, so {report.featuresWithoutData.join(", ")} had no data there and
                    are not ranked. Models trained once reports have been collected for a season can use them.
                  </p>
                )}
              </div>
            </CardContent>
          </Card>
          <Predictions versions={e.versions} />
        </>
      )}
    </div>
  );
}
