import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import https from "node:https";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * A self-signed certificate for 127.0.0.1, made now with openssl (nothing committed); `{ skip }` with the reason
 * when openssl cannot make one.
 */
export function selfSignedCert(): { key: string; cert: string } | { skip: string } {
  const dir = mkdtempSync(path.join(tmpdir(), "linesmith-tls-"));
  try {
    const [key, cert] = [path.join(dir, "key.pem"), path.join(dir, "cert.pem")];
    execFileSync(
      "openssl",
      ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
        "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", cert],
      { stdio: "ignore" },
    );
    return { key: readFileSync(key, "utf8"), cert: readFileSync(cert, "utf8") };
  } catch (error) {
    return { skip: `openssl could not make a certificate (${(error as Error).message})` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A fetch over node:https that trusts `ca` (and nothing else): for clients under test against a local HTTPS fake. */
export function fetchTrusting(ca: string): typeof fetch {
  return ((input: string | URL | Request, init?: RequestInit) =>
    new Promise<Response>((resolve, reject) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      const req = https.request(url, { method: init?.method ?? "GET", headers: init?.headers as Record<string, string>, ca, signal: init?.signal ?? undefined }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const headers = new Headers();
          for (const [k, v] of Object.entries(res.headers)) if (typeof v === "string") headers.set(k, v);
          const status = res.statusCode ?? 500;
          resolve(new Response([204, 304].includes(status) || chunks.length === 0 ? null : Buffer.concat(chunks), { status, headers }));
        });
      });
      req.on("error", reject);
      req.end(init?.body ? Buffer.from(init.body as Uint8Array) : undefined);
    })) as typeof fetch;
}
