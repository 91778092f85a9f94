"use client";

import Link from "next/link";
import { STATE_LABEL } from "@/components/bots/format";
import { useDisplay } from "@/components/shell/preferences";
import { ErrorState, LoadingRows } from "@/components/shell/states";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { trpc } from "@/lib/trpc";

export default function BotsPage() {
  const show = useDisplay();
  const bots = trpc.bots.list.useQuery();
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Bots</h1>
          <p className="text-sm text-muted-foreground">
            A strategy run on upcoming games with a paper bankroll. Every pick is locked before kick-off in a public-ready record;
            real money is only ever placed by you, from the bot&apos;s slips.
          </p>
        </div>
        <div className="flex gap-2">
          <Button asChild variant="outline">
            <Link href="/bots/slips">Today&apos;s slips</Link>
          </Button>
          <Button asChild>
            <Link href="/bots/new">New bot</Link>
          </Button>
        </div>
      </div>
      <Card>
        <CardHeader>
          <CardTitle className="text-base">Your bots</CardTitle>
        </CardHeader>
        <CardContent>
          {bots.isLoading && <LoadingRows rows={3} />}
          {bots.error && <ErrorState message={bots.error.message} />}
          {bots.data?.length === 0 && <p className="text-sm text-muted-foreground">No bots yet: create one from a saved strategy.</p>}
          {bots.data && bots.data.length > 0 && (
            <div className="overflow-x-auto">
              <Table aria-label="Bots">
                <TableHeader>
                  <TableRow>
                    <TableHead>Name</TableHead>
                    <TableHead>State</TableHead>
                    <TableHead>Strategy</TableHead>
                    <TableHead className="text-right">Picks</TableHead>
                    <TableHead>Last run</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {bots.data.map((b) => (
                    <TableRow key={b.id}>
                      <TableCell className="min-w-40">
                        <Link className="underline" href={`/bots/${b.id}`}>
                          {b.name}
                        </Link>
                        {b.killSwitch && <Badge variant="destructive" className="ml-2">kill switch</Badge>}
                      </TableCell>
                      <TableCell>{STATE_LABEL[b.state]}</TableCell>
                      <TableCell>
                        {b.strategy.name} <span className="font-mono text-xs text-muted-foreground">{b.strategyVersion.hash.slice(0, 8)}</span>
                      </TableCell>
                      <TableCell className="text-right">{b.picks}</TableCell>
                      <TableCell className="whitespace-nowrap">{b.lastRunAt ? show.dateTime(b.lastRunAt) : "never"}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
