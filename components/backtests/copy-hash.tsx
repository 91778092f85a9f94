"use client";

import { Check, Copy } from "lucide-react";
import { useState } from "react";
import { shortHash } from "./format";

/** A strategy hash, short on screen, copied in full (backtests and bots cite the full SHA-256). */
export function CopyHash({ hash }: { hash: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <span className="inline-flex items-center gap-1">
      <code className="rounded bg-muted px-1 font-mono text-xs" title={hash}>
        {shortHash(hash)}
      </code>
      <button
        type="button"
        className="inline-flex h-6 w-6 items-center justify-center rounded text-muted-foreground hover:bg-accent hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring [&_svg]:size-3.5"
        aria-label={copied ? "Strategy hash copied" : "Copy the full strategy hash"}
        title={copied ? "Copied" : "Copy the full SHA-256"}
        onClick={() => {
          void navigator.clipboard?.writeText(hash).then(
            () => {
              setCopied(true);
              setTimeout(() => setCopied(false), 1500);
            },
            () => setCopied(false),
          );
        }}
      >
        {copied ? <Check aria-hidden /> : <Copy aria-hidden />}
      </button>
    </span>
  );
}
