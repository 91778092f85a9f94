"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useDisplay } from "@/components/shell/preferences";
import { EmptyState, ErrorState, LoadingRows } from "@/components/shell/states";
import { trpc } from "@/lib/trpc";

/** Emails kept instead of sent (no SMTP_URL), newest first; administrators only. */
export function OutboxList() {
  const { dateTime } = useDisplay();
  const [limit, setLimit] = useState(30);
  const outbox = trpc.notifications.outbox.useQuery({ limit });
  if (outbox.isLoading) return <LoadingRows />;
  if (outbox.error) return <ErrorState message={outbox.error.message} />;
  const { items, nextBefore } = outbox.data!;
  if (items.length === 0) return <EmptyState title="The outbox is empty" />;
  return (
    <div className="flex flex-col gap-2">
      {items.map((m) => (
        <details key={m.id} className="rounded-lg border p-3">
          <summary className="cursor-pointer">
            <span className="font-medium break-words">{m.subject}</span>
            <span className="block text-xs text-muted-foreground break-all">
              to {m.to} · {dateTime(m.createdAt)}
            </span>
          </summary>
          <pre className="mt-2 whitespace-pre-wrap break-words font-sans text-sm">{m.text}</pre>
        </details>
      ))}
      {nextBefore !== null && limit < 100 && (
        <Button variant="outline" className="self-center" onClick={() => setLimit((l) => Math.min(100, l + 30))}>
          Show more
        </Button>
      )}
    </div>
  );
}
