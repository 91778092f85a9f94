"use client";

import { Fragment, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { useCursorPages } from "@/components/admin/cursor-pager";
import { Button } from "@/components/ui/button";
import { Input, NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useDisplay } from "@/components/shell/preferences";
import { EmptyState, ErrorState, LoadingRows } from "@/components/shell/states";
import { zonedTimeToUtc } from "@/server/domain/time/zoned";
import { PLAN_IDS, PLANS, type PlanId } from "@/server/domain/billing/plans";
import { trpc, type RouterOutputs } from "@/lib/trpc";

type User = RouterOutputs["adminUsers"]["list"]["users"][number];

/** Role, disable/enable and plan override of one user, in a row under theirs. */
function ManageUser({ user, onDone }: { user: User; onDone: (message: string) => void }) {
  const { timeZone, dateTime } = useDisplay();
  const utils = trpc.useUtils();
  const [error, setError] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const [plan, setPlan] = useState<PlanId | "">(user.compPlan ?? "");
  const [endsOn, setEndsOn] = useState("");
  const handlers = (message: string) => ({
    onSuccess: async () => {
      setError(null);
      await utils.adminUsers.list.invalidate();
      onDone(message);
    },
    onError: (e: { message: string }) => setError(e.message),
  });
  const setRole = trpc.adminUsers.setRole.useMutation(handlers(user.role === "ADMIN" ? `${user.email} is now a user.` : `${user.email} is now an administrator.`));
  const disable = trpc.adminUsers.disable.useMutation(handlers(`${user.email} is disabled and signed out everywhere.`));
  const enable = trpc.adminUsers.enable.useMutation(handlers(`${user.email} can sign in again.`));
  const override = trpc.adminUsers.setPlanOverride.useMutation(handlers(`Plan override of ${user.email} saved.`));
  const busy = setRole.isPending || disable.isPending || enable.isPending || override.isPending;
  const id = `manage-${user.id}`;

  return (
    <div className="flex flex-col gap-4 py-2">
      <div className="flex flex-wrap items-end gap-2">
        <p className="text-sm">
          Role: <strong>{user.role === "ADMIN" ? "Administrator" : "User"}</strong>
        </p>
        <Button size="sm" variant="outline" disabled={busy} onClick={() => setRole.mutate({ userId: user.id, role: user.role === "ADMIN" ? "USER" : "ADMIN" })}>
          {user.role === "ADMIN" ? "Make user" : "Make administrator"}
        </Button>
      </div>
      {user.disabledAt ? (
        <div className="flex flex-wrap items-end gap-2">
          <p className="text-sm">
            Disabled {dateTime(user.disabledAt)}: {user.disabledReason}
          </p>
          <Button size="sm" variant="outline" disabled={busy} onClick={() => enable.mutate({ userId: user.id })}>
            Enable
          </Button>
        </div>
      ) : (
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            disable.mutate({ userId: user.id, reason });
          }}
        >
          <div className="flex min-w-0 flex-1 flex-col gap-1">
            <Label htmlFor={`${id}-reason`}>Reason for disabling</Label>
            <Input id={`${id}-reason`} value={reason} maxLength={500} required onChange={(e) => setReason(e.target.value)} />
          </div>
          <Button size="sm" variant="destructive" type="submit" disabled={busy || !reason.trim()}>
            Disable
          </Button>
        </form>
      )}
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          const endsAt = plan && endsOn ? zonedTimeToUtc(endsOn, "00:00", timeZone) : null;
          override.mutate({ userId: user.id, plan: plan || null, endsAt });
        }}
      >
        <div className="flex flex-col gap-1">
          <Label htmlFor={`${id}-plan`}>Plan override</Label>
          <NativeSelect id={`${id}-plan`} value={plan} onChange={(e) => setPlan(e.target.value as PlanId | "")}>
            <option value="">None (the subscription decides)</option>
            {PLAN_IDS.map((p) => (
              <option key={p} value={p}>
                {PLANS[p].name}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="flex flex-col gap-1">
          <Label htmlFor={`${id}-ends`}>Ends (optional)</Label>
          <Input id={`${id}-ends`} type="date" value={endsOn} disabled={!plan} onChange={(e) => setEndsOn(e.target.value)} />
        </div>
        <Button size="sm" variant="outline" type="submit" disabled={busy}>
          Save plan
        </Button>
      </form>
      {error && <ErrorState message={error} />}
    </div>
  );
}

export function UsersView() {
  const { dateTime } = useDisplay();
  const [search, setSearch] = useState("");
  const [typed, setTyped] = useState("");
  // Cursors of the pages seen so far: going back pops one.
  const pages = useCursorPages();
  const [open, setOpen] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const cursor = pages.cursor;
  const list = trpc.adminUsers.list.useQuery({ search: search || undefined, cursor });

  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold tracking-tight">Users</h1>
      <form
        role="search"
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          setSearch(typed.trim());
          pages.reset();
          setOpen(null);
        }}
      >
        <div className="flex min-w-0 flex-1 flex-col gap-1">
          <Label htmlFor="user-search">Email or name</Label>
          <Input id="user-search" value={typed} maxLength={80} onChange={(e) => setTyped(e.target.value)} />
        </div>
        <Button type="submit">Search</Button>
      </form>
      {notice && (
        <p role="status" className="text-sm text-muted-foreground">
          {notice}
        </p>
      )}
      {list.isLoading ? (
        <LoadingRows />
      ) : list.error ? (
        <ErrorState message={list.error.message} />
      ) : !list.data?.users.length ? (
        <EmptyState title="No users found">Try part of the email address or name.</EmptyState>
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Email</TableHead>
              <TableHead>Name</TableHead>
              <TableHead>Role</TableHead>
              <TableHead>Plan</TableHead>
              <TableHead>2FA</TableHead>
              <TableHead>Created</TableHead>
              <TableHead>Status</TableHead>
              <TableHead>
                <span className="sr-only">Actions</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {list.data.users.map((u) => (
              <Fragment key={u.id}>
                <TableRow>
                  <TableCell className="max-w-56 truncate" title={u.email}>
                    {u.email}
                  </TableCell>
                  <TableCell>{u.name ?? "—"}</TableCell>
                  <TableCell>{u.role === "ADMIN" ? <Badge>Admin</Badge> : "User"}</TableCell>
                  <TableCell className="whitespace-nowrap">
                    {PLANS[u.plan].name}
                    {u.comped && (
                      <Badge variant="secondary" className="ml-1">
                        comp{u.compEndsAt ? ` to ${dateTime(u.compEndsAt)}` : ""}
                      </Badge>
                    )}
                  </TableCell>
                  <TableCell>{u.twoFactor ? "On" : "Off"}</TableCell>
                  <TableCell className="whitespace-nowrap">{dateTime(u.createdAt)}</TableCell>
                  <TableCell>{u.disabledAt ? <Badge variant="destructive">Disabled</Badge> : "Active"}</TableCell>
                  <TableCell>
                    <Button
                      size="sm"
                      variant="ghost"
                      aria-expanded={open === u.id}
                      aria-label={`Manage ${u.email}`}
                      onClick={() => setOpen(open === u.id ? null : u.id)}
                    >
                      Manage
                    </Button>
                  </TableCell>
                </TableRow>
                {open === u.id && (
                  <TableRow>
                    <TableCell colSpan={8} className="whitespace-normal">
                      <ManageUser user={u} onDone={setNotice} />
                    </TableCell>
                  </TableRow>
                )}
              </Fragment>
            ))}
          </TableBody>
        </Table>
      )}
      {pages.pager(list.data?.nextCursor, { back: "Previous", forward: "Next" })}
    </div>
  );
}
