"use client";

import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { Suspense, useState } from "react";
import { BetForm } from "@/components/bets/bet-form";
import { EmptyState, ErrorState, LoadingRows } from "@/components/shell/states";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { useDisplay } from "@/components/shell/preferences";
import { formatMatchup } from "@/lib/format";
import { trpc } from "@/lib/trpc";

function GamePicker() {
  const [text, setText] = useState("");
  const [search, setSearch] = useState("");
  const games = trpc.games.list.useQuery({ search, limit: 15 }, { enabled: search.length > 1 });
  const show = useDisplay();
  return (
    <div className="flex flex-col gap-3">
      <form className="flex gap-2" onSubmit={(e) => { e.preventDefault(); setSearch(text.trim()); }}>
        <Input aria-label="Search games by team" placeholder="Team name" value={text} onChange={(e) => setText(e.target.value)} />
        <Button type="submit">Find</Button>
      </form>
      {games.data?.items.map((g) => (
        <Link key={g.id} href={`/bets/new?game=${g.id}`} className="rounded-md border p-2 text-sm hover:bg-accent">
          {formatMatchup({ home: g.homeTeam.name, away: g.awayTeam.name, sport: g.league.sport.key, neutralSite: g.neutralSite })}{" "}
          <span className="text-muted-foreground">· {g.league.name} · {show.kickoff(g.startsAt, g.startTimeKnown)}</span>
        </Link>
      ))}
    </div>
  );
}

function NewBet() {
  const params = useSearchParams();
  const gameId = Number(params.get("game"));
  const bankrollParam = Number(params.get("bankroll")) || undefined;
  const bankrolls = trpc.bankrolls.list.useQuery();
  const game = trpc.games.byId.useQuery({ id: gameId }, { enabled: gameId > 0 });
  const show = useDisplay();
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold tracking-tight">Enter a bet</h1>
      {!gameId ? (
        <Card><CardHeader><CardTitle className="text-base">Which game?</CardTitle></CardHeader><CardContent><GamePicker /></CardContent></Card>
      ) : game.isLoading || bankrolls.isLoading ? (
        <LoadingRows />
      ) : game.error ? (
        <ErrorState message={game.error.message} />
      ) : !bankrolls.data?.length ? (
        <EmptyState title="You need a bankroll first"><Link className="underline" href="/bets">Create one on the Bets page.</Link></EmptyState>
      ) : (
        <Card>
          <CardHeader>
            <CardTitle className="text-base">
              {formatMatchup({ home: game.data!.homeTeam.name, away: game.data!.awayTeam.name, sport: game.data!.league.sport.key, neutralSite: game.data!.neutralSite })}
            </CardTitle>
            <p className="text-sm text-muted-foreground">{game.data!.league.name} · {show.kickoff(game.data!.startsAt, game.data!.startTimeKnown)}</p>
          </CardHeader>
          <CardContent><BetForm game={game.data!} bankrolls={bankrolls.data} initialBankroll={bankrollParam} /></CardContent>
        </Card>
      )}
    </div>
  );
}

export default function NewBetPage() {
  return (
    <Suspense fallback={<LoadingRows />}>
      <NewBet />
    </Suspense>
  );
}
