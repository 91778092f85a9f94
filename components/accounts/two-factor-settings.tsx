"use client";

import { useState } from "react";
import { ErrorState, LoadingRows } from "@/components/shell/states";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { useDisplay } from "@/components/shell/preferences";
import { trpc, type RouterOutputs } from "@/lib/trpc";

type Setup = RouterOutputs["account"]["twoFactor"]["beginSetup"];

/** Settings section: turn TOTP two-factor authentication on (QR code, then a code) or off (with a code). */
export function TwoFactorSettings() {
  const status = trpc.account.twoFactor.status.useQuery();
  const utils = trpc.useUtils();
  const { dateTime } = useDisplay();
  const [setup, setSetup] = useState<Setup | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = () => utils.account.twoFactor.status.invalidate();
  const begin = trpc.account.twoFactor.beginSetup.useMutation({ onSuccess: setSetup, onError: (e) => setError(e.message) });
  const enable = trpc.account.twoFactor.enable.useMutation({
    onSuccess: (r) => {
      setSetup(null);
      setRecoveryCodes(r.recoveryCodes);
      return refresh();
    },
    onError: (e) => setError(e.message),
  });
  const disable = trpc.account.twoFactor.disable.useMutation({ onSuccess: refresh, onError: (e) => setError(e.message) });

  function submit(action: typeof enable | typeof disable) {
    return (event: React.FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      setError(null);
      const form = event.currentTarget;
      action.mutate({ code: String(new FormData(form).get("code") ?? "") }, { onSuccess: () => form.reset() });
    };
  }

  return (
    <Card id="two-factor">
      <CardHeader>
        <CardTitle className="flex items-center gap-2 text-base">
          Two-factor authentication
          {status.data && <Badge variant={status.data.enabled ? "default" : "outline"}>{status.data.enabled ? "On" : "Off"}</Badge>}
        </CardTitle>
        <CardDescription>After your password, sign-in asks for a 6-digit code from an authenticator app on your phone.</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {status.isLoading && <LoadingRows rows={1} />}
        {status.error && <ErrorState message={status.error.message} />}
        {recoveryCodes && (
          <div className="flex flex-col gap-2 rounded-md border p-3">
            <p className="text-sm font-medium">Recovery codes: save them now, they are shown only once.</p>
            <p className="text-xs text-muted-foreground">Each signs you in once if you lose your phone.</p>
            <ul aria-label="Recovery codes" className="grid grid-cols-2 gap-1 font-mono text-sm">
              {recoveryCodes.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
            <Button variant="outline" size="sm" className="self-start" onClick={() => setRecoveryCodes(null)}>
              I have saved them
            </Button>
          </div>
        )}
        {status.data?.enabled && (
          <>
            <p className="text-sm text-muted-foreground">
              On since {status.data.enabledAt ? dateTime(status.data.enabledAt) : "—"}; {status.data.recoveryCodesLeft} recovery codes left.
            </p>
            <form onSubmit={submit(disable)} className="flex flex-col gap-2 sm:flex-row sm:items-end">
              <div className="flex flex-1 flex-col gap-2">
                <Label htmlFor="disable-code">Code to turn it off</Label>
                <Input id="disable-code" name="code" autoComplete="one-time-code" maxLength={32} required />
              </div>
              <Button type="submit" variant="outline" disabled={disable.isPending}>Turn off</Button>
            </form>
          </>
        )}
        {status.data && !status.data.enabled && !setup && (
          <Button className="self-start" onClick={() => begin.mutate()} disabled={begin.isPending}>
            Set up two-factor authentication
          </Button>
        )}
        {setup && (
          <div className="flex flex-col gap-3">
            <p className="text-sm">Scan this QR code with your authenticator app, or type the key by hand.</p>
            {/* A data URL made on the server: no request leaves the page. */}
            {/* eslint-disable-next-line @next/next/no-img-element */}
            <img src={setup.qrDataUrl} alt="QR code for your authenticator app" width={200} height={200} className="rounded bg-white p-1" />
            <p className="break-all font-mono text-sm" data-testid="totp-secret">{setup.secret}</p>
            <form onSubmit={submit(enable)} className="flex flex-col gap-2 sm:flex-row sm:items-end">
              <div className="flex flex-1 flex-col gap-2">
                <Label htmlFor="enable-code">Code from the app</Label>
                <Input id="enable-code" name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={32} required />
              </div>
              <Button type="submit" disabled={enable.isPending}>Turn on</Button>
            </form>
          </div>
        )}
        {error && (
          <p role="alert" className="text-sm text-destructive">
            {error}
          </p>
        )}
      </CardContent>
    </Card>
  );
}
