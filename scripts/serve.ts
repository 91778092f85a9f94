import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { resolveDatabaseUrl } from "../server/db/embedded";
import { applyMigrations } from "../server/db/migrations";
import { parseEnv } from "../server/env";

/**
 * `npm run dev` / `npm run serve`: zero-setup start. Uses DATABASE_URL when set, otherwise starts the
 * embedded PostgreSQL; applies migrations; generates NEXTAUTH_SECRET into .data/ when unset; runs Next.js.
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
try {
  parseEnv(env);
} catch (error) {
  console.error((error as Error).message);
  await database.stop();
  process.exit(1);
}
log(`database: ${database.embedded ? "embedded PostgreSQL (.data/postgres)" : "DATABASE_URL"}`);
log("billing: Stripe is not configured, so plans and payments are disabled");
const next = spawn(process.execPath, [path.resolve("node_modules/next/dist/bin/next"), mode, "-p", port], { env, stdio: "inherit" });

let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  next.kill("SIGTERM");
  await database.stop().catch(() => undefined);
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
next.on("exit", (code) => void shutdown(code ?? 0));
