"use client";

import { useState } from "react";
import { useDisplay } from "@/components/shell/preferences";
import { ErrorState, LoadingRows } from "@/components/shell/states";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { trpc, type RouterOutputs } from "@/lib/trpc";

type Version = RouterOutputs["models"]["evaluation"]["versions"][number];

/** The registered versions of this evaluation and their predictions for unplayed games. */
export function Predictions({ versions }: { versions: Version[] }) {
  const show = useDisplay();
  const [selected, setSelected] = useState<number | null>(versions[0]?.id ?? null);
  const predictions = trpc.models.predictions.useQuery({ modelVersionId: selected! }, { enabled: selected !== null });
  return (
    <Card>
      <CardHeader><CardTitle className="text-base">Registered versions and predictions</CardTitle></CardHeader>
      <CardContent className="flex flex-col gap-4">
        <Table>
          <TableHeader>
            <TableRow><TableHead>Model</TableHead><TableHead>Version</TableHead><TableHead>Trained on</TableHead><TableHead className="text-right">Games</TableHead><TableHead className="text-right">ONNX size</TableHead><TableHead className="text-right">Predictions</TableHead></TableRow>
          </TableHeader>
          <TableBody>
            {versions.map((v) => (
              <TableRow key={v.id}>
                <TableCell>{v.name} <span className="text-muted-foreground">({v.kind}, {v.featureGroup})</span></TableCell>
                <TableCell>v{v.version}</TableCell>
                <TableCell>{v.trainedFrom.toISOString().slice(0, 10)} to {v.trainedTo.toISOString().slice(0, 10)}</TableCell>
                <TableCell className="text-right">{v.trainGames}</TableCell>
                <TableCell className="text-right">{(v.artifactBytes / 1024).toFixed(1)} KB</TableCell>
                <TableCell className="text-right">{v.predictions}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        {versions.length > 0 && (
          <div className="flex flex-col gap-2">
            <div className="flex flex-col gap-1">
              <Label htmlFor="prediction-version">Predictions of</Label>
              <NativeSelect id="prediction-version" className="w-64" value={selected ?? undefined} onChange={(e) => setSelected(Number(e.target.value))}>
                {versions.map((v) => <option key={v.id} value={v.id}>{v.name} v{v.version}</option>)}
              </NativeSelect>
            </div>
            {predictions.isLoading && <LoadingRows rows={2} />}
            {predictions.error && <ErrorState message={predictions.error.message} />}
            {predictions.data?.predictions.length === 0 && <p className="text-sm text-muted-foreground">No unplayed games in this league to predict.</p>}
            {predictions.data && predictions.data.predictions.length > 0 && (
              <Table>
                <TableHeader>
                  <TableRow><TableHead>Kick-off (UTC)</TableHead><TableHead>Game</TableHead><TableHead className="text-right">Home</TableHead><TableHead className="text-right">Draw</TableHead><TableHead className="text-right">Away</TableHead></TableRow>
                </TableHeader>
                <TableBody>
                  {predictions.data.predictions.map((p) => (
                    <TableRow key={p.gameId}>
                      <TableCell>{show.dateTime(p.startsAt)}</TableCell>
                      <TableCell>{p.home} v {p.away}</TableCell>
                      <TableCell className="text-right">{(p.probabilities.home! * 100).toFixed(1)}%</TableCell>
                      <TableCell className="text-right">{p.probabilities.draw === undefined ? "-" : `${(p.probabilities.draw * 100).toFixed(1)}%`}</TableCell>
                      <TableCell className="text-right">{(p.probabilities.away! * 100).toFixed(1)}%</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </div>
        )}
      </CardContent>
    </Card>
  );
}
