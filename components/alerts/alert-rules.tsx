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
import type { AlertRuleInput, CalibrationWindow } from "@/server/domain/alerts/rules";
import { MARKET_CODES, MARKETS, SELECTIONS, type Market, type Selection } from "@/server/domain/vocabulary";

type Rule = RouterOutputs["alerts"]["list"][number];
type CalibrationStatus = RouterOutputs["alerts"]["calibrationStatus"][number];
type Kind = Rule["kind"];
type CreateInput = AlertRuleInput & { name: string };

const KIND_LABEL: Record<Kind, string> = {
  VALUE_BET: "Value bet",
  STEAM_MOVE: "Steam move",
  TARGET_PRICE: "Target price",
  BOT_SLIPS: "Bot slips",
  MODEL_CALIBRATION: "Model calibration drift",
};

const windowText = (w: CalibrationWindow) => (w.by === "days" ? `last ${w.days} days` : `last ${w.games} graded games`);

function describeRule(rule: Rule): string {
  switch (rule.kind) {
    case "VALUE_BET": {
      const p = rule.params;
      const leagues = p.leagues.length ? `in ${p.leagues.join(", ")}` : "in every league";
      const markets = p.markets.length ? p.markets.map((m) => MARKETS[m].label).join(", ") : "every market";
      return `EV of ${p.minEvPercent} % or more, ${leagues}, ${markets}`;
    }
    case "STEAM_MOVE": {
      const { followed, gameIds } = rule.params;
      const named = gameIds.length ? `game${gameIds.length === 1 ? "" : "s"} ${gameIds.join(", ")}` : "";
      return `Steam on ${[followed ? "the games you follow" : "", named].filter(Boolean).join(" and ")}`;
    }
    case "TARGET_PRICE": {
      const p = rule.params;
      return `Game ${p.gameId}: ${MARKETS[p.market].label} ${SELECTIONS[p.selection].label}${p.line === null ? "" : ` ${p.line}`} at ${p.targetPrice.toFixed(2)} or better`;
    }
    case "BOT_SLIPS":
      return "When your bots propose slips";
    case "MODEL_CALIBRATION":
      return `Calibration error of model version ${rule.params.modelVersionId} over the ${windowText(rule.params.window)} above its evaluated figure plus sampling noise`;
  }
}

/** What a calibration rule sees now: the figures, or why it cannot fire yet. */
function calibrationLine(status: CalibrationStatus | undefined): string | null {
  if (!status) return null;
  if (!status.model) return "This model no longer exists: remove the rule.";
  const model = `${status.model.name} v${status.model.version} (${status.model.league})`;
  const c = status.check;
  if (!c) return `${model}: registered without evaluated figures, nothing to compare with.`;
  if (c.status === "not-enough-games") return `${model}: not enough games yet (${c.games} of ${c.needed} graded games with a prediction locked before kick-off).`;
  const verdict = c.status === "drifted" ? "drifted" : "within limits";
  return `${model}: ${verdict}, error ${c.ece.toFixed(3)} on ${c.games} games, limit ${c.limit.toFixed(3)} (evaluated ${c.evaluated.ece.toFixed(3)} + noise allowance).`;
}

const numbers = (text: string) =>
  text
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(Number);

