"use client";

import { useEffect, useState } from "react";
import { verifyChain, type VerifyResult } from "@/server/domain/records/chain";

type State = { status: "checking" } | { status: "done"; result: VerifyResult } | { status: "failed"; message: string };

/**
 * Downloads the public export and checks every hash in this browser with Web Crypto, so a visitor need not
 * trust the page's server-rendered figures: the same check as `npm run verify-record`.
 */
export function ChainVerifier({ exportUrl }: { exportUrl: string }) {
  const [state, setState] = useState<State>({ status: "checking" });
  useEffect(() => {
    let live = true;
    (async () => {
      // Web Crypto's digest exists only on secure pages (HTTPS or localhost).
      if (!globalThis.crypto?.subtle) throw new Error("This browser offers SHA-256 only on HTTPS pages: download the JSON and run verify-record instead.");
      const response = await fetch(exportUrl, { cache: "no-store" });
      if (!response.ok) throw new Error(`The export could not be downloaded (HTTP ${response.status}).`);
      return verifyChain(await response.json());
    })().then(
      (result) => live && setState({ status: "done", result }),
      (error: unknown) => live && setState({ status: "failed", message: (error as Error).message }),
    );
    return () => {
      live = false;
    };
  }, [exportUrl]);

  if (state.status === "checking") return <Status tone="muted">Verifying the chain in your browser…</Status>;
  if (state.status === "failed") return <Status tone="bad">Could not verify: {state.message}</Status>;
  const { result } = state;
  if (result.ok)
    return (
      <Status tone="good">
        <strong>chain verified</strong>: {result.entries} entries recomputed in your browser, head{" "}
        <code className="break-all font-mono text-xs">{result.head}</code>
      </Status>
    );
  return (
    <Status tone="bad">
      <strong>{result.seq === null ? "not a valid export" : `chain broken at seq ${result.seq}`}</strong>: {result.reason}
    </Status>
  );
}

function Status({ tone, children }: { tone: "good" | "bad" | "muted"; children: React.ReactNode }) {
  const colour = {
    good: "border-emerald-600/40 bg-emerald-50 text-emerald-950 dark:bg-emerald-950 dark:text-emerald-50",
    bad: "border-destructive/40 bg-destructive/10 text-destructive",
    muted: "text-muted-foreground",
  }[tone];
  return (
    <p role="status" data-testid="chain-status" className={`rounded-md border p-3 text-sm ${colour}`}>
      {children}
    </p>
  );
}
