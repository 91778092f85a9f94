"use client";

import { AnalystCalls, AnalystStatusCard } from "@/components/analyst/analyst-status";
import { InverseTable } from "@/components/analyst/inverse-table";

export default function InversePage() {
  return (
    <div className="flex flex-col gap-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Inverse view and AI analyst</h1>
        <p className="text-sm text-muted-foreground">
          How betting each model&apos;s pick compares with betting the other side, and what Benny, the AI analyst, has been asked.
        </p>
      </div>
      <InverseTable />
      <AnalystStatusCard />
      <AnalystCalls />
    </div>
  );
}
