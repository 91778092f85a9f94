"use client";

import {
  Area,
  AreaChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { EquityPoint } from "@/server/domain/backtest/report";
import { dayLabel, normalisedCurves, pct, units, type CompareSeries } from "./format";

const BANKROLL = "#6366f1";
const DRAWDOWN = "#ef4444";
export const SERIES_COLOURS = ["#6366f1", "#10b981", "#f59e0b", "#0ea5e9"];
// The default tooltip is white: its text is set dark so it reads in the dark theme too.
const TOOLTIP = { contentStyle: { fontSize: 12, color: "#111827" }, labelStyle: { color: "#111827" } };

// The x axis is time (milliseconds of the UTC date), so a quiet month between seasons takes its real width
// rather than looking like the next betting day.
const timeOf = (date: string) => Date.parse(`${date}T00:00:00Z`);
const dateOf = (t: unknown) => new Date(Number(t)).toISOString().slice(0, 10);
const TIME_AXIS = {
  dataKey: "t",
  type: "number" as const,
  scale: "time" as const,
  domain: ["dataMin", "dataMax"] as [string, string],
  tick: { fontSize: 11 },
  tickFormatter: (t: number) => dayLabel(dateOf(t), "short"),
  minTickGap: 24,
};

/**
 * The bankroll at the end of each betting date, with the drawdown from the running peak underneath on the
 * same time axis (hovering one shows the other's date). Dates are the UTC calendar dates bets are settled on.
 */
export function EquityChart({ equity, startBankroll }: { equity: EquityPoint[]; startBankroll: number }) {
  const data = equity.map((p) => ({ t: timeOf(p.date), bankroll: p.bankroll, drawdown: -p.drawdown }));
  const deepest = equity.reduce((m, p) => Math.max(m, p.drawdown), 0);
  const last = equity.at(-1);
  const label = last
    ? `Equity curve from ${dayLabel(equity[0]!.date)} to ${dayLabel(last.date)}: bankroll ${units(startBankroll)} to ${units(last.bankroll)}, deepest drawdown ${pct(deepest)}.`
    : "Equity curve: no dates";
  return (
    <div className="flex flex-col gap-1" role="img" aria-label={label}>
      <div className="h-64 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} syncId="equity" margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" className="stroke-border" />
            <XAxis {...TIME_AXIS} />
            <YAxis
              tick={{ fontSize: 11 }}
              width={64}
              domain={["auto", "auto"]}
              tickFormatter={(v: number) => units(v, { digits: Math.abs(v) >= 1000 ? 0 : 2 })}
            />
            <Tooltip
              {...TOOLTIP}
              labelFormatter={(t) => dayLabel(dateOf(t))}
              formatter={(v) => [units(Number(v)), "Bankroll"]}
            />
            <ReferenceLine y={startBankroll} stroke="#9ca3af" strokeDasharray="4 3" />
            <Line
              type="stepAfter"
              dataKey="bankroll"
              name="Bankroll"
              stroke={BANKROLL}
              dot={false}
              strokeWidth={2}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <div className="h-28 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <AreaChart data={data} syncId="equity" margin={{ top: 0, right: 12, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" className="stroke-border" />
            <XAxis {...TIME_AXIS} />
            <YAxis
              tick={{ fontSize: 11 }}
              width={64}
              tickFormatter={(v: number) => pct(v, { digits: 1 })}
              domain={["auto", 0]}
            />
            <Tooltip
              {...TOOLTIP}
              labelFormatter={(t) => dayLabel(dateOf(t))}
              formatter={(v) => [pct(-Number(v)), "Drawdown"]}
            />
            <Area
              dataKey="drawdown"
              name="Drawdown"
              stroke={DRAWDOWN}
              fill={DRAWDOWN}
              fillOpacity={0.25}
              type="stepAfter"
              isAnimationActive={false}
            />
          </AreaChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
}

/** Several runs' equity curves overlaid, each divided by its starting bankroll (1.00 = where it started). */
export function CompareEquityChart({ series, names }: { series: CompareSeries[]; names: Record<string, string> }) {
  const data = normalisedCurves(series).map((row) => ({ ...row, t: timeOf(String(row.date)) }));
  return (
    <div
      className="h-72 w-full"
      role="img"
      aria-label={`Equity curves of ${series.length} backtests, each divided by its starting bankroll`}
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" className="stroke-border" />
          <XAxis {...TIME_AXIS} />
          <YAxis
            tick={{ fontSize: 11 }}
            width={48}
            domain={["auto", "auto"]}
            tickFormatter={(v: number) => v.toFixed(2)}
          />
          <Tooltip
            {...TOOLTIP}
            labelFormatter={(t) => dayLabel(dateOf(t))}
            formatter={(v, name) => [`${Number(v).toFixed(4)} × start`, String(name)]}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <ReferenceLine y={1} stroke="#9ca3af" strokeDasharray="4 3" />
          {series.map((s, i) => (
            <Line
              key={s.key}
              type="stepAfter"
              dataKey={s.key}
              name={names[s.key] ?? s.key}
              stroke={SERIES_COLOURS[i % SERIES_COLOURS.length]}
              dot={false}
              strokeWidth={2}
              connectNulls={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
