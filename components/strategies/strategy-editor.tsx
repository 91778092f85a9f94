"use client";

import { Check, Copy } from "lucide-react";
import { useMemo, useRef, useState } from "react";
import { ErrorState } from "@/components/shell/states";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/lib/utils";
import { StrategyV1, type Condition, type StrategyInput } from "@/server/domain/strategies/schema";
import { QuickForm } from "./quick-form";
import { RuleBuilder, type RuleError } from "./rule-builder/rule-builder";
import { normalisePath } from "./rule-builder/tree";

const TABS = [
  { key: "form", label: "Quick form" },
  { key: "builder", label: "Rule builder" },
  { key: "json", label: "JSON" },
] as const;
type Tab = (typeof TABS)[number]["key"];

/** The schema's own messages with their paths, so the page refuses exactly what the server would. */
export function schemaErrors(strategy: StrategyInput): RuleError[] {
  const result = StrategyV1.safeParse(strategy);
  return result.success
    ? []
    : result.error.issues.map((i) => ({
        path: normalisePath(i.path.map((p) => (typeof p === "symbol" ? String(p) : p))),
        message: i.message,
      }));
}

function JsonView({ strategy }: { strategy: StrategyInput }) {
  const text = JSON.stringify(strategy, null, 2);
  const [copied, setCopied] = useState(false);
  return (
    <div className="flex min-w-0 flex-col gap-2">
      <div>
        <Button
          type="button"
          variant="outline"
          size="sm"
          onClick={async () => {
            await navigator.clipboard.writeText(text);
            setCopied(true);
            setTimeout(() => setCopied(false), 1500);
          }}
        >
          {copied ? <Check /> : <Copy />} {copied ? "Copied" : "Copy JSON"}
        </Button>
      </div>
      <pre
        aria-label="Strategy JSON"
        data-testid="strategy-json"
        className="max-h-[32rem] min-w-0 overflow-auto whitespace-pre-wrap break-words rounded-md border bg-muted p-3 text-xs"
      >
        {text}
      </pre>
    </div>
  );
}

/**
 * The strategy editor: one strategy JSON edited through a quick form, a rule builder or read as JSON. Every
 * tab edits the same value, so switching loses nothing. The page supplies the summary line, extra validation
 * (look-ahead fields and the like, as `{path, message}`), the live preview and what saving does.
 */
