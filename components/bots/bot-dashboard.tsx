"use client";

import Link from "next/link";
import { useState } from "react";
import { BotEquity } from "@/components/bots/bot-equity";
import { pickLabel, STATE_LABEL } from "@/components/bots/format";
import { useDisplay } from "@/components/shell/preferences";
import { ErrorState, LoadingRows } from "@/components/shell/states";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatCents, formatPercent } from "@/lib/format";
import { trpc, type RouterOutputs } from "@/lib/trpc";

type Dashboard = RouterOutputs["bots"]["dashboard"];

function Figure({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="rounded-md border p-3">
      <div className="text-xs text-muted-foreground">{label}</div>
      <div className="text-lg font-semibold tabular-nums">{value}</div>
      {hint && <div className="text-xs text-muted-foreground">{hint}</div>}
    </div>
  );
}

function Controls({ data }: { data: Dashboard }) {
  const utils = trpc.useUtils();
  // A run or a state change also changes the paper bets (and slips) listed by their own queries: refresh every
  // bots query, not only the figures, or "Run now" shows a taken pick in its run but none under "Paper bets".
  const refresh = () => utils.bots.invalidate();
  const setState = trpc.bots.setState.useMutation({ onSuccess: refresh });
  const update = trpc.bots.update.useMutation({ onSuccess: refresh });
  const movePin = trpc.bots.movePin.useMutation({ onSuccess: refresh });
  // The box shows the value asked for from the click until the refetched bot says it: a controlled box that waits
  // for the mutation's pending state (a tick later) or the refetch flips back under the pointer.
  const [publicAsked, setPublicAsked] = useState<boolean | null>(null);
  const setPublic = trpc.bots.setPublic.useMutation({ onSuccess: refresh, onSettled: () => setPublicAsked(null) });
  const runNow = trpc.bots.runNow.useMutation({ onSuccess: refresh });
  const { bot } = data;
  const error = setState.error ?? update.error ?? movePin.error ?? setPublic.error ?? runNow.error;
  const to = (state: "ACTIVE" | "PAUSED" | "STOPPED") => () => setState.mutate({ id: bot.id, version: bot.version, state });
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap gap-2">
        {(bot.state === "DRAFT" || bot.state === "PAUSED") && <Button onClick={to("ACTIVE")}>{bot.state === "DRAFT" ? "Start" : "Resume"}</Button>}
        {bot.state === "ACTIVE" && <Button variant="secondary" onClick={to("PAUSED")}>Pause</Button>}
        {bot.state !== "STOPPED" && (
          <Button variant="destructive" onClick={() => window.confirm("Stop this bot for good? A stopped bot never runs again.") && to("STOPPED")()}>
            Stop
          </Button>
        )}
        {bot.state !== "STOPPED" && (
          <Button variant="outline" aria-pressed={bot.killSwitch} onClick={() => update.mutate({ id: bot.id, version: bot.version, changes: { killSwitch: !bot.killSwitch } })}>
            {bot.killSwitch ? "Release kill switch" : "Kill switch"}
          </Button>
        )}
        {bot.state !== "STOPPED" && (
          <Button variant="outline" disabled={runNow.isPending} onClick={() => runNow.mutate({ id: bot.id })}>
            {runNow.isPending ? "Running…" : "Run now"}
          </Button>
        )}
        <Button variant="outline" asChild>
          <Link href={`/bots/${bot.id}/slips`}>Slips</Link>
        </Button>
      </div>
      {data.strategy.newerVersion && bot.state !== "STOPPED" && (
        <p className="text-sm">
          The strategy was edited since this bot was pinned.{" "}
          <Button size="sm" variant="secondary" onClick={() => movePin.mutate({ id: bot.id, version: bot.version })}>
            Move to the new version
          </Button>
        </p>
      )}
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={publicAsked ?? bot.isPublic}
          disabled={setPublic.isPending}
          onChange={(e) => {
            setPublicAsked(e.target.checked);
            setPublic.mutate({ id: bot.id, isPublic: e.target.checked });
          }}
        />
        Public record
        {bot.isPublic && (
          <Link className="underline" href={`/records/${bot.slug}`}>
            /records/{bot.slug}
          </Link>
        )}
      </label>
      {error && <ErrorState message={error.message} />}
    </div>
  );
}

