"use client";

import { useEffect, useRef, useState } from "react";
import { Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { trpc } from "@/lib/trpc";
import { formatPercent, plural } from "@/lib/format";
import type { StrategyInput } from "@/server/domain/strategies/schema";

type PreviewAnswer = NonNullable<ReturnType<typeof trpc.strategies.preview.useMutation>["data"]>;
const DEBOUNCE_MS = 400;

/**
 * The live mini-backtest beside the editor: the strategy over the last completed season of its leagues,
 * asked for 400 ms after the last edit. Answers arriving out of order are ignored (only the latest request
 * counts), so a slow answer never overwrites a newer one.
 */
export function BacktestPreview({ strategy }: { strategy: StrategyInput }) {
  const preview = trpc.strategies.preview.useMutation();
  const [answer, setAnswer] = useState<PreviewAnswer | null>(null);
  const latest = useRef(0);
  const text = JSON.stringify(strategy);
  const { mutateAsync } = preview;

  useEffect(() => {
    const ticket = ++latest.current;
    const timer = setTimeout(() => {
      mutateAsync({ strategy: JSON.parse(text) as unknown })
        .then((a) => {
          if (ticket === latest.current) setAnswer(a);
        })
        .catch(() => {});
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, mutateAsync]);

  if (preview.error && !answer) return <p className="text-sm text-destructive">{preview.error.message}</p>;
  if (!answer) return <p className="text-sm text-muted-foreground">Running on the last completed season...</p>;
  if (!answer.ok) return <p className="text-sm text-muted-foreground">Fix the problems below to see the preview.</p>;
  const start = answer.startBankroll;
  return (
    <div className="flex flex-col gap-3 text-sm" data-testid="strategy-preview" aria-busy={preview.isPending}>
      <p className="text-muted-foreground">
        {answer.season === null
          ? "No played games yet."
          : `Season ${answer.season}-${String((answer.season + 1) % 100).padStart(2, "0")}, ${plural(answer.games, "game")}, bankroll ${start}.`}
      </p>
      <dl className="grid grid-cols-2 gap-x-3 gap-y-1">
        <dt className="text-muted-foreground">Bets</dt>
        <dd className="text-right tabular-nums" data-testid="preview-bets">
          {answer.bets}
        </dd>
        <dt className="text-muted-foreground">ROI</dt>
        <dd className="text-right tabular-nums">{answer.roi === null ? "—" : formatPercent(answer.roi)}</dd>
        <dt className="text-muted-foreground">Mean CLV</dt>
        <dd className="text-right tabular-nums" title="Over the bets with a Pinnacle closing price">
          {answer.meanClv === null ? "—" : formatPercent(answer.meanClv)}
        </dd>
        <dt className="text-muted-foreground">Profit</dt>
        <dd className="text-right tabular-nums">{answer.profit.toFixed(2)}</dd>
        <dt className="text-muted-foreground">Max drawdown</dt>
        <dd className="text-right tabular-nums">{formatPercent(answer.maxDrawdown)}</dd>
      </dl>
      {answer.equity.length > 1 && (
        <div
          className="h-32"
          aria-label={`Bankroll from ${start} to ${answer.finalBankroll.toFixed(2)} over the season`}
          role="img"
        >
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={answer.equity} margin={{ top: 4, right: 4, bottom: 0, left: 0 }}>
              <XAxis dataKey="date" hide />
              <YAxis domain={["auto", "auto"]} width={36} tick={{ fontSize: 10 }} />
              <Tooltip formatter={(v) => Number(v).toFixed(2)} />
              <Line
                type="monotone"
                dataKey="bankroll"
                dot={false}
                strokeWidth={1.5}
                stroke="var(--color-primary, currentColor)"
                isAnimationActive={false}
              />
            </LineChart>
          </ResponsiveContainer>
        </div>
      )}
      {answer.notes.map((n) => (
        <p key={n} className="text-xs text-muted-foreground">
          {n}
        </p>
      ))}
      <p className="text-xs text-muted-foreground">
        Computed in {answer.milliseconds} ms. The full backtest runs every season as a job.
      </p>
    </div>
  );
}
