import type http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * Starts a fake provider's HTTP server on 127.0.0.1 at a free port (never on an outside interface) and gives
 * its base URL and a close that also ends kept-alive connections, so a test's teardown never waits on a client.
 */
export async function listenLocal(server: http.Server): Promise<{ url: string; close(): Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

/** A JSON answer as the provider sends it. */
export function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  contentType = "application/json; charset=utf-8",
): void {
  res.writeHead(status, { "content-type": contentType, ...headers });
  res.end(JSON.stringify(body));
}
