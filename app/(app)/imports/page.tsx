"use client";

import { useRef, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input, NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { ErrorState, LoadingRows } from "@/components/shell/states";
import { trpc } from "@/lib/trpc";

interface Report {
  file: string;
  status: string;
  message: string;
  games: number;
  odds: number;
  inserted: number;
  updated: number;
  rejectedCount: number;
  rejected: { line: number; message: string }[];
}

/** Sends the file with XMLHttpRequest so upload progress can be shown. */
function upload(form: FormData, onProgress: (share: number) => void): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/imports");
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      try {
        resolve({ status: xhr.status, body: JSON.parse(xhr.responseText) });
      } catch {
        reject(new Error(`The server answered ${xhr.status} without a report.`));
      }
    };
    xhr.onerror = () => reject(new Error("The upload failed: check your connection."));
    xhr.send(form);
  });
}

export default function ImportsPage() {
  const sources = trpc.imports.sources.useQuery();
  const runs = trpc.imports.runs.useQuery({ limit: 50 });
  const utils = trpc.useUtils();
  const fileRef = useRef<HTMLInputElement>(null);
  const [phase, setPhase] = useState<"idle" | "uploading" | "importing">("idle");
  const [progress, setProgress] = useState(0);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    if (!(form.get("file") instanceof File) || (form.get("file") as File).size === 0) {
      setError("Choose a file to import.");
      return;
    }
    setError(null);
    setReport(null);
    setPhase("uploading");
    try {
      const { body } = await upload(form, (share) => {
        setProgress(share);
        if (share >= 1) setPhase("importing");
      });
      const b = body as Report & { error?: { message: string } };
      if (b.error) setError(b.error.message);
      else setReport(b);
      await utils.imports.runs.invalidate();
      await utils.leagues.list.invalidate();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setPhase("idle");
      if (fileRef.current) fileRef.current.value = "";
    }
  }

  if (sources.error) return <ErrorState message={sources.error.message} />;
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold tracking-tight">Imports</h1>
      <Card>
        <CardHeader>
          <CardTitle className="text-base">Import a file</CardTitle>
          <CardDescription>
            Public formats: nflverse games.csv, the SBR NFL and NBA archives, football-data.co.uk season files, tennis-data.co.uk,
            FiveThirtyEight NFL results and NBA player logs. Importing the same file twice changes nothing.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <form onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
            <div className="flex flex-col gap-1">
              <Label htmlFor="source">Format</Label>
              <NativeSelect id="source" name="source" defaultValue="">
                <option value="">Detect from the file</option>
                {sources.data?.map((s) => (
                  <option key={s.source} value={s.source}>{s.label}</option>
                ))}
              </NativeSelect>
            </div>
            <div className="flex flex-col gap-1">
              <Label htmlFor="file">File</Label>
              <Input id="file" name="file" type="file" accept=".csv,.json" ref={fileRef} />
            </div>
            <Button type="submit" disabled={phase !== "idle"}>
              {phase === "uploading" ? `Uploading ${Math.round(progress * 100)}%` : phase === "importing" ? "Importing…" : "Import"}
            </Button>
          </form>
          {phase !== "idle" && (
            <div className="mt-3 h-2 overflow-hidden rounded bg-muted" role="progressbar" aria-valuenow={Math.round(progress * 100)}>
              <div className={`h-full bg-primary transition-all ${phase === "importing" ? "animate-pulse" : ""}`} style={{ width: `${progress * 100}%` }} />
            </div>
          )}
          {error && <div className="mt-3"><ErrorState message={error} /></div>}
          {report && (
            <div className="mt-4 flex flex-col gap-2 rounded-md border p-3 text-sm" data-testid="import-report">
              <p>
                <Badge variant={report.status === "SUCCEEDED" ? "default" : "destructive"}>{report.status.toLowerCase()}</Badge>{" "}
                <span className="font-medium">{report.file}</span>: {report.message}
              </p>
              <p className="tabular text-muted-foreground">
                {report.games} games · {report.odds} odds rows · {report.inserted} inserted · {report.updated} updated · {report.rejectedCount} rejected
              </p>
              {report.rejected.length > 0 && (
                <ul className="max-h-48 overflow-auto text-xs text-muted-foreground">
                  {report.rejected.map((r) => (
                    <li key={r.line}>line {r.line}: {r.message}</li>
                  ))}
                </ul>
              )}
            </div>
          )}
        </CardContent>
      </Card>

      <h2 className="text-lg font-semibold">History</h2>
      {runs.isLoading && <LoadingRows />}
      {runs.data && (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>File</TableHead>
              <TableHead>Status</TableHead>
              <TableHead className="text-right">Games</TableHead>
              <TableHead className="text-right">Odds</TableHead>
              <TableHead className="text-right">Inserted</TableHead>
              <TableHead className="text-right">Updated</TableHead>
              <TableHead className="text-right">Rejected</TableHead>
              <TableHead className="hidden md:table-cell">When (UTC)</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {runs.data.map((r) => (
              <TableRow key={r.id}>
                <TableCell className="max-w-48 truncate" title={r.message ?? ""}>{r.fileName}<span className="block text-xs text-muted-foreground">{r.source}</span></TableCell>
                <TableCell><Badge variant={r.status === "SUCCEEDED" ? "secondary" : "destructive"}>{r.status.toLowerCase()}</Badge></TableCell>
                <TableCell className="tabular text-right">{r.games}</TableCell>
                <TableCell className="tabular text-right">{r.odds}</TableCell>
                <TableCell className="tabular text-right">{r.inserted}</TableCell>
                <TableCell className="tabular text-right">{r.updated}</TableCell>
                <TableCell className="tabular text-right">{r.rejected}</TableCell>
                <TableCell className="hidden md:table-cell">{r.startedAt.toISOString().slice(0, 16).replace("T", " ")}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  );
}
