"use client";

import Link from "next/link";
import { use } from "react";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { ErrorState, LoadingRows } from "@/components/shell/states";
import { trpc } from "@/lib/trpc";

export default function LeaguePage({ params }: { params: Promise<{ key: string }> }) {
  const { key } = use(params);
  const league = trpc.leagues.byKey.useQuery({ key });
  if (league.isLoading) return <LoadingRows />;
  if (league.error) return <ErrorState message={league.error.message} />;
  const l = league.data!;
  return (
    <div className="flex flex-col gap-4">
      <div>
        <Link href="/leagues" className="text-sm text-muted-foreground hover:underline">← Leagues</Link>
        <h1 className="flex items-center gap-2 text-2xl font-semibold tracking-tight">
          {l.name}
        </h1>
        <p className="text-sm text-muted-foreground">{l.sport.name}{l.country ? ` · ${l.country}` : ""}</p>
      </div>
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>Season</TableHead>
            <TableHead className="text-right">Games</TableHead>
            <TableHead className="text-right">With odds</TableHead>
            <TableHead className="hidden sm:table-cell">From</TableHead>
            <TableHead className="hidden sm:table-cell">To</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {l.seasons.map((s) => (
            <TableRow key={s.label}>
              <TableCell>
                <Link className="font-medium underline-offset-4 hover:underline" href={`/games?league=${l.key}&season=${encodeURIComponent(s.label)}`}>
                  {s.label}
                </Link>
              </TableCell>
              <TableCell className="tabular text-right">{s.games.toLocaleString()}</TableCell>
              <TableCell className="tabular text-right">{s.gamesWithOdds.toLocaleString()}</TableCell>
              <TableCell className="hidden sm:table-cell">{s.firstGame.toISOString().slice(0, 10)}</TableCell>
              <TableCell className="hidden sm:table-cell">{s.lastGame.toISOString().slice(0, 10)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
