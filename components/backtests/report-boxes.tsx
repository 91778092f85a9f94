import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { BacktestReport, MonteCarloSummary } from "@/server/domain/backtest/report";
import { pct, skippedSentence, units } from "./format";

/** Signals that passed the rules but were not bet because of a limit, and which limit. */
export function SkippedSignals({ skipped }: { skipped: BacktestReport["skipped"] }) {
  const sentence = skippedSentence(skipped);
  return (
    <p className="text-sm text-muted-foreground" data-testid="skipped-signals">
      {sentence ? `${sentence}.` : "Every signal that passed the rules was taken: no limit stopped a bet."}
    </p>
  );
}

/** 5th, 50th and 95th percentiles of max drawdown and final bankroll over reshuffled bet orders. */
export function MonteCarloBox({ monteCarlo, bets }: { monteCarlo: MonteCarloSummary | null; bets: number }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-base">Monte Carlo</CardTitle>
        <CardDescription>
          {monteCarlo
            ? `${monteCarlo.runs.toLocaleString("en-US")} reshufflings of the bet order: the same ${bets.toLocaleString("en-US")} bets in random orders, each bet sized relative to the bankroll it met (flat stakes replayed as they were). How bad could the path have been with the same bets?`
            : "Needs at least two bets to reshuffle."}
        </CardDescription>
      </CardHeader>
      {monteCarlo && (
        <CardContent className="flex flex-col gap-3">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Percentile</TableHead>
                <TableHead className="text-right">5th</TableHead>
                <TableHead className="text-right">50th</TableHead>
                <TableHead className="text-right">95th</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              <TableRow>
                <TableCell className="sm:whitespace-nowrap">Max drawdown</TableCell>
                <TableCell className="text-right tabular-nums">{pct(monteCarlo.maxDrawdown.p5)}</TableCell>
                <TableCell className="text-right tabular-nums">{pct(monteCarlo.maxDrawdown.p50)}</TableCell>
                <TableCell className="text-right tabular-nums">{pct(monteCarlo.maxDrawdown.p95)}</TableCell>
              </TableRow>
              <TableRow>
                <TableCell className="sm:whitespace-nowrap">Final bankroll</TableCell>
                <TableCell className="text-right tabular-nums">{units(monteCarlo.finalBankroll.p5)}</TableCell>
                <TableCell className="text-right tabular-nums">{units(monteCarlo.finalBankroll.p50)}</TableCell>
                <TableCell className="text-right tabular-nums">{units(monteCarlo.finalBankroll.p95)}</TableCell>
              </TableRow>
            </TableBody>
          </Table>
          <p className="text-sm">
            Probability of ruin: <strong className="tabular-nums">{pct(monteCarlo.probabilityOfRuin)}</strong>{" "}
            <span className="text-muted-foreground">
              (share of the {monteCarlo.runs.toLocaleString("en-US")} orders in which the bankroll fell to 0 or below)
            </span>
          </p>
        </CardContent>
      )}
    </Card>
  );
}

/** What every figure above takes for granted, and what the data could not support. */
export function AssumptionsBox({ assumptions, notes }: { assumptions: string[]; notes: string[] }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-base">Assumptions</CardTitle>
        <CardDescription>What these figures take for granted; real betting is harder.</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-3 text-sm">
        <ul className="list-disc space-y-1 pl-5">
          {assumptions.map((a) => (
            <li key={a}>{a}</li>
          ))}
        </ul>
        {notes.length > 0 && (
          <div
            role="note"
            aria-label="Notes on the data"
            className="rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-950 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100"
          >
            <p className="mb-1 font-medium">Notes on the data</p>
            <ul className="list-disc space-y-1 pl-5">
              {notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          </div>
        )}
      </CardContent>
    </Card>
  );
}
