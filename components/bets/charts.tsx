"use client";

import { Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export function BankrollChart({ curve }: { curve: { at: Date; balanceCents: number; profitCents: number }[] }) {
  const data = curve.map((p) => ({ at: p.at.toISOString().slice(0, 10), balance: p.balanceCents / 100, profit: p.profitCents / 100 }));
  if (data.length < 2) return <p className="text-sm text-muted-foreground">The chart appears once the bankroll has some history.</p>;
  return (
    <div className="h-64 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" className="stroke-border" />
          <XAxis dataKey="at" tick={{ fontSize: 12 }} minTickGap={24} />
          <YAxis tick={{ fontSize: 12 }} width={64} />
          <Tooltip contentStyle={{ fontSize: 12 }} />
          <Line type="stepAfter" dataKey="balance" name="Balance" stroke="#6366f1" dot={false} isAnimationActive={false} />
          <Line type="stepAfter" dataKey="profit" name="Realised profit" stroke="#10b981" dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

export function ClvHistogram({ buckets }: { buckets: { from: number; to: number; count: number }[] }) {
  const data = buckets.map((b) => ({ range: `${Math.round(b.from * 100)}%`, bets: b.count }));
  return (
    <div className="h-48 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" className="stroke-border" />
          <XAxis dataKey="range" tick={{ fontSize: 11 }} />
          <YAxis allowDecimals={false} tick={{ fontSize: 12 }} width={32} />
          <Tooltip contentStyle={{ fontSize: 12 }} />
          <Bar dataKey="bets" fill="#6366f1" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
