"use client";

import { useId, useMemo, useState } from "react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { SweepSummary } from "@/server/domain/backtest/report";
import { cn } from "@/lib/utils";
import {
  heatColour,
  heatmapGrid,
  NONE,
  pct,
  ratio,
  sortVariants,
  SWEEP_METRIC_LABEL,
  units,
  variantLabel,
  type SweepMetric,
} from "./format";

/** Variants listed before "show all"; a 1,000-variant sweep stays light until asked. */
export const SWEEP_ROWS = 50;

const metricText = (metric: SweepMetric, x: number | null) =>
  metric === "sharpe" ? ratio(x) : metric === "roi" ? pct(x, { signed: true }) : units(x, { signed: true });

/** The deflated Sharpe ratio and PBO of the sweep, each with what it means in one line. */
function OverfittingFigures({ sweep }: { sweep: SweepSummary }) {
  const n = sweep.variants.length.toLocaleString("en-US");
  return (
    <dl className="grid gap-2 sm:grid-cols-2">
      <div className="rounded-lg border p-3" title="Bailey and López de Prado (2014)">
        <dt className="text-xs font-medium text-muted-foreground">Deflated Sharpe ratio</dt>
        <dd className="text-xl font-semibold tabular-nums">
          {sweep.deflatedSharpe === null ? NONE : ratio(sweep.deflatedSharpe)}
        </dd>
        <dd className="text-xs text-muted-foreground">
          {sweep.deflatedSharpe === null
            ? "No figure: needs 2 or more variants with a Sharpe ratio and 3 or more betting days for the best one."
            : `The probability that the best variant's Sharpe beats what the best of ${n} variants with no real edge would show; near 1 is convincing, near 0 is what chance alone gives.`}
        </dd>
      </div>
      <div
        className="rounded-lg border p-3"
        title="Bailey, Borwein, López de Prado and Zhu (2016), CSCV with 16 blocks"
      >
        <dt className="text-xs font-medium text-muted-foreground">Probability of backtest overfitting</dt>
        <dd className="text-xl font-semibold tabular-nums">
          {sweep.pbo === null ? NONE : pct(sweep.pbo, { digits: 0 })}
        </dd>
        <dd className="text-xs text-muted-foreground">
          {sweep.pbo === null
            ? "No figure: needs 2 or more variants and enough dates for 16 blocks."
            : "How often the variant best on half of the dates is at or below the median on the other half (12,870 splits); above 50% means choosing the best is worse than choosing at random."}
        </dd>
      </div>
    </dl>
  );
}

/**
 * A two-parameter sweep as a grid: first parameter down, second across, colour by Sharpe or ROI. Every cell
 * carries its numbers in its title and aria-label, so the colours are never the only way to read it.
 */
