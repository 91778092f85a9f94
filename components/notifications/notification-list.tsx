"use client";

import Link from "next/link";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { useDisplay } from "@/components/shell/preferences";
import { EmptyState, ErrorState, LoadingRows } from "@/components/shell/states";
import { trpc, type RouterOutputs } from "@/lib/trpc";
import { CHANNEL_NAME, DELIVERY_LABEL, DELIVERY_VARIANT } from "./labels";

type Item = RouterOutputs["notifications"]["list"]["items"][number];

/** The in-app list: newest first, unread marked, with how each channel fared. */
export function NotificationList() {
  const { dateTime } = useDisplay();
  const utils = trpc.useUtils();
  const [limit, setLimit] = useState(30);
  const list = trpc.notifications.list.useQuery({ limit });
  const markRead = trpc.notifications.markRead.useMutation({
    onSuccess: () => Promise.all([utils.notifications.list.invalidate(), utils.notifications.unreadCount.invalidate()]),
  });
  if (list.isLoading) return <LoadingRows />;
  if (list.error) return <ErrorState message={list.error.message} />;
  const { items, nextBefore } = list.data!;
  if (items.length === 0) {
    return (
      <EmptyState title="No notifications yet">
        Bots and alerts tell you here, and on the channels you choose in <Link className="underline" href="/settings#notifications">Settings</Link>.
      </EmptyState>
    );
  }
  const unread = items.some((n) => !n.readAt);
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-muted-foreground">
          Also sent to your channels: <Link className="underline" href="/settings#notifications">choose them in Settings</Link>.
        </p>
        <Button variant="outline" size="sm" disabled={!unread || markRead.isPending} onClick={() => markRead.mutate({ all: true })}>
          Mark all read
        </Button>
      </div>
      <ul className="flex flex-col gap-2" aria-label="Notifications">
        {items.map((n) => (
          <NotificationRow key={n.id} n={n} when={dateTime(n.createdAt)} onRead={() => markRead.mutate({ ids: [n.id] })} />
        ))}
      </ul>
      {nextBefore !== null && limit < 100 && (
        <Button variant="outline" className="self-center" onClick={() => setLimit((l) => Math.min(100, l + 30))}>
          Show more
        </Button>
      )}
    </div>
  );
}

function NotificationRow({ n, when, onRead }: { n: Item; when: string; onRead: () => void }) {
  return (
    <li className={`rounded-lg border p-3 ${n.readAt ? "" : "border-primary/40 bg-primary/5"}`}>
      <div className="flex flex-wrap items-start justify-between gap-x-3 gap-y-1">
        <p className="min-w-0 break-words font-medium">
          {!n.readAt && <span className="sr-only">Unread: </span>}
          {n.title}
        </p>
        <time className="shrink-0 text-xs text-muted-foreground" dateTime={n.createdAt.toISOString()}>
          {when}
        </time>
      </div>
      {n.body && <p className="mt-1 whitespace-pre-line break-words text-sm text-muted-foreground">{n.body}</p>}
      <div className="mt-2 flex flex-wrap items-center gap-2">
        {n.url && (
          <Link className="text-sm underline" href={n.url} onClick={n.readAt ? undefined : onRead}>
            Open
          </Link>
        )}
        {!n.readAt && (
          <Button variant="ghost" size="sm" onClick={onRead}>
            Mark read
          </Button>
        )}
        {n.deliveries.map((d, i) => (
          <Badge key={i} variant={DELIVERY_VARIANT[d.status]} title={d.lastError ?? undefined}>
            {CHANNEL_NAME[d.channelKind]} “{d.channelLabel}”: {DELIVERY_LABEL[d.status]}
          </Badge>
        ))}
      </div>
    </li>
  );
}
