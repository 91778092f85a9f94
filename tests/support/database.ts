import pg from "pg";
import { applyMigrations } from "@/server/db/migrations";

/**
 * Integration and end-to-end tests run against a real PostgreSQL: TEST_DATABASE_ADMIN_URL (default: the
 * machine's server at 127.0.0.1:5432) is used to create a fresh database, migrated from prisma/migrations.
 */
export const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/**
 * TEST_DB_SUFFIX keeps suites that run side by side on one server (several work trees) out of each other's
 * databases.
 */
export function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}${process.env.TEST_DB_SUFFIX ?? ""}`;
  return url.toString();
}

export async function createFreshDatabase(baseName: string): Promise<string> {
  const url = databaseUrl(baseName);
  const name = new URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `Integration tests need PostgreSQL at ${ADMIN_URL} (set TEST_DATABASE_ADMIN_URL): ${(error as Error).message}`,
    );
  }
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  await applyMigrations(url);
  return url;
}
