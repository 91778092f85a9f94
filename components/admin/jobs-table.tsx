"use client";

import { useState } from "react";
import { useDisplay } from "@/components/shell/preferences";
import { EmptyState, ErrorState, LoadingRows } from "@/components/shell/states";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { trpc, type RouterOutputs } from "@/lib/trpc";

type Job = RouterOutputs["jobs"]["list"][number];
type Run = Job["runs"][number];

/** A run's result in a line: its numeric counts ("settled 3, graded 1"), else its JSON, shortened. */
function resultSummary(result: unknown): string {
  if (result === null || result === undefined) return "";
  if (typeof result === "object" && !Array.isArray(result)) {
    const counts = Object.entries(result as Record<string, unknown>).filter(([, v]) => typeof v === "number");
    if (counts.length) return counts.map(([k, v]) => `${k} ${v as number}`).join(", ");
  }
  const json = JSON.stringify(result);
  return json.length > 120 ? `${json.slice(0, 117)}...` : json;
}

function duration(run: Run): string {
  if (!run.finishedAt) return "";
  const ms = run.finishedAt.getTime() - run.startedAt.getTime();
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function RunStatus({ run }: { run: Run }) {
  if (run.ok === null) return <Badge variant="outline">Running</Badge>;
  return run.ok ? <Badge>OK</Badge> : <Badge variant="destructive">Failed</Badge>;
}

function JobCard({ job }: { job: Job }) {
  const { dateTime } = useDisplay();
  const utils = trpc.useUtils();
  const [reason, setReason] = useState("");
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const done = (text: string) => () => {
    setNotice({ ok: true, text });
    void utils.jobs.list.invalidate();
  };
  const failed = (e: { message: string }) => setNotice({ ok: false, text: e.message });
  const runNow = trpc.jobs.runNow.useMutation({ onSuccess: done("Requested: the run shows below once it starts."), onError: failed });
  const pause = trpc.jobs.pause.useMutation({ onSuccess: done("Paused: scheduled and event runs are skipped."), onError: failed });
  const resume = trpc.jobs.resume.useMutation({ onSuccess: done("Resumed."), onError: failed });
  const busy = runNow.isPending || pause.isPending || resume.isPending;

  return (
    <Card data-testid={`job-${job.id}`}>
      <CardHeader>
        <div className="flex flex-wrap items-start justify-between gap-2">
          <div className="flex flex-col gap-1">
            <CardTitle className="flex items-center gap-2 text-base">
              <code>{job.id}</code>
              {job.paused ? <Badge variant="warning">Paused</Badge> : <Badge variant="secondary">Active</Badge>}
            </CardTitle>
            <CardDescription>{job.name}</CardDescription>
            <p className="text-xs text-muted-foreground">
              Schedule <code>{job.cron}</code> (UTC)
              {job.events.length ? <> · events {job.events.map((e) => <code key={e} className="mr-1">{e}</code>)}</> : null}
            </p>
            {job.paused && (
              <p className="text-xs text-muted-foreground">
                Paused {job.pausedAt ? dateTime(job.pausedAt) : ""} by {job.pausedBy ?? "unknown"}
                {job.reason ? `: ${job.reason}` : ""}
              </p>
            )}
          </div>
          <div className="flex flex-wrap items-center gap-2">
            <Button size="sm" disabled={busy || job.paused} title={job.paused ? "Resume the job to run it" : undefined} onClick={() => runNow.mutate({ jobId: job.id })}>
              Run now
            </Button>
            {job.paused ? (
              <Button size="sm" variant="outline" disabled={busy} onClick={() => resume.mutate({ jobId: job.id })}>
                Resume
              </Button>
            ) : (
              <>
                <Input
                  aria-label={`Reason for pausing ${job.id}`}
                  placeholder="Reason (optional)"
                  className="h-8 w-44"
                  maxLength={500}
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                />
                <Button size="sm" variant="outline" disabled={busy} onClick={() => pause.mutate({ jobId: job.id, reason: reason || undefined })}>
                  Pause
                </Button>
              </>
            )}
          </div>
        </div>
        {notice && (
          <p role="status" className={notice.ok ? "text-sm text-muted-foreground" : "text-sm text-destructive"}>
            {notice.text}
          </p>
        )}
      </CardHeader>
      <CardContent>
        {job.runs.length === 0 ? (
          <EmptyState title="No runs recorded yet" />
        ) : (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Started</TableHead>
                <TableHead>Trigger</TableHead>
                <TableHead>Status</TableHead>
                <TableHead className="text-right">Duration</TableHead>
                <TableHead>Result</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {job.runs.map((r) => (
                <TableRow key={r.id}>
                  <TableCell>{dateTime(r.startedAt, { seconds: true })}</TableCell>
                  <TableCell className="max-w-48 break-words">{r.trigger}</TableCell>
                  <TableCell>
                    <RunStatus run={r} />
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{duration(r)}</TableCell>
                  <TableCell className="max-w-md break-words">
                    {r.ok === false ? <span className="text-destructive">{r.error}</span> : resultSummary(r.result)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}

/** Every background job with its latest runs; "Run now", pause and resume. Refreshed every 15 s. */
export function JobsTable() {
  const jobs = trpc.jobs.list.useQuery({ runs: 10 }, { refetchInterval: 15_000 });
  if (jobs.isLoading) return <LoadingRows />;
  if (jobs.error) return <ErrorState message={jobs.error.message} />;
  return (
    <div className="flex flex-col gap-4">
      {jobs.data!.map((job) => (
        <JobCard key={job.id} job={job} />
      ))}
    </div>
  );
}
