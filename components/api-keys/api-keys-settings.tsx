"use client";

import Link from "next/link";
import { useState } from "react";
import { FieldError, FormError, useFormErrors } from "@/components/shell/form-errors";
import { useDisplay } from "@/components/shell/preferences";
import { ErrorState, LoadingRows } from "@/components/shell/states";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input, NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { trpc, type RouterOutputs } from "@/lib/trpc";

type ApiKey = RouterOutputs["apiKeys"]["list"][number];
type Scope = "read" | "bets:write" | "bots:write";

const SCOPES: { scope: Scope; label: string }[] = [
  { scope: "read", label: "Read games, strategies, backtests, bots, bets and bankrolls" },
  { scope: "bets:write", label: "Record bets" },
  { scope: "bots:write", label: "Start, pause and stop bots" },
];
const EXPIRY = [
  { days: 30, label: "30 days" },
  { days: 90, label: "90 days" },
  { days: 365, label: "1 year" },
  { days: null, label: "Never" },
] as const;

/** Settings section: the user's REST API keys. A new key's secret is shown once, right after creation. */
export function ApiKeysSettings() {
  const keys = trpc.apiKeys.list.useQuery();
  const [secret, setSecret] = useState<string | null>(null);
  const [status, setStatus] = useState("");
  return (
    <Card id="api-keys">
      <CardHeader>
        <CardTitle className="text-base">API keys</CardTitle>
        <CardDescription>
          Keys for scripts that use the REST API (<Link href="/settings/api" className="underline underline-offset-4">reference</Link>). Send
          one as <code>Authorization: Bearer lsk_…</code>. A key is shown once: store it like a password.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {secret && (
          <div className="flex flex-col gap-2 rounded-md border border-primary p-3" role="alert">
            <p className="text-sm font-medium">Copy your new key now; it will not be shown again.</p>
            <code className="break-all rounded bg-muted p-2 text-xs" data-testid="new-api-key">
              {secret}
            </code>
            <div className="flex gap-2">
              <Button size="sm" variant="outline" onClick={() => void navigator.clipboard?.writeText(secret).then(() => setStatus("Key copied."))}>
                Copy
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setSecret(null)}>
                Done
              </Button>
            </div>
          </div>
        )}
        {keys.isLoading && <LoadingRows rows={2} />}
        {keys.error && <ErrorState message={keys.error.message} />}
        {keys.data &&
          (keys.data.length === 0 ? (
            <p className="text-sm text-muted-foreground">No API keys yet.</p>
          ) : (
            <ul className="flex flex-col gap-2" aria-label="Your API keys">
              {keys.data.map((k) => (
                <KeyRow key={k.id} k={k} onStatus={setStatus} />
              ))}
            </ul>
          ))}
        {/* Rendered only with a message: the settings page has other status regions that tests address by role. */}
        {status && (
          <p role="status" aria-live="polite" className="text-sm text-muted-foreground">
            {status}
          </p>
        )}
        <CreateKeyForm onCreated={setSecret} />
      </CardContent>
    </Card>
  );
}

function KeyRow({ k, onStatus }: { k: ApiKey; onStatus: (s: string) => void }) {
  const { dateTime } = useDisplay();
  const utils = trpc.useUtils();
  const revoke = trpc.apiKeys.revoke.useMutation({
    onSuccess: () => {
      onStatus(`${k.name} revoked.`);
      return utils.apiKeys.list.invalidate();
    },
    onError: (e) => onStatus(e.message),
  });
  return (
    <li className="flex flex-col gap-2 rounded-md border p-3 sm:flex-row sm:items-start sm:justify-between">
      <div className="min-w-0">
        <p className="flex flex-wrap items-center gap-2 font-medium">
          <span className="break-words">{k.name}</span>
          <code className="text-xs text-muted-foreground">{k.prefix}…</code>
          {k.revokedAt ? <Badge variant="destructive">Revoked</Badge> : k.expired ? <Badge variant="warning">Expired</Badge> : <Badge variant="secondary">Active</Badge>}
        </p>
        <p className="flex flex-wrap gap-1 pt-1">
          {k.scopes.map((s) => (
            <Badge key={s} variant="outline">
              {s}
            </Badge>
          ))}
        </p>
        <p className="mt-1 break-words text-xs text-muted-foreground">
          Created {dateTime(k.createdAt)} · {k.expiresAt ? `expires ${dateTime(k.expiresAt)}` : "does not expire"} ·{" "}
          {k.lastUsedAt ? `last used ${dateTime(k.lastUsedAt)}` : "never used"}
        </p>
      </div>
      {!k.revokedAt && (
        <Button
          variant="ghost"
          size="sm"
          disabled={revoke.isPending}
          onClick={() => {
            if (window.confirm(`Revoke the key "${k.name}"? Scripts using it stop working at once.`)) revoke.mutate({ id: k.id });
          }}
        >
          Revoke
        </Button>
      )}
    </li>
  );
}

function CreateKeyForm({ onCreated }: { onCreated: (secret: string) => void }) {
  const utils = trpc.useUtils();
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<Scope[]>(["read"]);
  const [expiry, setExpiry] = useState("90");
  const errors = useFormErrors<"name" | "scopes">({ name: "name", scopes: "scopes" });
  const create = trpc.apiKeys.create.useMutation({
    onSuccess: (key) => {
      onCreated(key.secret);
      setName("");
      return utils.apiKeys.list.invalidate();
    },
    onError: errors.fromServer,
  });
  return (
    <form
      className="flex flex-col gap-3 border-t pt-4"
      aria-label="Create an API key"
      onSubmit={(e) => {
        e.preventDefault();
        errors.clear();
        create.mutate({ name: name.trim(), scopes, expiresInDays: expiry === "never" ? null : Number(expiry) });
      }}
    >
      <h3 className="text-sm font-semibold">Create a key</h3>
      <div className="grid gap-3 sm:grid-cols-2">
        <div className="flex flex-col gap-1">
          <Label htmlFor="api-key-name">Name</Label>
          <Input id="api-key-name" value={name} maxLength={60} required placeholder="My script" onChange={(e) => setName(e.target.value)} {...errors.describe("name", "api-key-name")} />
          <FieldError id="api-key-name" message={errors.fields.name} />
        </div>
        <div className="flex flex-col gap-1">
          <Label htmlFor="api-key-expiry">Expires after</Label>
          <NativeSelect id="api-key-expiry" value={expiry} onChange={(e) => setExpiry(e.target.value)}>
            {EXPIRY.map((o) => (
              <option key={o.label} value={o.days === null ? "never" : String(o.days)}>
                {o.label}
              </option>
            ))}
          </NativeSelect>
        </div>
      </div>
      <fieldset className="flex flex-col gap-2">
        <legend className="text-sm font-medium">Scopes</legend>
        {SCOPES.map((s) => (
          <label key={s.scope} className="flex items-start gap-2 text-sm">
            <input
              type="checkbox"
              className="mt-1"
              checked={scopes.includes(s.scope)}
              onChange={(e) => setScopes((now) => (e.target.checked ? [...now, s.scope] : now.filter((x) => x !== s.scope)))}
            />
            <span>
              <code className="text-xs">{s.scope}</code> {s.label}
            </span>
          </label>
        ))}
        <FieldError id="api-key-scopes" message={errors.fields.scopes} />
      </fieldset>
      <FormError message={errors.form} />
      <div>
        <Button type="submit" disabled={create.isPending || scopes.length === 0}>
          {create.isPending ? "Creating…" : "Create key"}
        </Button>
      </div>
    </form>
  );
}
