"use client";

import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Suspense, use } from "react";
import { ErrorState, LoadingRows } from "@/components/shell/states";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatDate, plural } from "@/lib/format";
import { trpc } from "@/lib/trpc";
import { PG_INT_MAX } from "@/server/api/schemas";

const minutes = (seconds: number) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
const shots = (made: number, attempted: number) => `${made}-${attempted}`;

function GameLogs({ id }: { id: number }) {
  const router = useRouter();
  const pathname = usePathname();
  const page = Math.max(1, Math.floor(Number(useSearchParams().get("page")) || 1));
  const player = trpc.players.get.useQuery({ id, page }, { placeholderData: (previous) => previous });
  if (player.isLoading) return <LoadingRows rows={10} />;
  if (player.error) return <ErrorState message={player.error.message} />;
  const p = player.data!;
  const go = (to: number) => router.replace(`${pathname}?page=${to}`);
  return (
    <div className="flex flex-col gap-4">
      <div>
        <Link href="/players" className="text-sm text-muted-foreground hover:underline">← Players</Link>
        <h1 className="text-2xl font-semibold tracking-tight">{p.name}</h1>
        <p className="text-sm text-muted-foreground">
          {[p.position, p.currentTeam?.name, p.league.name].filter(Boolean).join(" · ")} · {plural(p.games, "game log")}
        </p>
      </div>
      <div className="overflow-x-auto rounded-lg border">
        <Table aria-label="Game logs">
          <TableHeader>
            <TableRow>
              <TableHead>Date</TableHead>
              <TableHead>Opponent</TableHead>
              <TableHead className="text-right">Min</TableHead>
              <TableHead className="text-right">Pts</TableHead>
              <TableHead className="text-right">Reb</TableHead>
              <TableHead className="text-right">Ast</TableHead>
              <TableHead className="text-right">Stl</TableHead>
              <TableHead className="text-right">Blk</TableHead>
              <TableHead className="text-right">TO</TableHead>
              <TableHead className="text-right">FG</TableHead>
              <TableHead className="text-right">3P</TableHead>
              <TableHead className="text-right">FT</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {p.logs.map((l) => (
              <TableRow key={l.gameDate.toISOString()}>
                {/* Box scores carry the game's date only: shown as stated, never shifted by a time zone. */}
                <TableCell className="whitespace-nowrap">
                  {l.gameId ? <Link className="hover:underline" href={`/games/${l.gameId}`}>{formatDate(l.gameDate, "UTC")}</Link> : formatDate(l.gameDate, "UTC")}
                </TableCell>
                <TableCell className="whitespace-nowrap">
                  {l.won === null ? "" : l.won ? "W " : "L "}vs {l.opponent.name}
                  {!l.starter && <span className="text-xs text-muted-foreground"> (bench)</span>}
                </TableCell>
                <TableCell className="tabular text-right">{minutes(l.seconds)}</TableCell>
                <TableCell className="tabular text-right font-medium">{l.points}</TableCell>
                <TableCell className="tabular text-right">{l.rebounds}</TableCell>
                <TableCell className="tabular text-right">{l.assists}</TableCell>
                <TableCell className="tabular text-right">{l.steals}</TableCell>
                <TableCell className="tabular text-right">{l.blocks}</TableCell>
                <TableCell className="tabular text-right">{l.turnovers}</TableCell>
                <TableCell className="tabular text-right">{shots(l.fgMade, l.fgAttempted)}</TableCell>
                <TableCell className="tabular text-right">{shots(l.threesMade, l.threesAttempted)}</TableCell>
                <TableCell className="tabular text-right">{shots(l.ftMade, l.ftAttempted)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      <nav aria-label="Game log pages" className="flex items-center justify-between gap-2 text-sm">
        <Button variant="outline" disabled={p.page <= 1} onClick={() => go(p.page - 1)}>Newer</Button>
        <span className="text-muted-foreground">Page {p.page} of {p.pages}</span>
        <Button variant="outline" disabled={p.page >= p.pages} onClick={() => go(p.page + 1)}>Older</Button>
      </nav>
    </div>
  );
}

export default function PlayerPage({ params }: { params: Promise<{ id: string }> }) {
  const id = Number(use(params).id);
  if (!Number.isInteger(id) || id <= 0 || id > PG_INT_MAX) return <ErrorState message="That is not a player id. Search for the player by name." />;
  return (
    <Suspense fallback={<LoadingRows />}>
      <GameLogs id={id} />
    </Suspense>
  );
}
