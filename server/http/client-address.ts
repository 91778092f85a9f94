/**
 * Who is on the other end of a request. Forwarded headers are written by whoever sends the request, so
 * only the entries added by our own proxies count: with `trustedProxies` proxies in front, the client is
 * the address the outermost trusted proxy saw (Express's "trust proxy" with a hop count). With 0 the
 * socket address is the client and the headers are ignored.
 */
export function resolveClientAddress(forwardedFor: string | undefined, socketAddress: string | undefined, trustedProxies: number): string {
  const chain = [
    ...(forwardedFor ?? "").split(",").map((a) => a.trim()).filter(Boolean),
    socketAddress ?? "unknown",
  ];
  return chain[Math.max(0, chain.length - 1 - trustedProxies)]!;
}

/** The scheme the client used: the nearest proxy's X-Forwarded-Proto when proxies are trusted, else the socket's. */
export function resolveProtocol(forwardedProto: string | undefined, socketEncrypted: boolean, trustedProxies: number): "https" | "http" {
  const fromProxy = trustedProxies > 0 ? forwardedProto?.split(",").at(-1)?.trim().toLowerCase() : undefined;
  if (fromProxy === "https" || fromProxy === "http") return fromProxy;
  return socketEncrypted ? "https" : "http";
}

type NodeRequest = {
  headers: Record<string, string | string[] | undefined>;
  socket: { remoteAddress?: string | undefined; encrypted?: boolean };
};

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join(",") : value);

/**
 * Run by our HTTP server before Next.js sees a request: replaces X-Forwarded-For and X-Forwarded-Proto with
 * the resolved client address and scheme, so the app can read them without trusting the client.
 */
export function stampForwardedHeaders(req: NodeRequest, trustedProxies: number): void {
  const address = resolveClientAddress(first(req.headers["x-forwarded-for"]), req.socket.remoteAddress, trustedProxies);
  const protocol = resolveProtocol(first(req.headers["x-forwarded-proto"]), Boolean(req.socket.encrypted), trustedProxies);
  req.headers["x-forwarded-for"] = address;
  req.headers["x-forwarded-proto"] = protocol;
  delete req.headers["x-real-ip"];
}

/** The client address of a request that went through stampForwardedHeaders. */
export function clientAddressOf(forwardedFor: unknown): string {
  return (typeof forwardedFor === "string" && forwardedFor.split(",")[0]?.trim()) || "unknown";
}
