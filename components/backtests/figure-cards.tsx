"use client";

import { useDisplay } from "@/components/shell/preferences";
import type { BacktestFigures } from "@/server/domain/backtest/report";
import { cn } from "@/lib/utils";
import { figuresOf, type Figure } from "./figures";
import { NONE } from "./format";

export function FigureCard({ figure }: { figure: Figure }) {
  const missing = figure.value === null;
  return (
    <div className="flex min-w-0 flex-col gap-0.5 rounded-lg border bg-card p-3" title={figure.definition}>
      <dt className="text-xs font-medium text-muted-foreground">{figure.label}</dt>
      <dd
        className={cn(
          "text-xl font-semibold tabular-nums",
          figure.tone === "good" && "text-emerald-700 dark:text-emerald-400",
          figure.tone === "bad" && "text-red-700 dark:text-red-400",
          missing && "text-muted-foreground",
        )}
      >
        {missing ? NONE : figure.value}
      </dd>
      <dd className="text-xs text-muted-foreground">{missing ? `No figure: ${figure.missing}` : figure.basis}</dd>
    </div>
  );
}

/** The report's key figures as cards: each says what it is based on, a missing one says why. */
export function FigureCards({ figures }: { figures: BacktestFigures }) {
  const display = useDisplay();
  return (
    <dl className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-4" aria-label="Key figures">
      {figuresOf(figures, display.price).map((f) => (
        <FigureCard key={f.label} figure={f} />
      ))}
    </dl>
  );
}