/** The /alerts page: the user's rules (on/off, remove) and a form for a new one. */
export function AlertRules() {
  const rules = trpc.alerts.list.useQuery();
  const hasCalibration = Boolean(rules.data?.some((r) => r.kind === "MODEL_CALIBRATION"));
  const calibration = trpc.alerts.calibrationStatus.useQuery(undefined, { enabled: hasCalibration });
  return (
    <div className="flex flex-col gap-4">
      <Card>
        <CardHeader>
          <CardTitle className="text-base">Your rules</CardTitle>
          <CardDescription>
            Checked whenever new odds are stored (model calibration every 15 minutes). Each event is sent once, to the bell and to your notification
            channels (Settings).
          </CardDescription>
        </CardHeader>
        <CardContent>
          {rules.isLoading && <LoadingRows rows={2} />}
          {rules.error && <ErrorState message={rules.error.message} />}
          {rules.data?.length === 0 && <EmptyState title="No alert rules yet">Add one below.</EmptyState>}
          {rules.data && rules.data.length > 0 && (
            <ul className="flex flex-col divide-y" aria-label="Your alert rules">
              {rules.data.map((rule) => (
                <RuleRow key={rule.id} rule={rule} calibration={calibration.data?.find((c) => c.ruleId === rule.id)} />
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
      <NewRuleForm hasBotSlips={Boolean(rules.data?.some((r) => r.kind === "BOT_SLIPS"))} />
    </div>
  );
}

function RuleRow({ rule, calibration }: { rule: Rule; calibration: CalibrationStatus | undefined }) {
  const utils = trpc.useUtils();
  const refresh = () => utils.alerts.list.invalidate();
  const status = rule.kind === "MODEL_CALIBRATION" ? calibrationLine(calibration) : null;
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
        {status && (
          <p className="text-sm" data-testid="calibration-status">
            {status}
          </p>
        )}
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
  const [followed, setFollowed] = useState(true);
  const [modelVersionId, setModelVersionId] = useState("");
  const [windowBy, setWindowBy] = useState<"days" | "games">("days");
  const [windowSize, setWindowSize] = useState("30");
  const models = trpc.alerts.modelChoices.useQuery(undefined, { enabled: kind === "MODEL_CALIBRATION" });
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
    if (kind === "STEAM_MOVE") return { ...base, kind, params: { followed, gameIds: numbers(gameIds) } };
    if (kind === "MODEL_CALIBRATION") {
      const size = Number(windowSize);
      const window: CalibrationWindow = windowBy === "days" ? { by: "days", days: size } : { by: "games", games: size };
      return { ...base, kind, params: { modelVersionId: Number(modelVersionId), window } };
    }
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
          {kind === "STEAM_MOVE" && (
            <label className="flex items-center gap-2 text-sm sm:col-span-2">
              <input type="checkbox" checked={followed} onChange={(e) => setFollowed(e.target.checked)} />
              On the games I follow (Follow on a game&apos;s page or in Upcoming)
            </label>
          )}
          {(kind === "STEAM_MOVE" || kind === "TARGET_PRICE") && (
            <div className="flex flex-col gap-1">
              <Label htmlFor="alert-games">{kind === "STEAM_MOVE" ? "Other games (ids from the game pages, optional)" : "Game (id from its page)"}</Label>
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
          {kind === "MODEL_CALIBRATION" && (
            <>
              <div className="flex flex-col gap-1 sm:col-span-2">
                <Label htmlFor="alert-model">Model</Label>
                <NativeSelect id="alert-model" value={modelVersionId} onChange={(e) => setModelVersionId(e.target.value)}>
                  <option value="">{models.data?.length === 0 ? "No models yet: run an evaluation first" : "Pick a model"}</option>
                  {models.data?.map((m) => (
                    <option key={m.id} value={m.id}>
                      {m.name} v{m.version} · {m.league}
                    </option>
                  ))}
                </NativeSelect>
              </div>
              <div className="flex flex-col gap-1">
                <Label htmlFor="alert-window-by">Judge on</Label>
                <NativeSelect
                  id="alert-window-by"
                  value={windowBy}
                  onChange={(e) => {
                    const by = e.target.value as "days" | "games";
                    setWindowBy(by);
                    setWindowSize(by === "days" ? "30" : "100");
                  }}
                >
                  <option value="days">Games of the last … days</option>
                  <option value="games">The last … graded games</option>
                </NativeSelect>
              </div>
              <div className="flex flex-col gap-1">
                <Label htmlFor="alert-window-size">{windowBy === "days" ? "Days (7–365)" : "Games (50–2000)"}</Label>
                <Input id="alert-window-size" type="number" inputMode="numeric" value={windowSize} onChange={(e) => setWindowSize(e.target.value)} />
              </div>
              <p className="text-sm text-muted-foreground sm:col-span-2">
                Fires when the model&apos;s calibration error on finished games (its predictions locked before kick-off) exceeds the error its evaluation
                measured plus what sampling noise explains, once at least 50 games are graded; at most once a week while it stays drifted.
              </p>
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
