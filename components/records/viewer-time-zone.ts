"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => undefined;

/**
 * The viewer's time zone on a public page (no account, so no stored preference): the browser's own zone,
 * and UTC while rendering on the server, so the first render matches the server's HTML and React switches to
 * the local zone right after hydration.
 */
export function useViewerTimeZone(): string {
  return useSyncExternalStore(
    subscribe,
    () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC",
    () => "UTC",
  );
}
