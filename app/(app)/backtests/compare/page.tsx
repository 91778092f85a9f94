"use client";

import Link from "next/link";
import { use } from "react";
import { CompareView, type ComparedRun } from "@/components/backtests/compare-view";
import { compareIds, parseReport } from "@/components/backtests/format";
import { ErrorState, LoadingRows } from "@/components/shell/states";
import { idFromParam } from "@/server/api/schemas";
import { trpc } from "@/lib/trpc";

export default function CompareBacktestsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const parsed = compareIds(use(searchParams).ids, idFromParam);
  const ids = "ids" in parsed ? parsed.ids : [];
  const queries = trpc.useQueries((t) => ids.map((id) => t.strategies.backtest({ id })));
  const heading = (
    <div>
      <Link href="/strategies" className="text-sm underline">
        Strategies
      </Link>
      <h1 className="text-2xl font-semibold tracking-tight">Compare backtests</h1>
    </div>
  );
  if ("error" in parsed)
    return (
      <div className="flex flex-col gap-4">
        {heading}
        <ErrorState message={parsed.error} />
      </div>
    );
  if (queries.some((q) => q.isLoading)) return <LoadingRows />;
  // A run that cannot be compared says why, and the others are still compared when at least two are left.
  const problems: string[] = [];
  const runs: ComparedRun[] = [];
  queries.forEach((q, i) => {
    const id = ids[i]!;
    if (q.error) problems.push(`Backtest #${id}: ${q.error.message}`);
    else if (q.data!.status !== "SUCCEEDED")
      problems.push(`Backtest #${id} is ${q.data!.status.toLowerCase()}: only finished runs can be compared.`);
    else {
      const report = parseReport(q.data!.report);
      if (report) runs.push({ id, report });
      else problems.push(`Backtest #${id}'s report was written by another version of Linesmith.`);
    }
  });
  return (
    <div className="flex flex-col gap-4">
      {heading}
      {problems.map((p) => (
        <ErrorState key={p} message={p} />
      ))}
      {runs.length >= 2 ? (
        <CompareView runs={runs} />
      ) : (
        <p className="text-sm text-muted-foreground">At least two finished backtests are needed to compare.</p>
      )}
    </div>
  );
}