function Side({ title, t, currency }: { title: string; t: Dashboard["paperVsReal"]["paper"]; currency: string }) {
  return (
    <div className="rounded-md border p-3 text-sm">
      <div className="font-medium">{title}</div>
      <dl className="mt-1 grid grid-cols-2 gap-x-2">
        <dt className="text-muted-foreground">Bets (open)</dt>
        <dd className="tabular-nums">
          {t.bets} ({t.open})
        </dd>
        <dt className="text-muted-foreground">Staked</dt>
        <dd className="tabular-nums">{formatCents(t.stakedCents, { currency })}</dd>
        <dt className="text-muted-foreground">Profit</dt>
        <dd className="tabular-nums">{formatCents(t.profitCents, { signed: true, currency })}</dd>
        <dt className="text-muted-foreground">ROI</dt>
        <dd className="tabular-nums">{formatPercent(t.roi)}</dd>
        <dt className="text-muted-foreground">CLV</dt>
        <dd className="tabular-nums">{formatPercent(t.meanClv)}</dd>
      </dl>
    </div>
  );
}

function Picks({ id, currency }: { id: number; currency: string }) {
  const show = useDisplay();
  const picks = trpc.bots.picks.useQuery({ id, limit: 50 });
  if (picks.isLoading) return <LoadingRows rows={3} />;
  if (picks.error) return <ErrorState message={picks.error.message} />;
  if (!picks.data?.items.length) return <p className="text-sm text-muted-foreground">No picks yet.</p>;
  return (
    <div className="overflow-x-auto">
      <Table aria-label="Picks">
        <TableHeader>
          <TableRow>
            <TableHead>Game</TableHead>
            <TableHead>Pick</TableHead>
            <TableHead className="text-right">Price</TableHead>
            <TableHead className="text-right">Stake</TableHead>
            <TableHead>Locked</TableHead>
            <TableHead>Result</TableHead>
            <TableHead className="text-right">CLV</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {picks.data.items.map((p) => (
            <TableRow key={p.id}>
              <TableCell>
                {p.game}
                <div className="text-xs text-muted-foreground">{show.dateTime(p.kickoff)}</div>
              </TableCell>
              <TableCell>
                {pickLabel(p.market, p.selection, p.line)}
                <div className="text-xs text-muted-foreground">{p.bookmakerKey}</div>
              </TableCell>
              <TableCell className="text-right tabular-nums">{show.price(p.price)}</TableCell>
              <TableCell className="text-right tabular-nums">{formatCents(p.stakeCents, { currency })}</TableCell>
              <TableCell>
                {show.dateTime(p.lockedAt)}
                {p.pickSeq !== null && <div className="text-xs text-muted-foreground">record entry #{p.pickSeq}</div>}
              </TableCell>
              <TableCell>{p.status === "SETTLED" ? `${p.outcome?.toLowerCase().replace("_", "-")} ${formatCents(p.profitCents, { signed: true })}` : (p.status?.toLowerCase() ?? "")}</TableCell>
              <TableCell className="text-right tabular-nums">{formatPercent(p.clv)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

export function BotDashboard({ id }: { id: number }) {
  const show = useDisplay();
  const q = trpc.bots.dashboard.useQuery({ id });
  if (q.isLoading) return <LoadingRows rows={6} />;
  if (q.error) return <ErrorState message={q.error.message} />;
  const data = q.data!;
  const { bot, figures } = data;
  const currency = bot.currency;
  const capital = figures.equityCents - figures.profitCents;
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center gap-2">
        <h1 className="text-2xl font-semibold tracking-tight">{bot.name}</h1>
        <Badge variant={bot.state === "ACTIVE" ? "default" : "secondary"} aria-label={`State: ${STATE_LABEL[bot.state]}`}>
          {STATE_LABEL[bot.state]}
        </Badge>
        {bot.killSwitch && <Badge variant="destructive">Kill switch on</Badge>}
      </div>
      <p className="text-sm text-muted-foreground">
        Strategy{" "}
        <Link className="underline" href={`/strategies/${data.strategy.id}`}>
          {data.strategy.name}
        </Link>{" "}
        pinned at <span className="font-mono">{data.strategy.pinnedHash.slice(0, 12)}</span> · source {bot.probabilitySource} · looks {bot.windowHours} h ahead ·{" "}
        {bot.schedule === "fixed" ? `runs at ${bot.runTimes.join(", ")} UTC` : "runs when new odds arrive"} · last run {bot.lastRunAt ? show.dateTime(bot.lastRunAt) : "never"}
      </p>
      <Controls data={data} />
      <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
        <Figure label="Equity" value={formatCents(figures.equityCents, { currency })} hint={`cash ${formatCents(figures.balanceCents)}`} />
        <Figure label="Open exposure" value={formatCents(figures.openStakeCents, { currency })} hint={`${figures.openBets} open bets`} />
        <Figure label="Settled bets" value={String(figures.settledBets)} hint={`profit ${formatCents(figures.profitCents, { signed: true })}`} />
        <Figure label="ROI (yield)" value={formatPercent(figures.roi)} />
        <Figure label="Mean CLV" value={formatPercent(figures.meanClv)} />
        <Figure label="Max drawdown" value={formatCents(figures.maxDrawdownCents, { currency })} hint={formatPercent(figures.maxDrawdownShare)} />
      </div>
      <Card>
        <CardHeader>
          <CardTitle className="text-base">Equity</CardTitle>
        </CardHeader>
        <CardContent>
          <BotEquity points={data.equity} capitalCents={capital} format={(at) => show.dateTime(at)} />
        </CardContent>
      </Card>
      <div className="grid gap-4 md:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle className="text-base">Limits</CardTitle>
          </CardHeader>
          <CardContent>
            <ul className="flex flex-col gap-1 text-sm" aria-label="Limits">
              {data.limits.map((l) => (
                <li key={l.name} className="flex justify-between gap-2">
                  <span>{l.label}</span>
                  <span className="tabular-nums">
                    {l.current === null ? "" : l.limit !== null && l.limit < 1 ? `${formatPercent(l.current)} of ${formatPercent(l.limit)}` : l.limit !== null ? `${l.current} of ${l.limit}` : l.current ? "on" : "off"}
                    {l.blocking && <Badge variant="warning" className="ml-2">stopping bets</Badge>}
                  </span>
                </li>
              ))}
            </ul>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle className="text-base">Paper vs real</CardTitle>
          </CardHeader>
          <CardContent className="grid grid-cols-1 gap-2 sm:grid-cols-2">
            <Side title="Paper (the bot)" t={data.paperVsReal.paper} currency={currency} />
            <Side title="Real (confirmed slips)" t={data.paperVsReal.real} currency="" />
          </CardContent>
        </Card>
      </div>
      <Card>
        <CardHeader>
          <CardTitle className="text-base">Paper bets</CardTitle>
        </CardHeader>
        <CardContent>
          <Picks id={bot.id} currency={currency} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle className="text-base">Last runs</CardTitle>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          {data.runs.length === 0 && <p className="text-sm text-muted-foreground">No runs yet.</p>}
          {data.runs.map((r) => (
            <section key={r.id} aria-label={`Run ${r.id}`} className="flex flex-col gap-1">
              <h3 className="text-sm font-medium">
                {show.dateTime(r.startedAt)} · {r.trigger} · {r.games} games, {r.signals} signals, {r.taken} taken, {r.skipped} skipped
              </h3>
              {r.error && <ErrorState message={r.error} />}
              {r.decisions.length > 0 && (
                <div className="overflow-x-auto">
                  <Table>
                    <TableHeader>
                      <TableRow>
                        <TableHead>Game</TableHead>
                        <TableHead>Pick</TableHead>
                        <TableHead className="text-right">Price</TableHead>
                        <TableHead className="text-right">Edge</TableHead>
                        <TableHead className="text-right">Stake</TableHead>
                        <TableHead>Decision</TableHead>
                      </TableRow>
                    </TableHeader>
                    <TableBody>
                      {r.decisions.map((d) => (
                        <TableRow key={d.id}>
                          <TableCell>
                            {d.game}
                            <div className="text-xs text-muted-foreground">{show.dateTime(d.kickoff)}</div>
                          </TableCell>
                          <TableCell>
                            {pickLabel(d.market, d.selection, d.line)}
                            <div className="text-xs text-muted-foreground">{d.bookmakerKey}</div>
                          </TableCell>
                          <TableCell className="text-right tabular-nums">{show.price(d.price)}</TableCell>
                          <TableCell className="text-right tabular-nums">{formatPercent(d.edge)}</TableCell>
                          <TableCell className="text-right tabular-nums">{formatCents(d.stakeCents, { currency })}</TableCell>
                          <TableCell>{d.taken ? <Badge>taken</Badge> : <span title={d.reason ?? ""}>skipped: {d.reasonText}</span>}</TableCell>
                        </TableRow>
                      ))}
                    </TableBody>
                  </Table>
                </div>
              )}
            </section>
          ))}
        </CardContent>
      </Card>
    </div>
  );
}
