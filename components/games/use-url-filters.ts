"use client";

import { type ReadonlyURLSearchParams, usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef } from "react";

/** A query string with some keys set or (for an empty value) removed. */
export function withChanges(query: string, changes: Record<string, string | undefined>): string {
  const next = new URLSearchParams(query);
  for (const [key, value] of Object.entries(changes)) {
    if (value) next.set(key, value);
    else next.delete(key);
  }
  return next.toString();
}

/**
 * The queries still on their way once the URL shows `arrived`: the ones asked after it when it is one of ours;
 * none when the URL came from elsewhere (a link), which later changes then build on.
 */
export function stillPending(asked: readonly string[], arrived: string): string[] {
  const at = asked.indexOf(arrived);
  return at === -1 ? [] : asked.slice(at + 1);
}

/**
 * Filters kept in the URL's query string. `router.replace` applies a change only when its navigation commits, a
 * moment later; a second change made before then (a date range typed quickly, a browser's autofill) must build on
 * the first, or it silently drops it. So changes build on the newest query this hook asked for until the router
 * reaches it.
 */
export function useUrlFilters(): {
  params: ReadonlyURLSearchParams;
  update: (changes: Record<string, string | undefined>) => void;
} {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const asked = useRef<string[]>([]);

  useEffect(() => {
    asked.current = stillPending(asked.current, params.toString());
  }, [params]);

  function update(changes: Record<string, string | undefined>) {
    const next = withChanges(asked.current.at(-1) ?? params.toString(), changes);
    asked.current.push(next);
    router.replace(`${pathname}?${next}`);
  }

  return { params, update };
}
