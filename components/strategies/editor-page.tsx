"use client";

import { useMemo } from "react";
import { trpc } from "@/lib/trpc";
import { BOOKMAKERS } from "@/server/domain/imports/catalogue";
import type { StrategyInput } from "@/server/domain/strategies/schema";
import { StrategyEditor } from "./strategy-editor";

/** Individual bookmakers only: "best" never takes the market maximum or average aggregates. */
const BOOKMAKER_KEYS = Object.values(BOOKMAKERS)
  .filter((b) => !b.isAggregate)
  .map((b) => b.key);

/**
 * The editor with what the app knows filled in: model names and league keys from the Model lab's options
 * (the leagues with data), bookmaker keys from the catalogue. The summary line and live preview are wired here.
 */
export function StrategyEditorWithData(props: {
  initial: StrategyInput;
  onSave: (strategy: StrategyInput) => void;
  saving: boolean;
  saveError?: string | undefined;
}) {
  const options = trpc.models.options.useQuery();
  const models = useMemo(
    () => [...new Set((options.data ?? []).flatMap((l) => l.models.map((m) => m.name)))].sort(),
    [options.data],
  );
  const leagues = useMemo(() => (options.data ?? []).map((l) => l.key), [options.data]);
  return (
    <StrategyEditor {...props} models={models} leagueSuggestions={leagues} bookmakerSuggestions={BOOKMAKER_KEYS} />
  );
}
