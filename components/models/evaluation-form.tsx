"use client";

import { useState } from "react";
import { ErrorState } from "@/components/shell/states";
import { Button } from "@/components/ui/button";
import { Input, NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { trpc, type RouterOutputs } from "@/lib/trpc";

type LabLeague = RouterOutputs["models"]["options"][number];

export function EvaluationForm({ leagues, onStarted }: { leagues: LabLeague[]; onStarted: (id: number) => void }) {
  const [leagueId, setLeagueId] = useState(leagues[0]!.id);
  const league = leagues.find((l) => l.id === leagueId)!;
  const defaultFrom = league.lastSeason === null ? 2016 : Math.max((league.firstSeason ?? 0) + 2, Math.min(2016, league.lastSeason));
  const [fromSeason, setFromSeason] = useState(String(defaultFrom));
  const [picked, setPicked] = useState<string[]>(["elo", "logistic", "gbdt"]);
  const [trainWindow, setTrainWindow] = useState("");
  const evaluate = trpc.models.evaluate.useMutation({ onSuccess: (r) => onStarted(r.id) });
  const toggle = (name: string) => setPicked((p) => (p.includes(name) ? p.filter((n) => n !== name) : [...p, name]));
  return (
    <form
      className="flex flex-col gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        evaluate.mutate({
          leagueId,
          fromSeason: Number(fromSeason),
          models: picked.filter((n) => league.models.some((m) => m.name === n)),
          trainSeasons: trainWindow ? Number(trainWindow) : null,
        });
      }}
    >
      <div className="flex flex-wrap gap-4">
        <div className="flex flex-col gap-1">
          <Label htmlFor="lab-league">League</Label>
          <NativeSelect
            id="lab-league"
            value={leagueId}
            onChange={(e) => {
              const next = leagues.find((l) => l.id === Number(e.target.value))!;
              setLeagueId(next.id);
              setFromSeason(String(next.lastSeason === null ? 2016 : Math.max((next.firstSeason ?? 0) + 2, Math.min(2016, next.lastSeason))));
            }}
          >
            {leagues.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name} ({l.games} played{l.firstSeason !== null ? `, ${l.firstSeason}-${l.lastSeason}` : ""})
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="flex flex-col gap-1">
          <Label>Market</Label>
          <p className="h-9 py-2 text-sm">{league.market === "ONE_X_TWO" ? "Home / draw / away (1X2)" : "Home win (moneyline, ties left out)"}</p>
        </div>
        <div className="flex flex-col gap-1">
          <Label htmlFor="lab-from">First test season</Label>
          <Input id="lab-from" className="w-28" inputMode="numeric" value={fromSeason} onChange={(e) => setFromSeason(e.target.value)} />
        </div>
        <div className="flex flex-col gap-1">
          <Label htmlFor="lab-window">Train on</Label>
          <NativeSelect id="lab-window" value={trainWindow} onChange={(e) => setTrainWindow(e.target.value)}>
            <option value="">every earlier season</option>
            {[3, 5, 8, 10].map((n) => (
              <option key={n} value={n}>the last {n} seasons</option>
            ))}
          </NativeSelect>
        </div>
      </div>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">Models</legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {league.models.map((m) => (
            <label key={m.name} className="flex items-start gap-2 text-sm">
              <input type="checkbox" className="mt-1" checked={picked.includes(m.name)} onChange={() => toggle(m.name)} aria-label={m.name} />
              <span>
                <span className="font-medium">{m.name}</span> <span className="text-muted-foreground">({m.group})</span>
                <br />
                <span className="text-muted-foreground">{m.description}</span>
              </span>
            </label>
          ))}
        </div>
        <p className="text-xs text-muted-foreground">Market-aware models use opening prices and apply only where the data has them (the football-data files do).</p>
      </fieldset>
      {evaluate.error && <ErrorState message={evaluate.error.message} />}
      <div>
        <Button type="submit" disabled={evaluate.isPending || picked.length === 0}>{evaluate.isPending ? "Starting..." : "Run evaluation"}</Button>
      </div>
    </form>
  );
}
