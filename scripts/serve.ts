import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { createServer } from "node:http";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { resolveDatabaseUrl } from "../server/db/embedded";
import { applyMigrations } from "../server/db/migrations";
import { billingModeFrom } from "../server/domain/billing/entitlement";
import { parseEnv } from "../server/env";
import { stampForwardedHeaders } from "../server/http/client-address";

/**
 * `npm run dev` / `npm run serve`: zero-setup start. Uses DATABASE_URL when set, otherwise starts the
 * embedded PostgreSQL; applies migrations; generates NEXTAUTH_SECRET into .data/ when unset; runs Next.js
 * behind a plain HTTP server that resolves each request's client address and scheme per TRUST_PROXY
 * (`next start` alone would pass a client's own X-Forwarded-For through to the app).
 */
const mode = process.argv[2] === "dev" ? "dev" : "start";
const log = (line: string) => console.log(`[linesmith] ${line}`);

async function authSecret(): Promise<string> {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  const file = path.resolve(".data/auth-secret");
  if (existsSync(file)) return (await readFile(file, "utf8")).trim();
  await mkdir(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  await writeFile(file, secret, { mode: 0o600 });
  log("generated a session secret in .data/auth-secret");
  return secret;
}

const database = await resolveDatabaseUrl(log);
await applyMigrations(database.url).then((r) => r.applied.length && log(`applied migrations: ${r.applied.join(", ")}`));
const port = process.env.PORT ?? "3000";
const env = {
  ...process.env,
  DATABASE_URL: database.url,
  NEXTAUTH_SECRET: await authSecret(),
  NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
  NEXT_TELEMETRY_DISABLED: "1",
};
let config: ReturnType<typeof parseEnv>;
try {
  config = parseEnv(env);
} catch (error) {
  console.error((error as Error).message);
  await database.stop();
  process.exit(1);
}
log(`database: ${database.embedded ? "embedded PostgreSQL (.data/postgres)" : "DATABASE_URL"}`);
const billing = billingModeFrom(config);
log(`billing: ${billing.kind === "on" ? `Stripe${config.STRIPE_API_BASE_URL ? ` at ${config.STRIPE_API_BASE_URL}` : ""}` : billing.message}`);
if (mode === "start") Object.assign(process.env, { NODE_ENV: "production" });
Object.assign(process.env, env);

const { default: next } = await import("next");
const app = next({ dev: mode === "dev", dir: process.cwd(), port: Number(port) });
const handle = app.getRequestHandler();
await app.prepare();
const server = createServer((req, res) => {
  stampForwardedHeaders(req, config.TRUST_PROXY);
  void handle(req, res);
});
server.listen(Number(port), () => log(`ready on http://localhost:${port} (trusting ${config.TRUST_PROXY} proxies)`));

let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  server.close();
  await app.close().catch(() => undefined);
  await database.stop().catch(() => undefined);
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
