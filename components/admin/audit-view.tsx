"use client";

import { useState } from "react";
import { useCursorPages } from "@/components/admin/cursor-pager";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useDisplay } from "@/components/shell/preferences";
import { EmptyState, ErrorState, LoadingRows } from "@/components/shell/states";
import { zonedTimeToUtc } from "@/server/domain/time/zoned";
import { trpc } from "@/lib/trpc";

interface Filter {
  action: string;
  actorEmail: string;
  fromDay: string;
  toDay: string;
}
const EMPTY: Filter = { action: "", actorEmail: "", fromDay: "", toDay: "" };

/** The day after an ISO date ("2026-12-31" -> "2027-01-01"): the "to" day is included whole. */
function nextDay(isoDate: string): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function detailsText(details: unknown): string {
  if (!details || typeof details !== "object" || Object.keys(details).length === 0) return "";
  return Object.entries(details as Record<string, unknown>)
    .map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join(", ");
}

export function AuditView() {
  const { dateTime, timeZone, zone } = useDisplay();
  const [typed, setTyped] = useState<Filter>(EMPTY);
  const [filter, setFilter] = useState<Filter>(EMPTY);
  const pages = useCursorPages();
  const list = trpc.adminAudit.list.useQuery({
    action: filter.action || undefined,
    actorEmail: filter.actorEmail || undefined,
    // Days are the user's days: midnight in their zone, the "to" day included.
    from: filter.fromDay ? zonedTimeToUtc(filter.fromDay, "00:00", timeZone) : undefined,
    to: filter.toDay ? zonedTimeToUtc(nextDay(filter.toDay), "00:00", timeZone) : undefined,
    cursor: pages.cursor,
  });
  const set = (key: keyof Filter) => (e: React.ChangeEvent<HTMLInputElement>) => setTyped({ ...typed, [key]: e.target.value });

  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold tracking-tight">Audit log</h1>
      <form
        className="grid grid-cols-1 gap-2 sm:grid-cols-2 lg:grid-cols-5 lg:items-end"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter({ ...typed, action: typed.action.trim(), actorEmail: typed.actorEmail.trim() });
          pages.reset();
        }}
      >
        <div className="flex min-w-0 flex-col gap-1">
          <Label htmlFor="audit-action">Action starts with</Label>
          <Input id="audit-action" placeholder="user." value={typed.action} maxLength={80} onChange={set("action")} />
        </div>
        <div className="flex min-w-0 flex-col gap-1">
          <Label htmlFor="audit-actor">Actor email</Label>
          <Input id="audit-actor" value={typed.actorEmail} maxLength={254} onChange={set("actorEmail")} />
        </div>
        <div className="flex min-w-0 flex-col gap-1">
          <Label htmlFor="audit-from">From</Label>
          <Input id="audit-from" type="date" value={typed.fromDay} onChange={set("fromDay")} />
        </div>
        <div className="flex min-w-0 flex-col gap-1">
          <Label htmlFor="audit-to">To</Label>
          <Input id="audit-to" type="date" value={typed.toDay} onChange={set("toDay")} />
        </div>
        <Button type="submit">Filter</Button>
      </form>
      {list.isLoading ? (
        <LoadingRows />
      ) : list.error ? (
        <ErrorState message={list.error.message} />
      ) : !list.data?.entries.length ? (
        <EmptyState title="No entries">Nothing matches these filters.</EmptyState>
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Time ({zone})</TableHead>
              <TableHead>Actor</TableHead>
              <TableHead>Action</TableHead>
              <TableHead>Target</TableHead>
              <TableHead>Details</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {list.data.entries.map((e) => (
              <TableRow key={e.id}>
                <TableCell className="whitespace-nowrap">{dateTime(e.at, { seconds: true })}</TableCell>
                <TableCell>{e.actorEmail ?? (e.actorId ? e.actorId : "system")}</TableCell>
                <TableCell className="font-mono text-xs">{e.action}</TableCell>
                <TableCell className="text-xs">{e.targetType ? `${e.targetType} ${e.targetId ?? ""}` : "—"}</TableCell>
                <TableCell className="min-w-64 whitespace-normal text-xs">{detailsText(e.details)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {pages.pager(list.data?.nextCursor, { back: "Newer", forward: "Older" })}
    </div>
  );
}
