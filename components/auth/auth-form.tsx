"use client";

import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { safeCallbackPath } from "@/lib/safe-callback";
import { trpc } from "@/lib/trpc";

// Sent by the server after a right password when the account has 2FA on (server/services/accounts/sign-in.ts).
const TWO_FACTOR_REQUIRED = "TwoFactorRequired";

const SIGN_IN_ERRORS: Record<string, string> = {
  CredentialsSignin: "Wrong email or password.",
  OAuthNoEmail: "That account has no email address we can use.",
  AccountDisabled: "This account has been disabled by an administrator. Contact support to have it enabled again.",
};

/** Sign-in and sign-up share one form; sign-up creates the account first, then signs in. */
export function AuthForm({ mode, oauth }: { mode: "sign-in" | "sign-up"; oauth: { id: string; name: string }[] }) {
  const router = useRouter();
  const params = useSearchParams();
  const [error, setError] = useState<string | null>(SIGN_IN_ERRORS[params.get("error") ?? ""] ?? null);
  const [pending, setPending] = useState(false);
  // Second step: the email and password stay in the form; the code field appears below them.
  const [askCode, setAskCode] = useState(false);
  const signUp = trpc.auth.signUp.useMutation();
  const next = safeCallbackPath(params.get("callbackUrl"));
  // The other form keeps the page asked for too.
  const keep = params.has("callbackUrl") ? `?callbackUrl=${encodeURIComponent(next)}` : "";

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "");
    const password = String(form.get("password") ?? "");
    const code = String(form.get("code") ?? "");
    setPending(true);
    setError(null);
    try {
      if (mode === "sign-up") await signUp.mutateAsync({ email, password, name: String(form.get("name") ?? "") || undefined });
      const result = await signIn("credentials", { email, password, code, redirect: false });
      if (result?.error === TWO_FACTOR_REQUIRED) {
        setAskCode(true);
        return;
      }
      if (result?.error) {
        setError(SIGN_IN_ERRORS[result.error] ?? result.error);
        return;
      }
      router.push(next);
      router.refresh();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setPending(false);
    }
  }

  const title = mode === "sign-in" ? "Sign in" : "Create your account";
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-xl">{title}</CardTitle>
        <CardDescription>
          {mode === "sign-in" ? "Welcome back." : "The first account of a new installation becomes its administrator."}
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
          {mode === "sign-up" && (
            <div className="flex flex-col gap-2">
              <Label htmlFor="name">Name (optional)</Label>
              <Input id="name" name="name" autoComplete="name" maxLength={80} />
            </div>
          )}
          <div className="flex flex-col gap-2">
            <Label htmlFor="email">Email</Label>
            <Input id="email" name="email" type="email" autoComplete="email" required />
          </div>
          <div className="flex flex-col gap-2">
            <Label htmlFor="password">Password</Label>
            <Input
              id="password"
              name="password"
              type="password"
              autoComplete={mode === "sign-in" ? "current-password" : "new-password"}
              minLength={mode === "sign-up" ? 10 : undefined}
              required
            />
            {mode === "sign-up" && <p className="text-xs text-muted-foreground">At least 10 characters.</p>}
            {mode === "sign-in" && (
              <Link className="self-end text-xs underline underline-offset-4" href="/forgot-password">
                Forgot your password?
              </Link>
            )}
          </div>
          {askCode && (
            <div className="flex flex-col gap-2">
              <Label htmlFor="code">Two-factor code</Label>
              <Input id="code" name="code" inputMode="text" autoComplete="one-time-code" maxLength={32} autoFocus required />
              <p className="text-xs text-muted-foreground">The 6-digit code from your authenticator app, or a recovery code.</p>
            </div>
          )}
          {error && (
            <p role="alert" className="rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm text-destructive">
              {error}
            </p>
          )}
          <Button type="submit" disabled={pending}>{pending ? "Please wait…" : title}</Button>
        </form>
        {oauth.map((p) => (
          <Button key={p.id} variant="outline" onClick={() => signIn(p.id, { callbackUrl: next })}>
            Continue with {p.name}
          </Button>
        ))}
        <p className="text-center text-sm text-muted-foreground">
          {mode === "sign-in" ? (
            <>No account? <Link className="underline" href={`/sign-up${keep}`}>Create one</Link></>
          ) : (
            <>Have an account? <Link className="underline" href={`/sign-in${keep}`}>Sign in</Link></>
          )}
        </p>
      </CardContent>
    </Card>
  );
}
