"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { trpc } from "@/lib/trpc";

/** Settings section: download the account's data, then delete the account (email and password to confirm). */
export function DeleteAccountSettings() {
  const utils = trpc.useUtils();
  const [error, setError] = useState<string | null>(null);
  const [downloading, setDownloading] = useState(false);
  const remove = trpc.account.deleteAccount.useMutation({
    onSuccess: () => signOut({ callbackUrl: "/" }),
    onError: (e) => setError(e.message),
  });

  async function download(format: "json" | "csv") {
    setError(null);
    setDownloading(true);
    try {
      const file = await utils.account.exportData.fetch({ format });
      const url = URL.createObjectURL(new Blob([file.content], { type: file.mime }));
      const a = document.createElement("a");
      a.href = url;
      a.download = file.filename;
      a.click();
      URL.revokeObjectURL(url);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setDownloading(false);
    }
  }

  return (
    <Card id="delete-account">
      <CardHeader>
        <CardTitle className="text-base">Your data and deleting your account</CardTitle>
        <CardDescription>Download your data first: deleting the account erases everything, public records included.</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <div className="flex flex-wrap gap-2">
          <Button variant="outline" disabled={downloading} onClick={() => download("json")}>Download my data (JSON)</Button>
          <Button variant="outline" disabled={downloading} onClick={() => download("csv")}>Download my bets (CSV)</Button>
        </div>
        <form
          className="flex flex-col gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            setError(null);
            const form = new FormData(e.currentTarget);
            remove.mutate({ email: String(form.get("email") ?? ""), password: String(form.get("password") ?? "") || undefined });
          }}
        >
          <div className="flex flex-col gap-2">
            <Label htmlFor="delete-email">Type your email address</Label>
            <Input id="delete-email" name="email" type="email" autoComplete="off" required />
          </div>
          <div className="flex flex-col gap-2">
            <Label htmlFor="delete-password">Password</Label>
            <Input id="delete-password" name="password" type="password" autoComplete="current-password" />
          </div>
          <Button type="submit" variant="destructive" className="self-start" disabled={remove.isPending}>
            Delete my account
          </Button>
        </form>
        {error && <p role="alert" className="text-sm text-destructive">{error}</p>}
      </CardContent>
    </Card>
  );
}