export function StrategyEditor({
  initial,
  onSave,
  saving = false,
  saveError,
  summary,
  validate,
  errors: givenErrors = [],
  preview,
  models,
  leagueSuggestions = [],
  bookmakerSuggestions = [],
  onChange,
}: {
  initial: StrategyInput;
  onSave: (strategy: StrategyInput) => void;
  saving?: boolean;
  saveError?: string | undefined;
  /** The plain-English summary of the strategy being edited. */
  summary?: (strategy: StrategyInput) => React.ReactNode;
  /** More checks than the schema's (the lead wires validateStrategy): messages at the rule at fault. */
  validate?: (strategy: StrategyInput) => RuleError[];
  /** Errors from the server's last answer. */
  errors?: readonly RuleError[];
  /** The live mini-backtest of the strategy being edited. */
  preview?: (strategy: StrategyInput) => React.ReactNode;
  models?: readonly string[];
  leagueSuggestions?: readonly string[];
  bookmakerSuggestions?: readonly string[];
  onChange?: (strategy: StrategyInput) => void;
}) {
  const [strategy, setStrategy] = useState<StrategyInput>(initial);
  const [tab, setTab] = useState<Tab>("form");
  const [tried, setTried] = useState(false);
  const tabRefs = useRef<Record<Tab, HTMLButtonElement | null>>({ form: null, builder: null, json: null });
  const update = (next: StrategyInput) => {
    setStrategy(next);
    onChange?.(next);
  };

  const errors = useMemo(
    () => [...schemaErrors(strategy), ...(validate?.(strategy) ?? []), ...givenErrors],
    [strategy, validate, givenErrors],
  );
  const ruleErrors = errors.filter((e) => normalisePath(e.path).startsWith("when"));
  const otherErrors = errors.filter((e) => !normalisePath(e.path).startsWith("when"));

  const onTabKey = (e: React.KeyboardEvent, i: number) => {
    const step = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
    if (!step) return;
    e.preventDefault();
    const next = TABS[(i + step + TABS.length) % TABS.length]!.key;
    setTab(next);
    tabRefs.current[next]?.focus();
  };

  return (
    <div className="flex min-w-0 flex-col gap-4">
      {summary && (
        <p className="rounded-md border bg-muted/40 p-3 text-sm" aria-live="polite" data-testid="strategy-summary">
          {summary(strategy)}
        </p>
      )}
      <div className="grid min-w-0 gap-4 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <Card className="min-w-0">
          <CardHeader className="gap-3">
            <div
              role="tablist"
              aria-label="Edit the strategy as"
              className="flex w-full gap-1 rounded-md bg-muted p-1 sm:w-fit"
            >
              {TABS.map((t, i) => (
                <button
                  key={t.key}
                  ref={(el) => {
                    tabRefs.current[t.key] = el;
                  }}
                  type="button"
                  role="tab"
                  id={`tab-${t.key}`}
                  aria-selected={tab === t.key}
                  aria-controls={`panel-${t.key}`}
                  tabIndex={tab === t.key ? 0 : -1}
                  onClick={() => setTab(t.key)}
                  onKeyDown={(e) => onTabKey(e, i)}
                  className={cn(
                    "flex-1 whitespace-nowrap rounded px-3 py-1.5 text-sm text-muted-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring sm:flex-none",
                    tab === t.key && "bg-background font-medium text-foreground shadow-sm",
                  )}
                >
                  {t.label}
                </button>
              ))}
            </div>
            {tab === "builder" && <CardTitle className="text-base">Bet when</CardTitle>}
          </CardHeader>
          <CardContent>
            <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="min-w-0">
              {tab === "form" && (
                <QuickForm
                  value={strategy}
                  onChange={update}
                  models={models}
                  leagueSuggestions={leagueSuggestions}
                  bookmakerSuggestions={bookmakerSuggestions}
                />
              )}
              {tab === "builder" && (
                <RuleBuilder
                  value={strategy.when as Condition | undefined}
                  onChange={(when) => update({ ...strategy, when })}
                  errors={ruleErrors}
                  suggestions={{ league: leagueSuggestions, bookmaker: bookmakerSuggestions }}
                />
              )}
              {tab === "json" && <JsonView strategy={strategy} />}
            </div>
          </CardContent>
        </Card>
        <div className="flex min-w-0 flex-col gap-4">
          {preview && (
            <Card>
              <CardHeader>
                <CardTitle className="text-base">Preview</CardTitle>
              </CardHeader>
              <CardContent>{preview(strategy)}</CardContent>
            </Card>
          )}
          <Card>
            <CardContent className="flex flex-col gap-3 pt-4 sm:pt-6">
              {(tried || otherErrors.length > 0) && errors.length > 0 && (
                <ul role="alert" aria-label="Problems" className="flex flex-col gap-1 text-sm text-destructive">
                  {(tried ? errors : otherErrors).map((e, i) => (
                    <li key={i}>
                      {normalisePath(e.path) ? <code className="mr-1 text-xs">{normalisePath(e.path)}</code> : null}
                      {e.message}
                    </li>
                  ))}
                </ul>
              )}
              {saveError && <ErrorState message={saveError} />}
              <Button
                type="button"
                disabled={saving}
                onClick={() => {
                  setTried(true);
                  if (errors.length === 0) onSave(strategy);
                }}
              >
                {saving ? "Saving..." : "Save strategy"}
              </Button>
            </CardContent>
          </Card>
        </div>
      </div>
    </div>
  );
}
