"use client";

import { useMemo } from "react";
import { trpc } from "@/lib/trpc";
import { BOOKMAKERS } from "@/server/domain/imports/catalogue";
import type { StrategyInput } from "@/server/domain/strategies/schema";
import { summarizeStrategy } from "@/server/domain/strategies/summary";
import { parseStrategy } from "@/server/domain/strategies/validate";
import { BacktestPreview } from "./preview";
import type { RuleError } from "./rule-builder/rule-builder";
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
  const leagueNames = useMemo(() => new Map((options.data ?? []).map((l) => [l.key, l.name])), [options.data]);
  const bookNames = useMemo(() => new Map(Object.values(BOOKMAKERS).map((b) => [b.key, b.name])), []);
  // The language's own checks (look-ahead, unknown fields, values against the registry) beside the schema's.
  const validate = useMemo(
    () =>
      (strategy: StrategyInput): RuleError[] => {
        const parsed = parseStrategy(strategy);
        return parsed.ok
          ? []
          : parsed.errors.filter((e) => e.code !== "schema").map((e) => ({ path: e.path, message: e.message }));
      },
    [],
  );
  const summary = useMemo(
    () => (strategy: StrategyInput) => {
      const parsed = parseStrategy(strategy);
      if (!parsed.ok) return "Fix the problems below to read the strategy in words.";
      return summarizeStrategy(parsed.strategy, {
        league: (k) => leagueNames.get(k) ?? k,
        book: (k) => bookNames.get(k) ?? k,
      });
    },
    [leagueNames, bookNames],
  );
  return (
    <StrategyEditor
      {...props}
      models={models}
      leagueSuggestions={leagues}
      bookmakerSuggestions={BOOKMAKER_KEYS}
      validate={validate}
      summary={summary}
      preview={(strategy) => <BacktestPreview strategy={strategy} />}
    />
  );
}
