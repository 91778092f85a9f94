"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { ErrorState } from "@/components/shell/states";
import { useDisplay } from "@/components/shell/preferences";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input, NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { trpc } from "@/lib/trpc";
import { fieldLabelAt, numericPaths, parseValues } from "./sweep-paths";

interface RunRow {
  id: number;
  status: "QUEUED" | "RUNNING" | "SUCCEEDED" | "FAILED";
  strategyHash: string;
  createdAt: Date;
  dataFrom: Date | null;
  dataTo: Date | null;
  request: { sweep: { parameters: { path: string }[] } | null };
}

interface ParameterDraft {
  path: string;
  values: string;
}

/**
 * Runs the saved strategy's full backtest as a job (every season, or the ones chosen), optionally as a sweep
 * over one or two of its numbers with walk-forward optimisation, and lists the past runs to open or compare.
 */
export function RunBacktest({
  strategyId,
  definition,
  runs,
}: {
  strategyId: number;
  definition: unknown;
  runs: RunRow[];
}) {
  const router = useRouter();
  const { dateTime } = useDisplay();
  const paths = useMemo(() => numericPaths(definition), [definition]);
  const [fromSeason, setFrom] = useState("");
  const [toSeason, setTo] = useState("");
  const [params, setParams] = useState<ParameterDraft[]>([]);
  const [walkForward, setWalkForward] = useState(false);
  const [trainSeasons, setTrainSeasons] = useState("3");
  const [problem, setProblem] = useState<string | null>(null);
  const [compare, setCompare] = useState<number[]>([]);
  const request = trpc.strategies.requestBacktest.useMutation({
    onSuccess: ({ backtestId }) => router.push(`/backtests/${backtestId}`),
  });

  const submit = () => {
    setProblem(null);
    const season = (s: string) => (s.trim() === "" ? undefined : Number(s));
    const parameters = [];
    for (const p of params) {
      const parsed = parseValues(p.values);
      if ("error" in parsed) return setProblem(`${p.path}: ${parsed.error}`);
      parameters.push({ path: p.path, values: parsed.values });
    }
    request.mutate({
      strategyId,
      idempotencyKey: crypto.randomUUID(),
      fromSeason: season(fromSeason),
      toSeason: season(toSeason),
      sweep: parameters.length
        ? { parameters, ...(walkForward ? { walkForward: { trainSeasons: Number(trainSeasons) } } : {}) }
        : undefined,
    });
  };

  return (
    <Card className="min-w-0">
      <CardHeader>
        <CardTitle className="text-base">Backtest</CardTitle>
        <CardDescription>
          Every played season of the strategy&apos;s leagues, or the seasons you choose. A sweep tries every combination
          of the values you give and says how likely its best result is luck. It runs the last saved version.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <div className="grid gap-3 sm:grid-cols-2">
          <div className="flex flex-col gap-1">
            <Label htmlFor="bt-from">First season (optional)</Label>
            <Input
              id="bt-from"
              inputMode="numeric"
              placeholder="2016"
              value={fromSeason}
              onChange={(e) => setFrom(e.target.value)}
            />
          </div>
          <div className="flex flex-col gap-1">
            <Label htmlFor="bt-to">Last season (optional)</Label>
            <Input
              id="bt-to"
              inputMode="numeric"
              placeholder="2024"
              value={toSeason}
              onChange={(e) => setTo(e.target.value)}
            />
          </div>
        </div>
        {params.map((p, i) => (
          <fieldset key={i} className="flex min-w-0 flex-col gap-2 rounded-md border p-3">
            <legend className="px-1 text-sm font-medium">Sweep parameter {i + 1}</legend>
            <Label htmlFor={`sweep-path-${i}`}>Number to vary</Label>
            <NativeSelect
              id={`sweep-path-${i}`}
              value={p.path}
              onChange={(e) => setParams(params.map((q, j) => (j === i ? { ...q, path: e.target.value } : q)))}
            >
              {paths.map((n) => (
                <option key={n.path} value={n.path}>
                  {fieldLabelAt(definition, n.path) ? `${fieldLabelAt(definition, n.path)}: ` : ""}
                  {n.label} = {n.value}
                </option>
              ))}
            </NativeSelect>
            <Label htmlFor={`sweep-values-${i}`}>Values (as stored: 0.02 is 2%)</Label>
            <Input
              id={`sweep-values-${i}`}
              placeholder="0.01, 0.02, 0.03 or 0.01..0.05 step 0.01"
              value={p.values}
              onChange={(e) => setParams(params.map((q, j) => (j === i ? { ...q, values: e.target.value } : q)))}
            />
            <div>
              <Button
                type="button"
                variant="ghost"
                size="sm"
                onClick={() => setParams(params.filter((_, j) => j !== i))}
              >
                Remove parameter
              </Button>
            </div>
          </fieldset>
        ))}
        <div className="flex flex-wrap items-center gap-2">
          {params.length < 2 && paths.length > 0 && (
            <Button
              type="button"
              variant="outline"
              size="sm"
              onClick={() => setParams([...params, { path: paths[0]!.path, values: String(paths[0]!.value) }])}
            >
              Add a sweep parameter
            </Button>
          )}
          {params.length > 0 && (
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={walkForward} onChange={(e) => setWalkForward(e.target.checked)} />
              Walk-forward: choose on the previous
              <Input
                aria-label="Seasons to choose on"
                className="h-8 w-14"
                inputMode="numeric"
                value={trainSeasons}
                onChange={(e) => setTrainSeasons(e.target.value)}
              />
              seasons, test on the next
            </label>
          )}
        </div>
        {problem && <ErrorState message={problem} />}
        {request.error && <ErrorState message={request.error.message} />}
        <div>
          <Button type="button" onClick={submit} disabled={request.isPending}>
            {request.isPending ? "Starting..." : params.length ? "Run sweep" : "Run backtest"}
          </Button>
        </div>
        {runs.length > 0 && (
          <div className="flex flex-col gap-2">
            <h3 className="text-sm font-medium">Runs</h3>
            <ul className="flex flex-col gap-1 text-sm">
              {runs.map((r) => (
                <li key={r.id} className="flex flex-wrap items-center gap-2">
                  <input
                    type="checkbox"
                    aria-label={`Compare run ${r.id}`}
                    disabled={r.status !== "SUCCEEDED" || (!compare.includes(r.id) && compare.length >= 4)}
                    checked={compare.includes(r.id)}
                    onChange={(e) =>
                      setCompare(e.target.checked ? [...compare, r.id] : compare.filter((c) => c !== r.id))
                    }
                  />
                  <Link href={`/backtests/${r.id}`} className="underline">
                    Run {r.id}
                  </Link>
                  <span className="text-muted-foreground">
                    {r.status.toLowerCase()}, {dateTime(r.createdAt)}
                    {r.request.sweep
                      ? `, sweep of ${r.request.sweep.parameters.map((p) => p.path).join(" x ")}`
                      : ""}, {r.strategyHash.slice(0, 8)}
                  </span>
                </li>
              ))}
            </ul>
            {compare.length >= 2 && (
              <div>
                <Button asChild variant="outline" size="sm">
                  <Link href={`/backtests/compare?ids=${compare.join(",")}`}>Compare {compare.length} runs</Link>
                </Button>
              </div>
            )}
          </div>
        )}
      </CardContent>
    </Card>
  );
}
