"use client";

import { useState } from "react";
import { FormError, useFormErrors } from "@/components/shell/form-errors";
import { EmptyState, ErrorState, LoadingRows } from "@/components/shell/states";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input, NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { trpc, type RouterOutputs } from "@/lib/trpc";
import type { AlertRuleInput } from "@/server/domain/alerts/rules";
import { MARKET_CODES, MARKETS, SELECTIONS, type Market, type Selection } from "@/server/domain/vocabulary";

type Rule = RouterOutputs["alerts"]["list"][number];
type Kind = Rule["kind"];
type CreateInput = AlertRuleInput & { name: string };

const KIND_LABEL: Record<Kind, string> = {
  VALUE_BET: "Value bet",
  STEAM_MOVE: "Steam move",
  TARGET_PRICE: "Target price",
  BOT_SLIPS: "Bot slips",
};

function describeRule(rule: Rule): string {
  switch (rule.kind) {
    case "VALUE_BET": {
      const p = rule.params;
      const leagues = p.leagues.length ? `in ${p.leagues.join(", ")}` : "in every league";
      const markets = p.markets.length ? p.markets.map((m) => MARKETS[m].label).join(", ") : "every market";
      return `EV of ${p.minEvPercent} % or more, ${leagues}, ${markets}`;
    }
    case "STEAM_MOVE":
      return `Steam on game${rule.params.gameIds.length === 1 ? "" : "s"} ${rule.params.gameIds.join(", ")}`;
    case "TARGET_PRICE": {
      const p = rule.params;
      return `Game ${p.gameId}: ${MARKETS[p.market].label} ${SELECTIONS[p.selection].label}${p.line === null ? "" : ` ${p.line}`} at ${p.targetPrice.toFixed(2)} or better`;
    }
    case "BOT_SLIPS":
      return "When your bots propose slips";
  }
}

const numbers = (text: string) =>
  text
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(Number);

