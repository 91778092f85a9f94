"use client";

import { useRouter } from "next/navigation";
import { signOut, useSession } from "next-auth/react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

/** Sends the code through next-auth's update(): the server checks it and lifts the session's pending flag. */
export function TwoFactorForm() {
  const router = useRouter();
  const { update } = useSession();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get("code") ?? "");
    setPending(true);
    setError(null);
    try {
      const session = await update({ twoFactorCode: code });
      if (!session) {
        router.push("/sign-in");
        return;
      }
      if (session.twoFactorPending) {
        setError(session.twoFactorError ?? "That two-factor code is not right.");
        return;
      }
      router.push("/games");
      router.refresh();
    } finally {
      setPending(false);
    }
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-xl">Two-factor code</CardTitle>
        <CardDescription>Your account has two-factor authentication on. Enter a code to finish signing in.</CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
          <div className="flex flex-col gap-2">
            <Label htmlFor="code">Code</Label>
            <Input id="code" name="code" autoComplete="one-time-code" maxLength={32} autoFocus required />
            <p className="text-xs text-muted-foreground">The 6-digit code from your authenticator app, or a recovery code.</p>
          </div>
          {error && (
            <p role="alert" className="rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm text-destructive">
              {error}
            </p>
          )}
          <Button type="submit" disabled={pending}>{pending ? "Please wait…" : "Continue"}</Button>
          <Button type="button" variant="ghost" onClick={() => signOut({ callbackUrl: "/sign-in" })}>
            Cancel and sign out
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
