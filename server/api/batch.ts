/** Calls one HTTP request may batch; the client's batch link splits larger batches to match. */
export const TRPC_MAX_BATCH = 25;

/** How many procedure calls a tRPC request carries (`/api/trpc/a.b,c.d?batch=1`). */
export function batchCallCount(url: URL, endpoint: string): number {
  if (url.searchParams.get("batch") !== "1") return 1;
  return url.pathname.slice(endpoint.length + 1).split(",").length;
}
