"use client";

import { useId, useRef } from "react";
import { cn } from "@/lib/utils";

/**
 * Accessible tabs (WAI-ARIA tabs pattern: arrow keys, Home and End move between tabs; only the selected tab is
 * in the tab order). The tab list scrolls sideways inside its box so six tabs fit a 360 px screen.
 */
export function Tabs<K extends string>({
  label,
  tabs,
  value,
  onChange,
  children,
}: {
  label: string;
  tabs: { key: K; label: string }[];
  value: K;
  onChange: (key: K) => void;
  children: React.ReactNode;
}) {
  const base = useId();
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const move = (index: number) => {
    const i = (index + tabs.length) % tabs.length;
    onChange(tabs[i]!.key);
    refs.current[i]?.focus();
  };
  const current = tabs.findIndex((t) => t.key === value);
  return (
    <div className="flex flex-col gap-3">
      <div
        role="tablist"
        aria-label={label}
        className="flex gap-1 overflow-x-auto rounded-md bg-muted p-1 [contain:inline-size]"
        onKeyDown={(e) => {
          if (e.key === "ArrowRight") move(current + 1);
          else if (e.key === "ArrowLeft") move(current - 1);
          else if (e.key === "Home") move(0);
          else if (e.key === "End") move(tabs.length - 1);
          else return;
          e.preventDefault();
        }}
      >
        {tabs.map((t, i) => (
          <button
            key={t.key}
            ref={(el) => {
              refs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`${base}-tab-${t.key}`}
            aria-selected={t.key === value}
            aria-controls={`${base}-panel`}
            tabIndex={t.key === value ? 0 : -1}
            onClick={() => onChange(t.key)}
            className={cn(
              "whitespace-nowrap rounded px-3 py-1 text-sm text-muted-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
              t.key === value && "bg-background font-medium text-foreground shadow-sm",
            )}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${base}-panel`} aria-labelledby={`${base}-tab-${value}`}>
        {children}
      </div>
    </div>
  );
}
