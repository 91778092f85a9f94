"use client";

import { Fragment, useRef, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input, NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useDisplay } from "@/components/shell/preferences";
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
  warnings: number;
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

type Confirm = { id: string; action: "hide" | "delete"; fileName: string; games: number };

/** Hide and delete, each confirmed in a row under the run: both change what every user sees. */
function useRunActions() {
  const utils = trpc.useUtils();
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const [outcome, setOutcome] = useState<{ id: string; message: string; failed: boolean } | null>(null);
  const refresh = async () => {
    await utils.imports.runs.invalidate();
    await utils.games.list.invalidate();
    await utils.leagues.list.invalidate();
  };
  const setHidden = trpc.imports.setHidden.useMutation({
    onSuccess: async (_, input) => {
      setOutcome({ id: input.id, message: input.hidden ? "Hidden: its games no longer appear in users' lists." : "Shown again.", failed: false });
      await refresh();
    },
    onError: (e, input) => setOutcome({ id: input.id, message: e.message, failed: true }),
    onSettled: () => setConfirm(null),
  });
  const remove = trpc.imports.delete.useMutation({
    onSuccess: async (r, input) => {
      setOutcome({ id: input.id, message: r.message, failed: false });
      await refresh();
    },
    onError: (e, input) => setOutcome({ id: input.id, message: e.message, failed: true }),
    onSettled: () => setConfirm(null),
  });
  return { confirm, setConfirm, outcome, setHidden, remove, busy: setHidden.isPending || remove.isPending };
}

export default function ImportsPage() {
  const show = useDisplay();
  const sources = trpc.imports.sources.useQuery();
  const runs = trpc.imports.runs.useQuery({ limit: 50 });
  const utils = trpc.useUtils();
  const fileRef = useRef<HTMLInputElement>(null);
  const [phase, setPhase] = useState<"idle" | "uploading" | "importing">("idle");
  const [progress, setProgress] = useState(0);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const actions = useRunActions();

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
                {report.games} games · {report.odds} odds rows · {report.inserted} inserted · {report.updated} updated · {report.rejectedCount} rejected ·{" "}
                {report.warnings} values dropped
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
              <TableHead className="text-right" title="Values dropped from imported rows (implausible lines, bad prices)">Dropped</TableHead>
              <TableHead className="hidden md:table-cell">When ({show.zone})</TableHead>
              <TableHead><span className="sr-only">Actions</span></TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {runs.data.map((r) => (
              <Fragment key={r.id}>
                <TableRow className={r.deletedAt ? "text-muted-foreground" : undefined}>
                  <TableCell className="max-w-48 truncate" title={r.message ?? ""}>{r.fileName}<span className="block text-xs text-muted-foreground">{r.source}</span></TableCell>
                  <TableCell>
                    <div className="flex flex-wrap gap-1">
                      {r.deletedAt ? (
                        <Badge variant="outline">deleted</Badge>
                      ) : (
                        <Badge variant={r.status === "SUCCEEDED" ? "secondary" : "destructive"}>{r.status.toLowerCase()}</Badge>
                      )}
                      {r.hiddenAt && <Badge variant="outline">hidden</Badge>}
                    </div>
                  </TableCell>
                  <TableCell className="tabular text-right">{r.games}</TableCell>
                  <TableCell className="tabular text-right">{r.odds}</TableCell>
                  <TableCell className="tabular text-right">{r.inserted}</TableCell>
                  <TableCell className="tabular text-right">{r.updated}</TableCell>
                  <TableCell className="tabular text-right">{r.rejected}</TableCell>
                  <TableCell className="tabular text-right">{r.warnings}</TableCell>
                  <TableCell className="hidden md:table-cell">{show.dateTime(r.startedAt)}</TableCell>
                  <TableCell className="whitespace-nowrap text-right">
                    {!r.deletedAt && r.status !== "RUNNING" && (
                      <>
                        {r.hiddenAt ? (
                          <Button size="sm" variant="ghost" disabled={actions.busy} onClick={() => actions.setHidden.mutate({ id: r.id, hidden: false })}>
                            Show
                          </Button>
                        ) : (
                          <Button size="sm" variant="ghost" disabled={actions.busy} onClick={() => actions.setConfirm({ id: r.id, action: "hide", fileName: r.fileName, games: r.games })}>
                            Hide
                          </Button>
                        )}
                        <Button size="sm" variant="ghost" disabled={actions.busy} onClick={() => actions.setConfirm({ id: r.id, action: "delete", fileName: r.fileName, games: r.games })}>
                          Delete
                        </Button>
                      </>
                    )}
                  </TableCell>
                </TableRow>
                {actions.confirm?.id === r.id && (
                  <TableRow>
                    <TableCell colSpan={10} role="alertdialog" aria-label={`${actions.confirm.action === "hide" ? "Hide" : "Delete"} ${r.fileName}`}>
                      <div className="flex flex-wrap items-center gap-2 text-sm">
                        <span>
                          {actions.confirm.action === "hide"
                            ? `Hide ${r.fileName}? Its ${r.games} games leave users' game lists unless another import also contains them. Nothing is deleted; you can show it again.`
                            : `Delete what only ${r.fileName} created? Its games that no other import contains are removed with their prices; this cannot be undone.`}
                        </span>
                        <Button
                          size="sm"
                          variant={actions.confirm.action === "delete" ? "destructive" : "default"}
                          disabled={actions.busy}
                          onClick={() =>
                            actions.confirm!.action === "hide"
                              ? actions.setHidden.mutate({ id: r.id, hidden: true })
                              : actions.remove.mutate({ id: r.id })
                          }
                        >
                          {actions.confirm.action === "hide" ? "Hide import" : "Delete import"}
                        </Button>
                        <Button size="sm" variant="outline" disabled={actions.busy} onClick={() => actions.setConfirm(null)}>
                          Cancel
                        </Button>
                      </div>
                    </TableCell>
                  </TableRow>
                )}
                {actions.outcome?.id === r.id && (
                  <TableRow>
                    <TableCell colSpan={10} role="status" className={`text-sm ${actions.outcome.failed ? "text-destructive" : "text-muted-foreground"}`}>
                      {actions.outcome.message}
                    </TableCell>
                  </TableRow>
                )}
              </Fragment>
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  );
}
