"use client";

import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { Suspense, useState } from "react";
import { LoadingRows } from "@/components/shell/states";
import { StrategyEditorWithData } from "@/components/strategies/editor-page";
import { BLANK_STRATEGY } from "@/components/strategies/templates";
import { STRATEGY_TEMPLATES } from "@/server/domain/strategies/templates";
import { trpc } from "@/lib/trpc";

function NewStrategy() {
  const router = useRouter();
  const templateId = useSearchParams().get("template");
  const [initial] = useState(() =>
    structuredClone(STRATEGY_TEMPLATES.find((t) => t.id === templateId)?.strategy ?? BLANK_STRATEGY),
  );
  const utils = trpc.useUtils();
  const save = trpc.strategies.save.useMutation({
    onSuccess: async (saved) => {
      await utils.strategies.list.invalidate();
      router.replace(`/strategies/${saved.id}`);
    },
  });
  return (
    <StrategyEditorWithData
      initial={initial}
      saving={save.isPending}
      saveError={save.error?.message}
      onSave={(strategy) => save.mutate({ strategy })}
    />
  );
}

export default function NewStrategyPage() {
  return (
    <div className="flex flex-col gap-4">
      <div>
        <Link href="/strategies" className="text-sm underline">
          Strategies
        </Link>
        <h1 className="text-2xl font-semibold tracking-tight">New strategy</h1>
      </div>
      <Suspense fallback={<LoadingRows rows={4} />}>
        <NewStrategy />
      </Suspense>
    </div>
  );
}
