"use client";

import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useDisplay } from "@/components/shell/preferences";
import { EmptyState, ErrorState, LoadingRows } from "@/components/shell/states";
import { ResolveName } from "@/components/collection/resolve-name";
import { trpc, type RouterOutputs } from "@/lib/trpc";

type Health = RouterOutputs["collection"]["health"];

function ProviderStatus({ p, now }: { p: Health["providers"][number]; now: number }) {
  if (p.notConfigured) return <Badge variant="secondary">Not configured</Badge>;
  if (p.circuitOpenUntil && p.circuitOpenUntil.getTime() > now)
    return <Badge variant="destructive">Circuit open</Badge>;
  if (p.consecutiveFailures > 0) return <Badge variant="warning">Failing ({p.consecutiveFailures})</Badge>;
  if (p.lastSuccessAt) return <Badge>Healthy</Badge>;
  return <Badge variant="outline">No runs yet</Badge>;
}

function counts(c: Record<string, unknown> | null): string {
  if (!c) return "";
  const n = (k: string) => (typeof c[k] === "number" ? (c[k] as number) : 0);
  return `${n("events")} events, ${n("snapshots")} prices, ${n("inserted")} new, ${n("unchanged")} unchanged, ${n("rejected")} rejected`;
}

export default function HealthPage() {
  const { dateTime } = useDisplay();
  const health = trpc.collection.health.useQuery({ runs: 50 }, { refetchInterval: 30_000 });
  if (health.isLoading) return <LoadingRows />;
  if (health.error) return <ErrorState message={health.error.message} />;
  const { providers, runs, reviewQueue } = health.data!;
  // Circuit state as of the fetch (refetched every 30 s).
  const now = health.dataUpdatedAt;
  const when = (d: Date | null) => (d ? dateTime(d) : "never");
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-xl font-semibold">Data health</h1>
      <Card>
        <CardHeader>
          <CardTitle>Providers</CardTitle>
          <CardDescription>Live feeds: last success, last error, quota left and circuit breaker.</CardDescription>
        </CardHeader>
        <CardContent>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Provider</TableHead>
                <TableHead>Status</TableHead>
                <TableHead>Last success</TableHead>
                <TableHead>Last error</TableHead>
                <TableHead className="text-right">Quota left</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {providers.map((p) => (
                <TableRow key={p.provider}>
                  <TableCell className="font-medium">{p.provider}</TableCell>
                  <TableCell>
                    <div className="flex flex-col gap-1">
                      <ProviderStatus p={p} now={now} />
                      {p.notConfigured && <span className="text-xs text-muted-foreground">{p.notConfigured}</span>}
                      {!p.notConfigured && p.circuitOpenUntil && p.circuitOpenUntil.getTime() > now && (
                        <span className="text-xs text-muted-foreground">until {dateTime(p.circuitOpenUntil)}</span>
                      )}
                      {!p.notConfigured && p.skippedReason && (
                        <span className="text-xs text-muted-foreground">Skipped: {p.skippedReason}</span>
                      )}
                    </div>
                  </TableCell>
                  <TableCell>{when(p.lastSuccessAt)}</TableCell>
                  <TableCell className="max-w-xs">
                    {p.lastErrorAt ? (
                      <span>
                        {dateTime(p.lastErrorAt)}:{" "}
                        <span className="break-words text-muted-foreground">{p.lastError}</span>
                      </span>
                    ) : (
                      "none"
                    )}
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{p.quotaRemaining ?? "n/a"}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Team names waiting for review</CardTitle>
          <CardDescription>
            Names a feed used that no team alias resolves. Their events are not stored until the name is resolved to a
            team, which adds it as that team&apos;s alias.
          </CardDescription>
        </CardHeader>
        <CardContent>
          {reviewQueue.length === 0 ? (
            <EmptyState title="No names waiting" />
          ) : (
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>Name</TableHead>
                  <TableHead>League</TableHead>
                  <TableHead>Provider</TableHead>
                  <TableHead className="text-right">Seen</TableHead>
                  <TableHead>Last seen</TableHead>
                  <TableHead>Team</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {reviewQueue.map((r) => (
                  <TableRow key={r.id}>
                    <TableCell className="font-medium">{r.name}</TableCell>
                    <TableCell>{r.league}</TableCell>
                    <TableCell>{r.provider}</TableCell>
                    <TableCell className="text-right tabular-nums">{r.seen}</TableCell>
                    <TableCell>{dateTime(r.lastSeenAt)}</TableCell>
                    <TableCell>
                      <ResolveName reviewId={r.id} name={r.name} />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Latest collection runs</CardTitle>
        </CardHeader>
        <CardContent>
          {runs.length === 0 ? (
            <EmptyState title="No collection runs yet" />
          ) : (
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>Started</TableHead>
                  <TableHead>Provider</TableHead>
                  <TableHead>Trigger</TableHead>
                  <TableHead>Result</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {runs.map((r) => (
                  <TableRow key={r.id}>
                    <TableCell>{dateTime(r.startedAt, { seconds: true })}</TableCell>
                    <TableCell>{r.provider}</TableCell>
                    <TableCell>{r.trigger}</TableCell>
                    <TableCell>
                      {r.ok === null ? (
                        <Badge variant="outline">Running</Badge>
                      ) : r.ok ? (
                        counts(r.counts)
                      ) : (
                        <span className="text-destructive">{r.error}</span>
                      )}
                    </TableCell>
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
