"use client";

import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { trpc } from "@/lib/trpc";

function Alert({ text, kind }: { text: string; kind: "error" | "ok" }) {
  return (
    <p
      role={kind === "error" ? "alert" : "status"}
      className={
        kind === "error"
          ? "rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm text-destructive"
          : "rounded-md border px-3 py-2 text-sm"
      }
    >
      {text}
    </p>
  );
}

/** /forgot-password: asks for the address; the answer is the same whether or not it has an account. */
export function ForgotPasswordForm() {
  const request = trpc.account.requestPasswordReset.useMutation();
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-xl">Forgot your password?</CardTitle>
        <CardDescription>We email you a link to choose a new one.</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <form
          className="flex flex-col gap-4"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            request.mutate({ email: String(new FormData(e.currentTarget).get("email") ?? "") });
          }}
        >
          <div className="flex flex-col gap-2">
            <Label htmlFor="email">Email</Label>
            <Input id="email" name="email" type="email" autoComplete="email" required />
          </div>
          {request.error && <Alert kind="error" text={request.error.message} />}
          {request.data && <Alert kind="ok" text={request.data.message} />}
          <Button type="submit" disabled={request.isPending}>{request.isPending ? "Please wait…" : "Send the link"}</Button>
        </form>
        <p className="text-center text-sm text-muted-foreground">
          <Link className="underline" href="/sign-in">Back to sign in</Link>
        </p>
      </CardContent>
    </Card>
  );
}

/** /reset-password?token=…: the new password; the link is used up once it works. */
export function ResetPasswordForm() {
  const token = useSearchParams().get("token") ?? "";
  const reset = trpc.account.resetPassword.useMutation();
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-xl">Choose a new password</CardTitle>
        <CardDescription>You will be signed out everywhere, then sign in with the new password.</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {reset.data ? (
          <Alert kind="ok" text="Your password is changed." />
        ) : (
          <form
            className="flex flex-col gap-4"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              reset.mutate({ token, password: String(new FormData(e.currentTarget).get("password") ?? "") });
            }}
          >
            <div className="flex flex-col gap-2">
              <Label htmlFor="password">New password</Label>
              <Input id="password" name="password" type="password" autoComplete="new-password" minLength={10} required />
              <p className="text-xs text-muted-foreground">At least 10 characters.</p>
            </div>
            {reset.error && <Alert kind="error" text={reset.error.message} />}
            <Button type="submit" disabled={reset.isPending || !token}>{reset.isPending ? "Please wait…" : "Set the new password"}</Button>
          </form>
        )}
        <p className="text-center text-sm text-muted-foreground">
          <Link className="underline" href="/sign-in">Sign in</Link>
        </p>
      </CardContent>
    </Card>
  );
}

/** /verify-email?token=…: confirms on arrival (a POST from the page, so mail scanners' GETs use nothing up). */
export function VerifyEmail() {
  const token = useSearchParams().get("token") ?? "";
  const verify = trpc.account.verifyEmail.useMutation();
  const sent = useRef(false);
  useEffect(() => {
    if (sent.current || !token) return;
    sent.current = true;
    verify.mutate({ token });
  }, [token, verify]);
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-xl">Confirm your email address</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {!token && <Alert kind="error" text="The link is incomplete." />}
        {verify.isPending && <p className="text-sm text-muted-foreground">Confirming…</p>}
        {verify.error && <Alert kind="error" text={verify.error.message} />}
        {verify.data && <Alert kind="ok" text="Your email address is confirmed." />}
        <Link className="text-sm underline" href="/settings">Go to your settings</Link>
      </CardContent>
    </Card>
  );
}

/** Settings section: whether the account's address is confirmed, and a button to send the link again. */
export function EmailSettings() {
  const status = trpc.account.emailStatus.useQuery();
  const send = trpc.account.sendEmailVerification.useMutation();
  const [done, setDone] = useState(false);
  if (!status.data) return null;
  return (
    <Card id="email">
      <CardHeader>
        <CardTitle className="flex flex-wrap items-center gap-2 text-base">
          Email address
          <Badge variant={status.data.emailVerifiedAt ? "default" : "outline"}>{status.data.emailVerifiedAt ? "Confirmed" : "Not confirmed"}</Badge>
        </CardTitle>
        <CardDescription className="break-all">{status.data.email}</CardDescription>
      </CardHeader>
      {!status.data.emailVerifiedAt && (
        <CardContent className="flex flex-col gap-2">
          <Button variant="outline" className="self-start" disabled={send.isPending || done} onClick={() => send.mutate(undefined, { onSuccess: () => setDone(true) })}>
            Send the confirmation link
          </Button>
          {done && <Alert kind="ok" text="Sent: open the link in the email." />}
          {send.error && <Alert kind="error" text={send.error.message} />}
        </CardContent>
      )}
    </Card>
  );
}
