"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormError } from "@/components/shell/form-errors";
import { useDisplay } from "@/components/shell/preferences";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { trpc } from "@/lib/trpc";
import { MARKET_KEYS } from "@/server/domain/vocabulary";

const SELECT = "h-9 w-full rounded-md border bg-background px-3 text-sm";
const CURRENCIES = ["USD", "EUR", "GBP", "USDT", "BTC"];

const list = (text: string) =>
  text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

/** Creates a bot (as a draft) from one of the user's strategies; it is started from its dashboard. */
export function BotForm() {
  const router = useRouter();
  const display = useDisplay();
  const strategies = trpc.strategies.list.useQuery();
  const providers = trpc.bots.providers.useQuery();
  const [strategyId, setStrategyId] = useState("");
  const [name, setName] = useState("");
  const [source, setSource] = useState("");
  const [leagues, setLeagues] = useState("");
  const [markets, setMarkets] = useState<string[]>([]);
  const [windowHours, setWindowHours] = useState("48");
  const [schedule, setSchedule] = useState<"on-odds" | "fixed">("on-odds");
  const [runTimes, setRunTimes] = useState("09:00");
  const [currency, setCurrency] = useState(CURRENCIES.includes(display.currency) ? display.currency : "USD");
  const [deposit, setDeposit] = useState("1000");
  const create = trpc.bots.create.useMutation({ onSuccess: (bot) => router.push(`/bots/${bot.id}`) });

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    create.mutate({
      strategyId: Number(strategyId),
      name: name.trim(),
      ...(source.trim() ? { probabilitySource: source.trim() } : {}),
      leagues: list(leagues),
      markets: markets as (typeof MARKET_KEYS)[number][],
      windowHours: Number(windowHours),
      schedule,
      runTimes: schedule === "fixed" ? list(runTimes) : [],
      currency,
      initialDepositCents: Math.round(Number(deposit) * 100),
    });
  };

  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-base">New bot</CardTitle>
      </CardHeader>
      <CardContent>
        <form onSubmit={submit} className="grid gap-4 sm:grid-cols-2" aria-label="New bot">
          <div className="flex flex-col gap-1">
            <Label htmlFor="bot-strategy">Strategy</Label>
            <select
              id="bot-strategy"
              className={SELECT}
              value={strategyId}
              onChange={(e) => setStrategyId(e.target.value)}
              required
            >
              <option value="">Choose a strategy…</option>
              {strategies.data?.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
            <p className="text-xs text-muted-foreground">
              The bot is pinned to the strategy&apos;s current version; later edits never change it unless you move it.
            </p>
          </div>
          <div className="flex flex-col gap-1">
            <Label htmlFor="bot-name">Name</Label>
            <Input id="bot-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={120} />
          </div>
          <div className="flex flex-col gap-1">
            <Label htmlFor="bot-source">Probability source</Label>
            <select id="bot-source" className={SELECT} value={source} onChange={(e) => setSource(e.target.value)}>
              <option value="">The strategy&apos;s own (market or model)</option>
              {providers.data?.map((p) => (
                <option key={p.id} value={`provider:${p.id}`} disabled={!p.available}>
                  {p.label}
                  {p.available ? "" : " (off on this server)"}
                </option>
              ))}
            </select>
            <p className="text-xs text-muted-foreground">
              A provider stands in for the model of a strategy whose source is a model, such as the &quot;Benny, the AI
              analyst&quot; template.
              {providers.data?.find((p) => !p.available)?.reason
                ? ` ${providers.data.find((p) => !p.available)!.reason}`
                : ""}
            </p>
          </div>
          <div className="flex flex-col gap-1">
            <Label htmlFor="bot-leagues">Leagues (keys, comma separated)</Label>
            <Input
              id="bot-leagues"
              placeholder="all of the strategy's"
              value={leagues}
              onChange={(e) => setLeagues(e.target.value)}
            />
          </div>
          <fieldset className="flex flex-col gap-1">
            <legend className="text-sm font-medium">Markets (none ticked = the strategy&apos;s)</legend>
            <div className="flex flex-wrap gap-3">
              {MARKET_KEYS.map((m) => (
                <label key={m} className="flex items-center gap-1 text-sm">
                  <input
                    type="checkbox"
                    checked={markets.includes(m)}
                    onChange={(e) => setMarkets(e.target.checked ? [...markets, m] : markets.filter((x) => x !== m))}
                  />
                  {m}
                </label>
              ))}
            </div>
          </fieldset>
          <div className="flex flex-col gap-1">
            <Label htmlFor="bot-window">Looks ahead (hours)</Label>
            <Input
              id="bot-window"
              inputMode="numeric"
              value={windowHours}
              onChange={(e) => setWindowHours(e.target.value)}
            />
          </div>
          <div className="flex flex-col gap-1">
            <Label htmlFor="bot-schedule">Runs</Label>
            <select
              id="bot-schedule"
              className={SELECT}
              value={schedule}
              onChange={(e) => setSchedule(e.target.value as "on-odds" | "fixed")}
            >
              <option value="on-odds">When new odds arrive</option>
              <option value="fixed">At fixed times (UTC)</option>
            </select>
          </div>
          {schedule === "fixed" && (
            <div className="flex flex-col gap-1">
              <Label htmlFor="bot-times">Run times (UTC HH:MM, comma separated)</Label>
              <Input id="bot-times" value={runTimes} onChange={(e) => setRunTimes(e.target.value)} />
            </div>
          )}
          <div className="flex flex-col gap-1">
            <Label htmlFor="bot-currency">Paper bankroll currency</Label>
            <select id="bot-currency" className={SELECT} value={currency} onChange={(e) => setCurrency(e.target.value)}>
              {CURRENCIES.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </div>
          <div className="flex flex-col gap-1">
            <Label htmlFor="bot-deposit">Paper deposit ({currency})</Label>
            <Input id="bot-deposit" inputMode="decimal" value={deposit} onChange={(e) => setDeposit(e.target.value)} />
          </div>
          <div className="flex flex-col gap-2 sm:col-span-2">
            {create.error && <FormError message={create.error.message} />}
            <Button type="submit" disabled={create.isPending || !strategyId} className="w-fit">
              {create.isPending ? "Creating…" : "Create bot"}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
