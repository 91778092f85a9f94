"use client";

import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

// The default tooltip is white: its text is set dark so it reads in the dark theme too.
const TOOLTIP = { contentStyle: { fontSize: 12, color: "#111827" }, labelStyle: { color: "#111827" } };

/** The paper bankroll's equity (capital plus realised profit) after each ledger entry, on a time axis. */
export function BotEquity({ points, capitalCents, format }: { points: { at: Date; profitCents: number }[]; capitalCents: number; format: (at: Date) => string }) {
  const data = points.map((p) => ({ t: new Date(p.at).getTime(), equity: (capitalCents + p.profitCents) / 100 }));
  if (data.length < 2) return <p className="text-sm text-muted-foreground">The curve appears once bets have settled.</p>;
  return (
    <div className="h-56 w-full" role="img" aria-label="Equity curve">
      <ResponsiveContainer>
        <LineChart data={data} margin={{ left: 4, right: 24, top: 8, bottom: 4 }}>
          <CartesianGrid strokeDasharray="3 3" opacity={0.3} />
          <XAxis dataKey="t" type="number" scale="time" domain={["dataMin", "dataMax"]} tickFormatter={(t: number) => format(new Date(t)).slice(0, 10)} fontSize={11} />
          {/* Around the curve, not from 0: a few percent either way is what a bankroll's curve shows. */}
          <YAxis fontSize={11} width={56} domain={["auto", "auto"]} />
          <Tooltip {...TOOLTIP} labelFormatter={(t) => format(new Date(Number(t)))} formatter={(v) => [Number(v).toFixed(2), "Equity"]} />
          <Line type="stepAfter" dataKey="equity" stroke="#6366f1" dot={false} strokeWidth={2} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
