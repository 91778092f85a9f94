"use client";

import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis } from "recharts";
import type { EvaluationReport } from "@/server/domain/evaluation/report";

const COLORS = ["#6366f1", "#10b981", "#f59e0b", "#ef4444", "#0ea5e9", "#a855f7", "#14b8a6", "#84cc16"];
const MARKET = "#111827";

/** Log loss (or RPS for 1X2) per test season, each model beside the closing market. */
export function SeasonChart({ report }: { report: EvaluationReport }) {
  const metric = report.classes === 3 ? "rps" : "logLoss";
  const data = report.testSeasons.map((season) => {
    const row: Record<string, number> = { season };
    const market = report.market.perSeason.find((s) => s.season === season);
    if (market) row.market = Number((market[metric] ?? NaN).toFixed(4));
    for (const m of report.models) {
      const s = m.perSeason.find((p) => p.season === season);
      if (s) row[m.name] = Number((s[metric] ?? NaN).toFixed(4));
    }
    return row;
  });
  return (
    <div className="h-72 w-full" role="img" aria-label={`${metric === "rps" ? "RPS" : "Log loss"} per season`}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" className="stroke-border" />
          <XAxis dataKey="season" tick={{ fontSize: 12 }} />
          <YAxis tick={{ fontSize: 12 }} width={56} domain={["auto", "auto"]} />
          <Tooltip contentStyle={{ fontSize: 12 }} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Line dataKey="market" name="Closing market" stroke={MARKET} strokeDasharray="4 3" dot={false} isAnimationActive={false} />
          {report.models.map((m, i) => (
            <Line key={m.name} dataKey={m.name} stroke={COLORS[i % COLORS.length]} dot={false} isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Predicted probability against observed frequency per bin; the diagonal is perfect calibration. */
export function ReliabilityDiagram({ bins, name }: { bins: EvaluationReport["market"]["reliability"]; name: string }) {
  const points = bins.map((b) => ({ predicted: Number(b.meanPredicted.toFixed(3)), observed: Number(b.observed.toFixed(3)), count: b.count }));
  return (
    <div className="h-56 w-full" role="img" aria-label={`Reliability diagram for ${name}`}>
      <ResponsiveContainer width="100%" height="100%">
        <ScatterChart margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" className="stroke-border" />
          <XAxis type="number" dataKey="predicted" name="Predicted" domain={[0, 1]} tick={{ fontSize: 11 }} />
          <YAxis type="number" dataKey="observed" name="Observed" domain={[0, 1]} tick={{ fontSize: 11 }} width={40} />
          <ZAxis type="number" dataKey="count" range={[20, 200]} name="Predictions" />
          <Tooltip contentStyle={{ fontSize: 12 }} />
          <Scatter data={[{ predicted: 0, observed: 0, count: 0 }, { predicted: 1, observed: 1, count: 0 }]} line={{ stroke: "#9ca3af", strokeDasharray: "4 3" }} shape={() => <g />} legendType="none" isAnimationActive={false} />
          <Scatter data={points} fill="#6366f1" line={{ stroke: "#6366f1" }} isAnimationActive={false} />
        </ScatterChart>
      </ResponsiveContainer>
    </div>
  );
}

export function ImportanceChart({ importances }: { importances: { feature: string; importance: number }[] }) {
  const data = importances.slice(0, 15).map((f) => ({ feature: f.feature, share: Number((f.importance * 100).toFixed(1)) }));
  return (
    <div className="w-full" style={{ height: 28 * data.length + 40 }} role="img" aria-label="Feature importances">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" className="stroke-border" />
          <XAxis type="number" unit="%" tick={{ fontSize: 11 }} />
          <YAxis type="category" dataKey="feature" width={170} tick={{ fontSize: 11 }} />
          <Tooltip contentStyle={{ fontSize: 12 }} />
          <Bar dataKey="share" name="Share of importance" fill="#6366f1" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