export function SweepHeatmap({ sweep, metric }: { sweep: SweepSummary; metric: "sharpe" | "roi" }) {
  const captionId = useId();
  const grid = heatmapGrid(sweep);
  if (!grid) return null;
  const [down, across] = sweep.parameters;
  const maxAbs = sweep.variants.reduce((m, v) => Math.max(m, Math.abs(v[metric] ?? 0)), 0);
  return (
    <div className="flex flex-col gap-1">
      <p id={captionId} className="text-xs text-muted-foreground">
        Rows: <code>{down!.path}</code>; columns: <code>{across!.path}</code>; colour: {SWEEP_METRIC_LABEL[metric]}{" "}
        (green above 0, red below, grey: no figure). The best variant is outlined. Hover or focus a cell for its
        figures.
      </p>
      <div className="relative w-full overflow-x-auto [contain:inline-size]">
        <table
          aria-describedby={captionId}
          className="border-separate border-spacing-0.5 text-xs"
          aria-label={`${SWEEP_METRIC_LABEL[metric]} by ${down!.path} and ${across!.path}`}
        >
          <thead>
            <tr>
              <th scope="col" className="sr-only">
                {down!.path}
              </th>
              {grid.columns.map((c) => (
                <th
                  key={c}
                  scope="col"
                  className="px-1 py-1 text-center font-medium tabular-nums text-muted-foreground"
                >
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {grid.rows.map((r, ri) => (
              <tr key={r}>
                <th scope="row" className="px-1 text-right font-medium tabular-nums text-muted-foreground">
                  {r}
                </th>
                {grid.cells[ri]!.map((vi, ci) => {
                  const v = vi === null ? null : sweep.variants[vi]!;
                  const text = v
                    ? `${down!.path} = ${r}, ${across!.path} = ${grid.columns[ci]}: Sharpe ${ratio(v.sharpe)}, ROI ${pct(v.roi, { signed: true })}, profit ${units(v.profit, { signed: true })}, ${v.bets} bets${vi === sweep.best ? " (best)" : ""}`
                    : `${down!.path} = ${r}, ${across!.path} = ${grid.columns[ci]}: not run`;
                  return (
                    <td
                      key={ci}
                      title={text}
                      aria-label={text}
                      className={cn(
                        "h-8 min-w-12 rounded px-1 text-center tabular-nums",
                        vi === sweep.best && "outline outline-2 -outline-offset-2 outline-foreground",
                      )}
                      style={{ backgroundColor: heatColour(v ? v[metric] : null, maxAbs) }}
                    >
                      {v ? metricText(metric, v[metric]) : NONE}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function SortHead({
  metric,
  sort,
  onSort,
}: {
  metric: SweepMetric;
  sort: SweepMetric;
  onSort: (m: SweepMetric) => void;
}) {
  return (
    <TableHead className="text-right" aria-sort={sort === metric ? "descending" : "none"}>
      <button
        type="button"
        className={cn("underline-offset-2 hover:underline", sort === metric && "font-semibold text-foreground")}
        onClick={() => onSort(metric)}
      >
        {SWEEP_METRIC_LABEL[metric]}
        {sort === metric ? " ↓" : ""}
      </button>
    </TableHead>
  );
}

/** The sweep: verdict beside the best variant, overfitting figures, heatmap (2 parameters) and a sortable table. */
export function SweepSection({ sweep }: { sweep: SweepSummary }) {
  const [sort, setSort] = useState<SweepMetric>("sharpe");
  const [heat, setHeat] = useState<"sharpe" | "roi">("sharpe");
  const [all, setAll] = useState(false);
  const order = useMemo(() => sortVariants(sweep.variants, sort), [sweep.variants, sort]);
  const best = sweep.best === null ? null : sweep.variants[sweep.best];
  const rows = all ? order : order.slice(0, SWEEP_ROWS);
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-base">Sweep</CardTitle>
        <CardDescription>
          {sweep.variants.length.toLocaleString("en-US")} variants over{" "}
          {sweep.parameters.map((p) => `${p.path} (${p.values.length} values)`).join(" × ")}, run on the same data. The
          best is the variant with the highest daily Sharpe.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <div className="grid gap-3 md:grid-cols-2">
          <div className="rounded-lg border-2 border-primary/60 bg-best/40 p-3" data-testid="best-variant">
            <p className="text-xs font-medium text-muted-foreground">Best variant</p>
            {best ? (
              <>
                <p className="break-words font-medium">{variantLabel(sweep.parameters, best.values)}</p>
                <p className="text-sm tabular-nums">
                  Sharpe {ratio(best.sharpe)} · ROI {pct(best.roi, { signed: true })} · profit{" "}
                  {units(best.profit, { signed: true })} · {best.bets} bets
                </p>
              </>
            ) : (
              <p className="text-sm text-muted-foreground">
                No variant has a Sharpe ratio (each needs 2 or more betting days).
              </p>
            )}
          </div>
          <p className="text-sm" data-testid="sweep-verdict">
            {sweep.verdict}
          </p>
        </div>
        <OverfittingFigures sweep={sweep} />
        {sweep.parameters.length === 2 && (
          <div className="flex flex-col gap-2">
            <div className="flex flex-wrap items-end gap-2">
              <h3 className="text-sm font-medium">Heatmap</h3>
              <div className="ml-auto flex items-center gap-2">
                <Label htmlFor="heat-metric">Colour</Label>
                <NativeSelect
                  id="heat-metric"
                  className="w-auto"
                  value={heat}
                  onChange={(e) => setHeat(e.target.value as "sharpe" | "roi")}
                >
                  <option value="sharpe">Sharpe</option>
                  <option value="roi">ROI</option>
                </NativeSelect>
              </div>
            </div>
            <SweepHeatmap sweep={sweep} metric={heat} />
          </div>
        )}
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Variant</TableHead>
              <TableHead className="text-right">Bets</TableHead>
              <SortHead metric="profit" sort={sort} onSort={setSort} />
              <SortHead metric="roi" sort={sort} onSort={setSort} />
              <SortHead metric="sharpe" sort={sort} onSort={setSort} />
              <TableHead className="text-right">Max DD</TableHead>
              <TableHead className="text-right">Mean CLV</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((i) => {
              const v = sweep.variants[i]!;
              return (
                <TableRow
                  key={i}
                  className={cn(i === sweep.best && "bg-best/50 font-medium")}
                  aria-current={i === sweep.best ? "true" : undefined}
                >
                  <TableCell
                    className={cn("sm:whitespace-nowrap", i === sweep.best && "bg-best")}
                    title={v.strategyHash}
                  >
                    {variantLabel(sweep.parameters, v.values)}
                    {i === sweep.best ? " (best)" : ""}
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{v.bets.toLocaleString("en-US")}</TableCell>
                  <TableCell className="text-right tabular-nums">{units(v.profit, { signed: true })}</TableCell>
                  <TableCell className="text-right tabular-nums">{pct(v.roi, { signed: true })}</TableCell>
                  <TableCell className="text-right tabular-nums">{ratio(v.sharpe)}</TableCell>
                  <TableCell className="text-right tabular-nums">{pct(v.maxDrawdown)}</TableCell>
                  <TableCell className="text-right tabular-nums">{pct(v.meanClv, { signed: true })}</TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
        {order.length > SWEEP_ROWS && (
          <button type="button" className="self-start text-sm underline" onClick={() => setAll((a) => !a)}>
            {all ? `Show the top ${SWEEP_ROWS}` : `Show all ${order.length.toLocaleString("en-US")} variants`}
          </button>
        )}
      </CardContent>
    </Card>
  );
}
