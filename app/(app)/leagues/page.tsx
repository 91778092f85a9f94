"use client";

import Link from "next/link";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ErrorState, LoadingRows, NoDataYet } from "@/components/shell/states";
import { trpc } from "@/lib/trpc";

export default function LeaguesPage() {
  const leagues = trpc.leagues.list.useQuery();
  const me = trpc.auth.me.useQuery();
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold tracking-tight">Leagues</h1>
      {leagues.isLoading && <LoadingRows />}
      {leagues.error && <ErrorState message={leagues.error.message} />}
      {leagues.data?.length === 0 && <NoDataYet isAdmin={me.data?.role === "ADMIN"} />}
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {leagues.data?.map((l) => (
          <Link key={l.key} href={`/leagues/${l.key}`} className="rounded-lg focus-visible:outline-2">
            <Card className="h-full transition-colors hover:bg-muted/40">
              <CardHeader>
                <div className="flex items-center justify-between gap-2">
                  <CardTitle>{l.name}</CardTitle>
                </div>
                <CardDescription>
                  {l.sport.name}
                  {l.country ? ` · ${l.country}` : ""}
                </CardDescription>
                <p className="tabular text-sm text-muted-foreground">
                  {l.games.toLocaleString()} games · {l.seasons} seasons · {l.teams} {l.sport.key === "tennis" ? "players" : "teams"}
                </p>
              </CardHeader>
            </Card>
          </Link>
        ))}
      </div>
    </div>
  );
}
