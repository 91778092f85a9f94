"use client";

import Link from "next/link";
import { notFound } from "next/navigation";
import { use, useState } from "react";
import { ErrorState, LoadingRows } from "@/components/shell/states";
import { StrategyEditorWithData } from "@/components/strategies/editor-page";
import { RunBacktest } from "@/components/strategies/run-backtest";
import { idFromParam } from "@/server/api/schemas";
import { trpc } from "@/lib/trpc";

export default function StrategyPage({ params }: { params: Promise<{ id: string }> }) {
  const id = idFromParam(use(params).id);
  const strategy = trpc.strategies.get.useQuery({ id: id ?? 0 }, { enabled: id !== null });
  const utils = trpc.useUtils();
  const [savedNote, setSavedNote] = useState("");
  const save = trpc.strategies.save.useMutation({
    onSuccess: async (saved) => {
      setSavedNote(`Saved as version ${saved.version} (${saved.hash.slice(0, 12)}).`);
      await Promise.all([utils.strategies.get.invalidate({ id: saved.id }), utils.strategies.list.invalidate()]);
    },
  });
  if (id === null) notFound();
  if (strategy.isLoading) return <LoadingRows />;
  if (strategy.error) return <ErrorState message={strategy.error.message} />;
  const s = strategy.data!;
  return (
    <div className="flex flex-col gap-4">
      <div>
        <Link href="/strategies" className="text-sm underline">
          Strategies
        </Link>
        <h1 className="text-2xl font-semibold tracking-tight">{s.name}</h1>
        <p className="text-sm text-muted-foreground" role="status">
          {savedNote || `Version ${s.version}${s.hash ? `, ${s.hash.slice(0, 12)}` : ""}`}
        </p>
      </div>
      {s.definition ? (
        <StrategyEditorWithData
          // The editor holds its own copy: only a strategy from the server (not our own save) starts it again.
          key={s.id}
          initial={s.definition}
          saving={save.isPending}
          saveError={save.error?.message}
          onSave={(definition) => save.mutate({ id: s.id, version: s.version, strategy: definition })}
        />
      ) : (
        <ErrorState message="This strategy's stored definition is not one this version of Linesmith can read." />
      )}
      {s.definition && <RunBacktest strategyId={s.id} definition={s.definition} runs={s.backtests} />}
    </div>
  );
}
