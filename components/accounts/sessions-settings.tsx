"use client";

import { signOut } from "next-auth/react";
import { ErrorState, LoadingRows } from "@/components/shell/states";
import { useDisplay } from "@/components/shell/preferences";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { trpc } from "@/lib/trpc";

/** Settings section: the devices signed in to the account; sign out one, or all (this one included). */
export function SessionsSettings() {
  const sessions = trpc.account.sessions.list.useQuery();
  const utils = trpc.useUtils();
  const { dateTime } = useDisplay();
  const one = trpc.account.sessions.signOut.useMutation({ onSuccess: () => utils.account.sessions.list.invalidate() });
  const all = trpc.account.sessions.signOutAll.useMutation({ onSuccess: () => signOut({ callbackUrl: "/sign-in" }) });
  return (
    <Card id="sessions">
      <CardHeader>
        <CardTitle className="text-base">Signed-in devices</CardTitle>
        <CardDescription>Sign out a device you no longer use or do not recognise.</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        {sessions.isLoading && <LoadingRows rows={2} />}
        {sessions.error && <ErrorState message={sessions.error.message} />}
        {sessions.data && (
          <ul className="flex flex-col gap-2" aria-label="Signed-in devices">
            {sessions.data.map((s) => (
              <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 rounded-md border px-3 py-2">
                <div className="flex flex-col">
                  <span className="flex items-center gap-2 text-sm font-medium">
                    {s.device}
                    {s.current && <Badge variant="outline">This device</Badge>}
                  </span>
                  <span className="text-xs text-muted-foreground">Signed in {dateTime(s.createdAt)}</span>
                </div>
                {!s.current && (
                  <Button variant="outline" size="sm" disabled={one.isPending} onClick={() => one.mutate({ id: s.id })}>
                    Sign out
                  </Button>
                )}
              </li>
            ))}
            {sessions.data.length === 0 && <li className="text-sm text-muted-foreground">No devices listed (sessions from before this list existed are not shown).</li>}
          </ul>
        )}
        {one.error && <p role="alert" className="text-sm text-destructive">{one.error.message}</p>}
        <Button variant="outline" className="self-start" disabled={all.isPending} onClick={() => all.mutate()}>
          Sign out all devices
        </Button>
      </CardContent>
    </Card>
  );
}
