"use client";

import { ArrowDown, ArrowUp, Minus } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { FollowButton } from "@/components/games/follow-button";
import { freshness } from "@/components/games/odds-table";
import { useDisplay } from "@/components/shell/preferences";
import { EmptyState, ErrorState, LoadingRows } from "@/components/shell/states";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { formatDate, formatLine, formatMatchup, formatPercent, MARKET_LABEL, plural, SELECTION_LABEL, toDateTimeInput } from "@/lib/format";
import { trpc, type RouterOutputs } from "@/lib/trpc";

type Upcoming = RouterOutputs["upcoming"]["list"];
type Game = Upcoming["games"][number];

const WINDOWS = [
  { hours: 24, label: "Next 24 hours" },
  { hours: 48, label: "Next 48 hours" },
  { hours: 168, label: "Next 7 days" },
] as const;
/** Live prices move every minute near kick-off: the view refetches this often while it is open. */
const REFRESH_MS = 30_000;

/** "↑ 4.8%": the price lengthened (drifted) since the market opened; ↓ it shortened. */
export function Movement({ change, since }: { change: number | null; since: string | null }) {
  if (change === null) return null;
  const flat = Math.abs(change) < 0.0005;
  const Icon = flat ? Minus : change > 0 ? ArrowUp : ArrowDown;
  const words = flat ? "unchanged" : change > 0 ? "drifted" : "shortened";
  return (
    <span
      className="inline-flex items-center text-[11px] text-muted-foreground"
      title={`${words} ${formatPercent(Math.abs(change))} since opening${since ? ` (${since})` : ""}`}
      aria-label={`${words} ${formatPercent(Math.abs(change))} since opening`}
    >
      <Icon className="size-3" aria-hidden />
      {flat ? "0%" : formatPercent(Math.abs(change))}
    </span>
  );
}

