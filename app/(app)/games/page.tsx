"use client";

import Link from "next/link";
import { Suspense, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input, NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import { EmptyState, ErrorState, LoadingRows, NoDataYet } from "@/components/shell/states";
import { useDisplay } from "@/components/shell/preferences";
import { useUrlFilters } from "@/components/games/use-url-filters";
import { formatMatchup, plural, toDateTimeInput } from "@/lib/format";
import { zonedTimeToUtc } from "@/server/domain/time/zoned";
import { trpc } from "@/lib/trpc";
import { cn } from "@/lib/utils";

const PAGE_SIZE = 25;
// Shared by the rows and their loading placeholders, which must measure the same.
const LIST = "flex flex-col divide-y rounded-lg border";
const ROW = "flex flex-col gap-1 px-3 py-2.5 sm:flex-row sm:items-center sm:gap-4";
const KICKOFF = "w-56 shrink-0";
const TEAMS = "flex-1";

function GamesBrowser() {
  const { params, update } = useUrlFilters();
  const filters = {
    league: params.get("league") || undefined,
    season: params.get("season") || undefined,
    search: params.get("q") || undefined,
    from: params.get("from") || undefined,
    to: params.get("to") || undefined,
  };
  const played = params.get("view") === "played";
  const show = useDisplay();
  // Unfiltered, the list opens on today and what comes next in the user's zone (fixed once per visit, so the
  // query key does not change on every render); "played" shows the latest results.
  const [startOfToday] = useState(() => zonedTimeToUtc(toDateTimeInput(new Date(), show.timeZone).slice(0, 10), "00:00", show.timeZone));
  const [search, setSearch] = useState(filters.search ?? "");
  const leagues = trpc.leagues.list.useQuery();
  const league = trpc.leagues.byKey.useQuery({ key: filters.league! }, { enabled: Boolean(filters.league) });
  const me = trpc.auth.me.useQuery();
  const filtered = Object.values(filters).some(Boolean);
  const upcoming = !filtered && !played;
  const games = trpc.games.list.useInfiniteQuery(
    {
      league: filters.league,
      season: filters.season,
      search: filters.search,
      from: filters.from ? new Date(`${filters.from}T00:00:00Z`) : upcoming ? startOfToday : undefined,
      to: filters.to ? new Date(`${filters.to}T23:59:59Z`) : undefined,
      ...(upcoming ? { order: "soonest" as const } : played && !filtered ? { status: "FINAL" as const } : {}),
      limit: PAGE_SIZE,
    },
    { getNextPageParam: (last) => last.nextCursor },
  );

  const items = games.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold tracking-tight">{upcoming ? "Today and upcoming" : played && !filtered ? "Latest results" : "Games"}</h1>
        {!filtered && (
          <Link className="text-sm underline" href={played ? "/games" : "/games?view=played"}>{played ? "Today and upcoming games" : "Latest results"}</Link>
        )}
      </div>
      <form
        className="grid grid-cols-2 gap-3 sm:grid-cols-5"
        onSubmit={(e) => {
          e.preventDefault();
          update({ q: search.trim() || undefined });
        }}
      >
        <div className="col-span-2 flex flex-col gap-1 sm:col-span-1">
          <Label htmlFor="league">League</Label>
          <NativeSelect id="league" value={filters.league ?? ""} onChange={(e) => update({ league: e.target.value || undefined, season: undefined })}>
            <option value="">All leagues</option>
            {leagues.data?.map((l) => (
              <option key={l.key} value={l.key}>{l.name}</option>
            ))}
          </NativeSelect>
        </div>
        <div className="flex flex-col gap-1">
          <Label htmlFor="season">Season</Label>
          <NativeSelect id="season" value={filters.season ?? ""} disabled={!filters.league} onChange={(e) => update({ season: e.target.value || undefined })}>
            <option value="">All seasons</option>
            {league.data?.seasons.map((s) => (
              <option key={s.label} value={s.label}>{s.label}</option>
            ))}
          </NativeSelect>
        </div>
        <div className="flex flex-col gap-1">
          <Label htmlFor="from">From</Label>
          <Input id="from" type="date" value={filters.from ?? ""} onChange={(e) => update({ from: e.target.value || undefined })} />
        </div>
        <div className="flex flex-col gap-1">
          <Label htmlFor="to">To</Label>
          <Input id="to" type="date" value={filters.to ?? ""} onChange={(e) => update({ to: e.target.value || undefined })} />
        </div>
        <div className="col-span-2 flex flex-col gap-1 sm:col-span-1">
          <Label htmlFor="q">Team or player</Label>
          <div className="flex gap-2">
            <Input id="q" placeholder="e.g. Arsenal" value={search} onChange={(e) => setSearch(e.target.value)} />
            <Button type="submit" variant="secondary">Search</Button>
          </div>
        </div>
      </form>

      {games.error && <ErrorState message={games.error.message} />}
      {!games.isLoading && items.length === 0 && !games.error &&
        (filtered ? (
          <EmptyState title="No games match these filters" />
        ) : leagues.data?.length === 0 ? (
          <NoDataYet isAdmin={me.data?.role === "ADMIN"} />
        ) : upcoming ? (
          <EmptyState title="No games today or coming up">
            The stored games are all in the past. <Link className="underline" href="/games?view=played">See the latest results</Link>, or pick a league and season above.
          </EmptyState>
        ) : (
          <EmptyState title="No results stored yet" />
        ))}
      {games.isLoading ? (
        // A page of placeholders the size of the rows they stand for, so the list does not push the page about.
        <ul className={LIST} aria-busy="true" aria-label="Loading games">
          {Array.from({ length: PAGE_SIZE }, (_, i) => (
            <li key={i} className={ROW}>
              <span className={KICKOFF}>
                <Skeleton className="my-0.5 h-3 w-36" />
                <Skeleton className="my-0.5 h-3 w-44" />
              </span>
              <span className={TEAMS}><Skeleton className="my-1 h-4 w-52 max-w-full" /></span>
              <Skeleton className="my-1 h-4 w-28" />
            </li>
          ))}
        </ul>
      ) : (
        items.length > 0 && (
          <ul className={LIST}>
            {items.map((g) => (
              <li key={g.id}>
                <Link href={`/games/${g.id}`} className={cn(ROW, "hover:bg-muted/50")}>
                  <span className={cn(KICKOFF, "text-xs text-muted-foreground")}>
                    {show.kickoff(g.startsAt, g.startTimeKnown)}
                    <span className="block">{g.league.name} · {g.season.label}</span>
                  </span>
                  <span className={cn(TEAMS, "font-medium")}>
                    {formatMatchup({ home: g.homeTeam.name, away: g.awayTeam.name, sport: g.league.sport.key, neutralSite: g.neutralSite })}
                  </span>
                  <span className="flex items-center gap-2">
                    {g.status === "FINAL" ? (
                      <span className="tabular font-semibold">{g.homeScore}–{g.awayScore}</span>
                    ) : (
                      <Badge variant="secondary">{g.status.toLowerCase()}</Badge>
                    )}
                    <span className="w-20 text-right text-xs text-muted-foreground">{plural(g.oddsCount, "price")}</span>
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )
      )}
      {games.hasNextPage && (
        <Button variant="outline" onClick={() => games.fetchNextPage()} disabled={games.isFetchingNextPage}>
          {games.isFetchingNextPage ? "Loading…" : "Load more"}
        </Button>
      )}
    </div>
  );
}

export default function GamesPage() {
  return (
    <Suspense fallback={<LoadingRows />}>
      <GamesBrowser />
    </Suspense>
  );
}
