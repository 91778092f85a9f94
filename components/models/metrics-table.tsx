import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { EvaluationReport } from "@/server/domain/evaluation/report";

const fixed = (x: number | null | undefined, digits = 4) => (x === null || x === undefined || Number.isNaN(x) ? "-" : x.toFixed(digits));
const percent = (x: number | null | undefined) => (x === null || x === undefined ? "-" : `${(x * 100).toFixed(1)}%`);

export function MetricsTable({ report }: { report: EvaluationReport }) {
  const m = report.market;
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>Model</TableHead>
          <TableHead>Features</TableHead>
          <TableHead className="text-right">Log loss</TableHead>
          <TableHead className="text-right">Brier</TableHead>
          {report.classes === 3 && <TableHead className="text-right">RPS</TableHead>}
          <TableHead className="text-right">ECE</TableHead>
          <TableHead className="text-right" title="ECE a perfectly calibrated forecaster shows on these games, from sampling noise alone">ECE from noise</TableHead>
          <TableHead className="text-right">Accuracy</TableHead>
          <TableHead className="text-right">AUC</TableHead>
          <TableHead className="text-right">Bets</TableHead>
          <TableHead className="text-right">ROI</TableHead>
          <TableHead className="text-right">Mean CLV</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        <TableRow className="font-medium">
          <TableCell>Closing market</TableCell>
          <TableCell>no-vig close</TableCell>
          <TableCell className="text-right">{fixed(m.logLoss)}</TableCell>
          <TableCell className="text-right">{fixed(m.brier)}</TableCell>
          {report.classes === 3 && <TableCell className="text-right">{fixed(m.rps)}</TableCell>}
          <TableCell className="text-right">{fixed(m.ece)}</TableCell>
          <TableCell className="text-right">{fixed(m.eceNoise)}</TableCell>
          <TableCell className="text-right">{percent(m.accuracy)}</TableCell>
          <TableCell className="text-right">{fixed(m.auc, 3)}</TableCell>
          <TableCell className="text-right">-</TableCell>
          <TableCell className="text-right">-</TableCell>
          <TableCell className="text-right">-</TableCell>
        </TableRow>
        {report.models.map((r) => (
          <TableRow key={r.name}>
            <TableCell>{r.name}</TableCell>
            <TableCell>{r.group}</TableCell>
            <TableCell className="text-right">{fixed(r.logLoss)}</TableCell>
            <TableCell className="text-right">{fixed(r.brier)}</TableCell>
            {report.classes === 3 && <TableCell className="text-right">{fixed(r.rps)}</TableCell>}
            <TableCell className="text-right">
              {fixed(r.ece)}
              {!r.calibration.passed && (
                <span className="ml-1 text-destructive" title={`Above ${fixed(r.calibration.limit)}: not registered, no predictions`}>
                  (not served)
                </span>
              )}
            </TableCell>
            <TableCell className="text-right">{fixed(r.eceNoise)}</TableCell>
            <TableCell className="text-right">{percent(r.accuracy)}</TableCell>
            <TableCell className="text-right">{fixed(r.auc, 3)}</TableCell>
            <TableCell className="text-right">{r.strategy.bets}</TableCell>
            <TableCell className="text-right">{percent(r.strategy.roi)}</TableCell>
            <TableCell className="text-right">{percent(r.strategy.meanClv)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
