"use client";

import Link from "next/link";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { trpc } from "@/lib/trpc";

const percent = (p: number | undefined) => (p === undefined ? "-" : `${(p * 100).toFixed(1)}%`);

/** The caller's served models' probabilities for this game, if any of their evaluations predicted it. */
export function GamePredictions({ gameId, home, away }: { gameId: number; home: string; away: string }) {
  const predictions = trpc.models.forGame.useQuery({ gameId });
  if (!predictions.data?.length) return null;
  const hasDraw = predictions.data.some((p) => p.probabilities.draw !== undefined);
  return (
    <Card>
      <CardHeader><CardTitle className="text-base">Your models</CardTitle></CardHeader>
      <CardContent>
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Model</TableHead>
              <TableHead className="text-right">{home}</TableHead>
              {hasDraw && <TableHead className="text-right">Draw</TableHead>}
              <TableHead className="text-right">{away}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {predictions.data.map((p) => (
              <TableRow key={p.model}>
                <TableCell>
                  {p.evaluationId ? <Link className="underline" href={`/models/${p.evaluationId}`}>{p.model}</Link> : p.model} v{p.version}
                  <span className="text-muted-foreground"> ({p.group})</span>
                </TableCell>
                <TableCell className="text-right">{percent(p.probabilities.home)}</TableCell>
                {hasDraw && <TableCell className="text-right">{percent(p.probabilities.draw)}</TableCell>}
                <TableCell className="text-right">{percent(p.probabilities.away)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
}
