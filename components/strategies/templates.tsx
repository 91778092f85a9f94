"use client";

import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader } from "@/components/ui/card";
import type { StrategyInput } from "@/server/domain/strategies/schema";
import { DEFAULT_STAKE, STRATEGY_TEMPLATES, type StrategyTemplate } from "@/server/domain/strategies/templates";

/** A blank strategy: every market the form starts with, no condition, a quarter of Kelly capped at 2%. */
export const BLANK_STRATEGY: StrategyInput = {
  schemaVersion: 1,
  name: "My strategy",
  markets: ["1x2"],
  leagues: [],
  probability: "market:pinnacle-opening",
  price: "best",
  decideAt: "opening",
  when: { all: [] },
  pick: "all",
  stake: DEFAULT_STAKE,
  bankroll: 100,
};

/** Cards to start a strategy from: each template, or blank. The chosen strategy is a copy the user edits. */
export function TemplatePicker({
  onPick,
  templates = STRATEGY_TEMPLATES,
  blank = true,
}: {
  onPick: (strategy: StrategyInput, template: StrategyTemplate | null) => void;
  templates?: readonly StrategyTemplate[];
  blank?: boolean;
}) {
  return (
    <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" aria-label="Templates">
      {blank && (
        <li>
          <Card className="flex h-full flex-col">
            <CardHeader className="flex-1">
              <h3 className="font-medium">Blank strategy</h3>
              <CardDescription>Start from nothing and add your own conditions.</CardDescription>
            </CardHeader>
            <CardContent>
              <Button
                type="button"
                variant="outline"
                size="sm"
                onClick={() => onPick(structuredClone(BLANK_STRATEGY), null)}
              >
                Start blank
              </Button>
            </CardContent>
          </Card>
        </li>
      )}
      {templates.map((t) => (
        <li key={t.id}>
          <Card className="flex h-full flex-col">
            <CardHeader className="flex-1">
              <h3 className="font-medium">{t.title}</h3>
              <CardDescription>{t.description}</CardDescription>
            </CardHeader>
            <CardContent>
              <Button
                type="button"
                variant="outline"
                size="sm"
                aria-label={`Use template ${t.title}`}
                onClick={() => onPick(structuredClone(t.strategy), t)}
              >
                Use template
              </Button>
            </CardContent>
          </Card>
        </li>
      ))}
    </ul>
  );
}
