"use client";

import Link from "next/link";
import { use } from "react";
import { FollowButton } from "@/components/games/follow-button";
import { LineMovementChart } from "@/components/games/line-movement-chart";
import { GamePredictions } from "@/components/models/game-predictions";
import { OddsTable } from "@/components/games/odds-table";
import { FlaggedPrices } from "@/components/upcoming/upcoming-view";
import { EmptyState, ErrorState, LoadingRows } from "@/components/shell/states";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { useDisplay } from "@/components/shell/preferences";
import { formatMatchup, ODDS_FORMAT_NAME } from "@/lib/format";
import { trpc } from "@/lib/trpc";

export default function GamePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = use(params);
  const gameId = Number(id);
  const valid = Number.isInteger(gameId) && gameId > 0;
  const game = trpc.games.byId.useQuery({ id: gameId }, { enabled: valid });
  const flags = trpc.upcoming.flags.useQuery({ gameId }, { enabled: valid });
  const following = trpc.games.following.useQuery({ gameId }, { enabled: valid });
  const show = useDisplay();
  if (!valid) return <ErrorState message="That is not a game id." />;
  if (game.isLoading) return <LoadingRows rows={10} />;
  if (game.error) return <ErrorState message={game.error.message} />;
  const g = game.data!;
  const sideNames = { HOME: g.homeTeam.name, AWAY: g.awayTeam.name };
  const weather = [
    g.temperatureC !== null ? `${g.temperatureC} °C` : null,
    g.windKph !== null ? `wind ${g.windKph} km/h` : null,
  ].filter(Boolean);
  return (
    <div className="flex flex-col gap-5">
      <div>
        <Link href={`/games?league=${g.league.key}`} className="text-sm text-muted-foreground hover:underline">← {g.league.name}</Link>
        <h1 className="text-xl font-semibold tracking-tight sm:text-2xl">
          {formatMatchup({ home: g.homeTeam.name, away: g.awayTeam.name, sport: g.league.sport.key, neutralSite: g.neutralSite })}
        </h1>
        <p className="text-sm text-muted-foreground">
          {show.kickoff(g.startsAt, g.startTimeKnown)} · {g.season.label}
          {g.stage ? ` · ${g.stage}` : ""}
          {g.venue ? ` · ${g.venue.name}` : ""}
        </p>
        <div className="mt-2 flex flex-wrap items-center gap-3">
          {following.data && <FollowButton gameId={g.id} following={following.data.following} />}
          <Link href={`/bets/new?game=${g.id}`} className="text-sm font-medium underline">Track a bet on this game</Link>
        </div>
      </div>

      <GamePredictions gameId={g.id} home={g.homeTeam.name} away={g.awayTeam.name} />

      <Card>
        <CardHeader><CardTitle className="text-base">Result</CardTitle></CardHeader>
        <CardContent className="flex flex-col gap-2 text-sm">
          {g.status === "FINAL" ? (
            <p className="tabular text-2xl font-semibold" data-testid="final-score">
              {g.homeScore}–{g.awayScore}
              {g.statusDetail && <span className="ml-2 text-sm font-normal text-muted-foreground">{g.statusDetail}</span>}
            </p>
          ) : (
            <p><Badge variant="secondary">{g.status.toLowerCase()}</Badge> {g.statusDetail}</p>
          )}
          {g.periodScores && (
            <p className="tabular text-muted-foreground">
              {g.periodScores.map((p) => `${p.period} ${p.home}–${p.away}`).join(" · ")}
            </p>
          )}
          {(g.roof || g.surface || weather.length > 0) && (
            <p className="text-muted-foreground">{[g.roof, g.surface, ...weather].filter(Boolean).join(" · ")}</p>
          )}
        </CardContent>
      </Card>

      {g.lineMovement.length > 0 && (
        <Card>
          <CardHeader><CardTitle className="text-base">Line movement</CardTitle></CardHeader>
          <CardContent className="grid gap-6 lg:grid-cols-2">
            {g.lineMovement.map((m) => (
              <LineMovementChart key={`${m.market}-${m.selection}`} movement={m} />
            ))}
          </CardContent>
        </Card>
      )}

      <Card>
        <CardHeader>
          <CardTitle className="text-base">Odds</CardTitle>
          <p className="text-xs text-muted-foreground">
            {ODDS_FORMAT_NAME[show.oddsFormat]} odds (<Link className="underline" href="/settings">change</Link>). Under each price: implied probability / no-vig probability (margin removed proportionally).
            The best price among bookmakers you can bet at is highlighted.
          </p>
        </CardHeader>
        <CardContent className="flex flex-col gap-6">
          {flags.data && flags.data.length > 0 && <FlaggedPrices flags={flags.data} />}
          {g.oddsTables.length === 0 && <EmptyState title="No odds stored for this game" />}
          {g.oddsTables.map((t) => (
            <OddsTable key={`${t.market}-${t.period}-${t.phase}`} table={t} sideNames={sideNames} fetchedAt={game.dataUpdatedAt} />
          ))}
        </CardContent>
      </Card>
    </div>
  );
}