function GameCard({ g, fetchedAt }: { g: Game; fetchedAt: number }) {
  const show = useDisplay();
  const names: Record<string, string> = { HOME: g.home, AWAY: g.away };
  const since = g.openedAt ? show.dateTime(g.openedAt) : null;
  return (
    <li className="flex flex-col gap-2 px-3 py-3" data-testid="upcoming-game">
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
        <span className="flex flex-wrap items-center gap-2">
          <Link href={`/games/${g.id}`} className="font-medium hover:underline">
            {formatMatchup({ home: g.home, away: g.away, sport: g.sport, neutralSite: g.neutralSite })}
          </Link>
          <FollowButton gameId={g.id} following={g.followed} label={`${g.home} v ${g.away}`} />
        </span>
        <span className="text-xs text-muted-foreground">
          {show.kickoff(g.startsAt, g.startTimeKnown)} · {g.leagueName}
          {g.updatedAt && (
            <span title={show.dateTime(g.updatedAt, { seconds: true })} data-testid="upcoming-freshness">
              {" · "}
              {freshness(g.updatedAt, fetchedAt)}
            </span>
          )}
        </span>
      </div>
      {g.markets.length === 0 ? (
        <p className="text-xs text-muted-foreground">No prices yet.</p>
      ) : (
        <div className="grid gap-2 sm:grid-cols-3">
          {g.markets.map((m) => (
            <div key={m.market} className="rounded-md border px-2 py-1.5" aria-label={`${MARKET_LABEL[m.market]} best prices`} role="group">
              <div className="text-xs font-medium">
                {MARKET_LABEL[m.market]} {formatLine(m.line)}
              </div>
              <ul className="flex flex-col gap-0.5">
                {m.selections.map((s) => (
                  <li key={s.selection} className="flex items-baseline justify-between gap-2 text-sm">
                    <span className="truncate">{names[s.selection] ?? SELECTION_LABEL[s.selection]}</span>
                    <span className="flex items-baseline gap-1.5 whitespace-nowrap">
                      <Movement change={s.movement} since={since} />
                      <span className="tabular font-semibold" data-testid="best-price">{show.price(s.price)}</span>
                      <span className="text-[11px] text-muted-foreground" title={`best of ${plural(s.books, "book")}`}>
                        {g.bookmakers[s.bookmaker] ?? s.bookmaker}
                      </span>
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      )}
      {g.predictions.length > 0 && (
        <ul className="flex flex-col gap-0.5 text-xs" aria-label="Model predictions">
          {g.predictions.map((p) => (
            <li key={p.model}>
              <span className="font-medium">{p.model} v{p.version}</span>: {g.home} {formatPercent(p.probabilities.home)}
              {p.probabilities.draw !== undefined && ` · draw ${formatPercent(p.probabilities.draw)}`} · {g.away} {formatPercent(p.probabilities.away)}
              <span className="text-muted-foreground"> (as of {show.dateTime(p.predictedAt)})</span>
            </li>
          ))}
        </ul>
      )}
      {g.flags.length > 0 && <FlaggedPrices flags={g.flags} />}
    </li>
  );
}

/** Flagged prices: shown, never trusted (they are left out of the best prices above and of the scanners). */
export function FlaggedPrices({ flags }: { flags: { market: string; selection: string; bookmakerName: string; kind: string; detail: string; capturedAt: Date | null }[] }) {
  const show = useDisplay();
  return (
    <details className="text-xs" data-testid="flagged-prices">
      <summary className="cursor-pointer">
        <Badge variant="outline">{plural(flags.length, "flagged price")}</Badge> <span className="text-muted-foreground">left out of best prices and scans</span>
      </summary>
      <ul className="mt-1 flex flex-col gap-0.5">
        {flags.map((f, i) => (
          <li key={i}>
            {f.kind === "spike" ? "Spike" : "Off consensus"}: {MARKET_LABEL[f.market]} {SELECTION_LABEL[f.selection]} at {f.bookmakerName}, {f.detail}
            {f.capturedAt && <span className="text-muted-foreground"> (as of {show.dateTime(f.capturedAt, { seconds: true })})</span>}
          </li>
        ))}
      </ul>
    </details>
  );
}

/** Today's and the coming days' games, grouped by day in the user's zone, refreshed while open. */
export function UpcomingView() {
  const show = useDisplay();
  const [hours, setHours] = useState<24 | 48 | 168>(48);
  const [league, setLeague] = useState("");
  const [followedOnly, setFollowedOnly] = useState(false);
  const leagues = trpc.leagues.list.useQuery();
  const upcoming = trpc.upcoming.list.useQuery({ hours, league: league || undefined, followed: followedOnly }, { refetchInterval: REFRESH_MS, refetchIntervalInBackground: false });
  const days = new Map<string, Game[]>();
  for (const g of upcoming.data?.games ?? []) {
    const day = toDateTimeInput(g.startsAt, show.timeZone).slice(0, 10);
    const list = days.get(day);
    if (list) list.push(g);
    else days.set(day, [g]);
  }
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold tracking-tight">Upcoming</h1>
        <Link className="text-sm underline" href="/games">All games</Link>
      </div>
      <p className="text-sm text-muted-foreground">
        Best price per selection among real books (flagged prices left out), the move since each market opened, and your models&apos; latest predictions.
        Refreshed every 30 seconds while this page is open; times in {show.zone}.
      </p>
      <div className="grid grid-cols-2 gap-3 sm:max-w-xl sm:grid-cols-3">
        <div className="flex flex-col gap-1">
          <Label htmlFor="upcoming-window">Starting in</Label>
          <NativeSelect id="upcoming-window" value={hours} onChange={(e) => setHours(Number(e.target.value) as 24 | 48 | 168)}>
            {WINDOWS.map((w) => <option key={w.hours} value={w.hours}>{w.label}</option>)}
          </NativeSelect>
        </div>
        <div className="flex flex-col gap-1">
          <Label htmlFor="upcoming-league">League</Label>
          <NativeSelect id="upcoming-league" value={league} onChange={(e) => setLeague(e.target.value)}>
            <option value="">All leagues</option>
            {leagues.data?.map((l) => <option key={l.key} value={l.key}>{l.name}</option>)}
          </NativeSelect>
        </div>
        <div className="flex flex-col gap-1">
          <Label htmlFor="upcoming-followed">Games</Label>
          <NativeSelect id="upcoming-followed" value={followedOnly ? "followed" : "all"} onChange={(e) => setFollowedOnly(e.target.value === "followed")}>
            <option value="all">All games</option>
            <option value="followed">Followed</option>
          </NativeSelect>
        </div>
      </div>
      {upcoming.isLoading ? (
        <LoadingRows />
      ) : upcoming.error ? (
        <ErrorState message={upcoming.error.message} />
      ) : days.size === 0 && followedOnly ? (
        <EmptyState title="No followed games in this window">Follow games with the Follow button on their rows or pages; steam alerts can watch the games you follow.</EmptyState>
      ) : days.size === 0 ? (
        <EmptyState title="No games in this window">Live collection lists games up to 48 hours ahead; try the next 7 days, or see <Link className="underline" href="/games">all games</Link>.</EmptyState>
      ) : (
        <>
          {[...days.entries()].map(([day, games]) => (
            <Card key={day}>
              <CardHeader className="pb-2">
                <CardTitle className="text-base">{formatDate(games[0]!.startsAt, show.timeZone)}</CardTitle>
              </CardHeader>
              <CardContent className="px-0 pb-2">
                <ul className="flex flex-col divide-y">
                  {games.map((g) => <GameCard key={g.id} g={g} fetchedAt={upcoming.dataUpdatedAt} />)}
                </ul>
              </CardContent>
            </Card>
          ))}
          {upcoming.data!.truncated && <p className="text-sm text-muted-foreground">The first 200 games only: pick a league or a shorter window.</p>}
        </>
      )}
    </div>
  );
}