/** The /alerts page: the user's rules (on/off, remove) and a form for a new one. */
export function AlertRules() {
  const rules = trpc.alerts.list.useQuery();
  return (
    <div className="flex flex-col gap-4">
      <Card>
        <CardHeader>
          <CardTitle className="text-base">Your rules</CardTitle>
          <CardDescription>
            Checked whenever new odds are stored. Each event is sent once, to the bell and to your notification channels (Settings).
          </CardDescription>
        </CardHeader>
        <CardContent>
          {rules.isLoading && <LoadingRows rows={2} />}
          {rules.error && <ErrorState message={rules.error.message} />}
          {rules.data?.length === 0 && <EmptyState title="No alert rules yet">Add one below.</EmptyState>}
          {rules.data && rules.data.length > 0 && (
            <ul className="flex flex-col divide-y" aria-label="Your alert rules">
              {rules.data.map((rule) => (
                <RuleRow key={rule.id} rule={rule} />
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
      <NewRuleForm hasBotSlips={Boolean(rules.data?.some((r) => r.kind === "BOT_SLIPS"))} />
    </div>
  );
}

function RuleRow({ rule }: { rule: Rule }) {
  const utils = trpc.useUtils();
  const refresh = () => utils.alerts.list.invalidate();
  const toggle = trpc.alerts.setEnabled.useMutation({ onSuccess: refresh });
  const remove = trpc.alerts.remove.useMutation({ onSuccess: refresh });
  const error = toggle.error?.message ?? remove.error?.message;
  return (
    <li className="flex flex-wrap items-center gap-2 py-3">
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-center gap-2">
          <span className="font-medium">{rule.name}</span>
          <Badge variant="secondary">{KIND_LABEL[rule.kind]}</Badge>
          {!rule.enabled && <Badge variant="outline">Off</Badge>}
        </div>
        <p className="text-sm text-muted-foreground">{describeRule(rule)}</p>
        {error && <p className="text-sm text-destructive">{error}</p>}
      </div>
      <Button variant="outline" size="sm" disabled={toggle.isPending} onClick={() => toggle.mutate({ ruleId: rule.id, enabled: !rule.enabled })}>
        {rule.enabled ? "Turn off" : "Turn on"}
      </Button>
      <Button variant="ghost" size="sm" aria-label={`Remove ${rule.name}`} disabled={remove.isPending} onClick={() => remove.mutate({ ruleId: rule.id })}>
        Remove
      </Button>
    </li>
  );
}

function NewRuleForm({ hasBotSlips }: { hasBotSlips: boolean }) {
  const utils = trpc.useUtils();
  const errors = useFormErrors();
  const [kind, setKind] = useState<Kind>("VALUE_BET");
  const [name, setName] = useState("");
  const [minEv, setMinEv] = useState("5");
  const [leagues, setLeagues] = useState("");
  const [markets, setMarkets] = useState<Market[]>([]);
  const [gameIds, setGameIds] = useState("");
  const [market, setMarket] = useState<Market>("ONE_X_TWO");
  const [selection, setSelection] = useState<Selection>("HOME");
  const [line, setLine] = useState("");
  const [target, setTarget] = useState("");
  const [status, setStatus] = useState("");
  const create = trpc.alerts.create.useMutation({
    onSuccess: (rule) => {
      setStatus(`Rule "${rule.name}" added.`);
      setName("");
      void utils.alerts.list.invalidate();
    },
    onError: (e) => errors.fromServer(e),
  });

  function input(): CreateInput {
    const base = { name: name || KIND_LABEL[kind] };
    if (kind === "VALUE_BET") {
      const leagueKeys = leagues.split(/[\s,]+/).filter(Boolean);
      return { ...base, kind, params: { minEvPercent: Number(minEv), leagues: leagueKeys, markets } };
    }
    if (kind === "STEAM_MOVE") return { ...base, kind, params: { gameIds: numbers(gameIds) } };
    if (kind === "TARGET_PRICE") {
      const [gameId] = numbers(gameIds);
      return { ...base, kind, params: { gameId: gameId ?? 0, market, period: "FULL_GAME", selection, line: line.trim() ? Number(line) : null, targetPrice: Number(target) } };
    }
    return { ...base, kind: "BOT_SLIPS", params: {} };
  }

  const selections = MARKETS[market].selections as readonly Selection[];
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-base">New rule</CardTitle>
      </CardHeader>
      <CardContent>
        <form
          className="grid gap-3 sm:grid-cols-2"
          onSubmit={(e) => {
            e.preventDefault();
            errors.clear();
            setStatus("");
            create.mutate(input());
          }}
        >
          <div className="flex flex-col gap-1">
            <Label htmlFor="alert-kind">Alert me about</Label>
            <NativeSelect id="alert-kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
              {(Object.keys(KIND_LABEL) as Kind[])
                .filter((k) => k !== "BOT_SLIPS" || !hasBotSlips)
                .map((k) => (
                  <option key={k} value={k}>
                    {KIND_LABEL[k]}
                  </option>
                ))}
            </NativeSelect>
          </div>
          <div className="flex flex-col gap-1">
            <Label htmlFor="alert-name">Name</Label>
            <Input id="alert-name" value={name} maxLength={80} placeholder={KIND_LABEL[kind]} onChange={(e) => setName(e.target.value)} />
          </div>
          {kind === "VALUE_BET" && (
            <>
              <div className="flex flex-col gap-1">
                <Label htmlFor="alert-ev">Minimum EV (%)</Label>
                <Input id="alert-ev" type="number" inputMode="decimal" step="any" value={minEv} onChange={(e) => setMinEv(e.target.value)} />
              </div>
              <div className="flex flex-col gap-1">
                <Label htmlFor="alert-leagues">Leagues (keys, empty for all)</Label>
                <Input id="alert-leagues" value={leagues} placeholder="epl, nfl" onChange={(e) => setLeagues(e.target.value)} />
              </div>
              <fieldset className="flex flex-wrap gap-3 sm:col-span-2">
                <legend className="mb-1 text-sm font-medium">Markets (none ticked: all)</legend>
                {MARKET_CODES.map((m) => (
                  <label key={m} className="flex items-center gap-1 text-sm">
                    <input
                      type="checkbox"
                      checked={markets.includes(m)}
                      onChange={(e) => setMarkets((prev) => (e.target.checked ? [...prev, m] : prev.filter((x) => x !== m)))}
                    />
                    {MARKETS[m].label}
                  </label>
                ))}
              </fieldset>
            </>
          )}
          {(kind === "STEAM_MOVE" || kind === "TARGET_PRICE") && (
            <div className="flex flex-col gap-1">
              <Label htmlFor="alert-games">{kind === "STEAM_MOVE" ? "Games to follow (ids from the game pages)" : "Game (id from its page)"}</Label>
              <Input id="alert-games" value={gameIds} inputMode="numeric" placeholder={kind === "STEAM_MOVE" ? "1204, 1207" : "1204"} onChange={(e) => setGameIds(e.target.value)} />
            </div>
          )}
          {kind === "TARGET_PRICE" && (
            <>
              <div className="flex flex-col gap-1">
                <Label htmlFor="alert-market">Market</Label>
                <NativeSelect
                  id="alert-market"
                  value={market}
                  onChange={(e) => {
                    const m = e.target.value as Market;
                    setMarket(m);
                    setSelection(MARKETS[m].selections[0]);
                  }}
                >
                  {MARKET_CODES.map((m) => (
                    <option key={m} value={m}>
                      {MARKETS[m].label}
                    </option>
                  ))}
                </NativeSelect>
              </div>
              <div className="flex flex-col gap-1">
                <Label htmlFor="alert-selection">Selection</Label>
                <NativeSelect id="alert-selection" value={selection} onChange={(e) => setSelection(e.target.value as Selection)}>
                  {selections.map((s) => (
                    <option key={s} value={s}>
                      {SELECTIONS[s].label}
                    </option>
                  ))}
                </NativeSelect>
              </div>
              {MARKETS[market].hasLine && (
                <div className="flex flex-col gap-1">
                  <Label htmlFor="alert-line">Line</Label>
                  <Input id="alert-line" type="number" inputMode="decimal" step={0.25} value={line} onChange={(e) => setLine(e.target.value)} />
                </div>
              )}
              <div className="flex flex-col gap-1">
                <Label htmlFor="alert-target">Target price (decimal)</Label>
                <Input id="alert-target" type="number" inputMode="decimal" min={1.01} step={0.01} value={target} onChange={(e) => setTarget(e.target.value)} />
              </div>
            </>
          )}
          {kind === "BOT_SLIPS" && (
            <p className="text-sm text-muted-foreground sm:col-span-2">
              Your bots tell you about new slips by default; this rule lets you turn those notifications off and on.
            </p>
          )}
          <div className="flex flex-col gap-2 sm:col-span-2">
            <FormError message={errors.form} />
            <div className="flex items-center gap-3">
              <Button type="submit" disabled={create.isPending}>
                Add rule
              </Button>
              <p role="status" aria-live="polite" className="text-sm text-muted-foreground">
                {status}
              </p>
            </div>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
