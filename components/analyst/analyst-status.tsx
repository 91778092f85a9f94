"use client";

import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useDisplay } from "@/components/shell/preferences";
import { ErrorState, LoadingRows } from "@/components/shell/states";
import { formatPercent } from "@/lib/format";
import { trpc } from "@/lib/trpc";

/** Benny's configuration, this month's token usage against the budget, and why its record is forward-only. */
export function AnalystStatusCard() {
  const status = trpc.analyst.status.useQuery();
  const s = status.data;
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-base">Benny, the AI analyst</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-3 text-sm">
        {status.isLoading && <LoadingRows rows={2} />}
        {status.error && <ErrorState message={status.error.message} />}
        {s && (
          <>
            <p>
              {s.on ? (
                <>
                  <Badge>On</Badge> {s.provider === "openai" ? "OpenAI-compatible API" : "Anthropic API"}, model <code>{s.model}</code>, prompt{" "}
                  <code>{s.promptVersion}</code>.
                </>
              ) : (
                <>
                  <Badge variant="secondary">Off</Badge> {s.reason}
                </>
              )}
            </p>
            <p>
              This month ({s.usage.month}, UTC): {s.usage.tokens.toLocaleString("en-US")} of {s.budget.toLocaleString("en-US")} tokens in{" "}
              {s.usage.requests} {s.usage.requests === 1 ? "call" : "calls"}. A call that would pass the budget is skipped, not made.
            </p>
            <p className="text-muted-foreground">
              Benny reads the facts Linesmith holds before each game (prices and their movement, your models, form, rest, head-to-head, injuries,
              weather) and answers probabilities, a confidence and three reasons. Deterministic code applies the strategy and sizes bets with half
              Kelly, only at a confidence of {formatPercent(s.confidenceGate, 0)} or more; the LLM never sizes a bet. Its record counts forward
              paper trading only: it is never backtested on past seasons, because a language model may know results from before its training
              cut-off, which would make any backtest look better than it can be.
            </p>
          </>
        )}
      </CardContent>
    </Card>
  );
}

/** The latest calls: each one's game, model, whether its answer was accepted and why not. */
export function AnalystCalls() {
  const show = useDisplay();
  const calls = trpc.analyst.recentCalls.useQuery({ limit: 20 });
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-base">Recent analyst calls</CardTitle>
      </CardHeader>
      <CardContent>
        {calls.isLoading && <LoadingRows rows={3} />}
        {calls.error && <ErrorState message={calls.error.message} />}
        {calls.data?.length === 0 && <p className="text-sm text-muted-foreground">None yet.</p>}
        {calls.data && calls.data.length > 0 && (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Game</TableHead>
                <TableHead>Asked</TableHead>
                <TableHead>Model</TableHead>
                <TableHead>Tokens</TableHead>
                <TableHead>Answer</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {calls.data.map((c) => (
                <TableRow key={c.id}>
                  <TableCell className="font-medium">{c.home} – {c.away}</TableCell>
                  <TableCell>{show.dateTime(c.createdAt)}</TableCell>
                  <TableCell>{c.model}</TableCell>
                  <TableCell>{c.tokens.toLocaleString("en-US")}</TableCell>
                  <TableCell className="min-w-48">
                    {c.ok ? <Badge>Accepted</Badge> : <Badge variant="destructive">Refused</Badge>}
                    {c.error && <span className="ml-2 text-xs text-muted-foreground">{c.error}</span>}
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
