import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { SweepSummary } from "@/server/domain/backtest/report";
import type { WalkForwardStep } from "@/server/domain/backtest/walk-forward";
import { NONE, pct, pooled, ratio, units, variantLabel } from "./format";

const SHARPE_TOTAL = "A Sharpe ratio over all steps needs their daily returns, which the report does not keep.";

/**
 * Walk-forward optimisation: for each test season, the variant chosen on the seasons before it, with its
 * in-sample figures beside what it then did out of sample. The gap is how much of the sweep's best was luck.
 */
export function WalkForwardTable({ steps, sweep }: { steps: WalkForwardStep[]; sweep: SweepSummary | null }) {
  if (!steps.length)
    return (
      <p className="text-sm text-muted-foreground">
        No step: each needs an earlier season to choose on and a variant with a Sharpe ratio there.
      </p>
    );
  const chosen = (s: WalkForwardStep) => {
    const v = sweep?.variants[s.chosen];
    return v && sweep ? variantLabel(sweep.parameters, v.values) : s.inSample.name;
  };
  const inTotal = pooled(steps.map((s) => s.inSample));
  const outTotal = pooled(steps.map((s) => s.outOfSample));
  const side = "border-l text-right tabular-nums";
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead rowSpan={2}>Test season</TableHead>
          <TableHead rowSpan={2}>Trained on</TableHead>
          <TableHead rowSpan={2}>Chosen variant</TableHead>
          <TableHead colSpan={3} className="border-l text-center">
            In sample
          </TableHead>
          <TableHead colSpan={3} className="border-l text-center">
            Out of sample
          </TableHead>
        </TableRow>
        <TableRow>
          <TableHead className="border-l text-right">Bets</TableHead>
          <TableHead className="text-right">ROI</TableHead>
          <TableHead className="text-right">Sharpe</TableHead>
          <TableHead className="border-l text-right">Bets</TableHead>
          <TableHead className="text-right">ROI</TableHead>
          <TableHead className="text-right">Sharpe</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {steps.map((s) => (
          <TableRow key={s.testSeason}>
            <TableCell className="tabular-nums">{s.testSeason}</TableCell>
            <TableCell className="whitespace-nowrap tabular-nums">
              {s.trainSeasons.length > 1 ? `${s.trainSeasons[0]}–${s.trainSeasons.at(-1)}` : s.trainSeasons[0]}
            </TableCell>
            <TableCell className="whitespace-nowrap">{chosen(s)}</TableCell>
            <TableCell className={side}>{s.inSample.bets.toLocaleString("en-US")}</TableCell>
            <TableCell className="text-right tabular-nums">{pct(s.inSample.roi, { signed: true })}</TableCell>
            <TableCell className="text-right tabular-nums">{ratio(s.inSample.sharpe)}</TableCell>
            <TableCell className={side}>{s.outOfSample.bets.toLocaleString("en-US")}</TableCell>
            <TableCell className="text-right tabular-nums">{pct(s.outOfSample.roi, { signed: true })}</TableCell>
            <TableCell className="text-right tabular-nums">{ratio(s.outOfSample.sharpe)}</TableCell>
          </TableRow>
        ))}
        <TableRow className="font-medium">
          <TableCell colSpan={3}>
            Total{" "}
            <span className="font-normal text-muted-foreground">
              (ROI pooled; profit in sample {units(inTotal.profit, { signed: true })}, out of sample{" "}
              {units(outTotal.profit, { signed: true })})
            </span>
          </TableCell>
          <TableCell className={side}>{inTotal.bets.toLocaleString("en-US")}</TableCell>
          <TableCell className="text-right tabular-nums">{pct(inTotal.roi, { signed: true })}</TableCell>
          <TableCell
            className="text-right text-muted-foreground"
            title={SHARPE_TOTAL}
            aria-label={`No figure: ${SHARPE_TOTAL}`}
          >
            {NONE}
          </TableCell>
          <TableCell className={side}>{outTotal.bets.toLocaleString("en-US")}</TableCell>
          <TableCell className="text-right tabular-nums">{pct(outTotal.roi, { signed: true })}</TableCell>
          <TableCell
            className="text-right text-muted-foreground"
            title={SHARPE_TOTAL}
            aria-label={`No figure: ${SHARPE_TOTAL}`}
          >
            {NONE}
          </TableCell>
        </TableRow>
      </TableBody>
    </Table>
  );
}
