"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { EvaluationForm } from "@/components/models/evaluation-form";
import { StatusBadge } from "@/components/models/status-badge";
import { useDisplay } from "@/components/shell/preferences";
import { EmptyState, ErrorState, LoadingRows } from "@/components/shell/states";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { trpc } from "@/lib/trpc";

export default function ModelLabPage() {
  const show = useDisplay();
  const router = useRouter();
  const options = trpc.models.options.useQuery();
  const evaluations = trpc.models.evaluations.useQuery();
  return (
    <div className="flex flex-col gap-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Model lab</h1>
        <p className="text-sm text-muted-foreground">
          Every model is trained on earlier seasons only and scored on each later season it never saw, beside the closing market on the same games.
        </p>
      </div>
      <Card>
        <CardHeader><CardTitle className="text-base">Run an evaluation</CardTitle></CardHeader>
        <CardContent>
          {options.isLoading && <LoadingRows rows={2} />}
          {options.error && <ErrorState message={options.error.message} />}
          {options.data && options.data.length === 0 && (
            <EmptyState title="No league to evaluate yet">Import NFL, NBA or football-data seasons on the Imports page first.</EmptyState>
          )}
          {options.data && options.data.length > 0 && <EvaluationForm leagues={options.data} onStarted={(id) => router.push(`/models/${id}`)} />}
        </CardContent>
      </Card>
      <Card>
        <CardHeader><CardTitle className="text-base">Your evaluations</CardTitle></CardHeader>
        <CardContent>
          {evaluations.isLoading && <LoadingRows rows={3} />}
          {evaluations.error && <ErrorState message={evaluations.error.message} />}
          {evaluations.data?.length === 0 && <p className="text-sm text-muted-foreground">None yet.</p>}
          {evaluations.data && evaluations.data.length > 0 && (
            <Table>
              <TableHeader>
                <TableRow><TableHead>League</TableHead><TableHead>Models</TableHead><TableHead>Test seasons from</TableHead><TableHead>Status</TableHead><TableHead>Requested</TableHead></TableRow>
              </TableHeader>
              <TableBody>
                {evaluations.data.map((e) => (
                  <TableRow key={e.id}>
                    <TableCell><Link className="underline" href={`/models/${e.id}`}>{e.league.name}</Link></TableCell>
                    <TableCell>{e.models.join(", ")}</TableCell>
                    <TableCell>{e.fromSeason}</TableCell>
                    <TableCell><StatusBadge status={e.status} progress={e.progress} /></TableCell>
                    <TableCell>{show.dateTime(e.createdAt)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
