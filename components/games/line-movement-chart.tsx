"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { MARKET_LABEL, SELECTION_LABEL } from "@/lib/format";

const COLORS = ["#10b981", "#6366f1", "#f59e0b", "#ef4444", "#06b6d4", "#a855f7", "#84cc16", "#f97316", "#64748b", "#ec4899"];

export interface Movement {
  market: string;
  selection: string;
  measure: "line" | "price";
  points: { label: string; values: Record<string, number> }[];
}

export function LineMovementChart({ movement }: { movement: Movement }) {
  const books = [...new Set(movement.points.flatMap((p) => Object.keys(p.values)))];
  const data = movement.points.map((p) => ({ label: p.label, ...p.values }));
  return (
    <figure className="flex flex-col gap-2">
      <figcaption className="text-sm font-medium">
        {MARKET_LABEL[movement.market]}: {SELECTION_LABEL[movement.selection]} {movement.measure}
      </figcaption>
      <div className="h-64 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" className="stroke-border" />
            <XAxis dataKey="label" tick={{ fontSize: 12 }} />
            <YAxis domain={["auto", "auto"]} tick={{ fontSize: 12 }} width={48} />
            <Tooltip contentStyle={{ fontSize: 12 }} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {books.map((b, i) => (
              <Line key={b} type="linear" dataKey={b} stroke={COLORS[i % COLORS.length]} strokeWidth={2} dot connectNulls isAnimationActive={false} />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
