import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { applyMigrations, readMigrations } from "@/server/db/migrations";
import { createFreshDatabase } from "../support/database";

describe("db:migrate without the native schema engine", () => {
  const clients: pg.Client[] = [];
  afterAll(async () => Promise.all(clients.map((c) => c.end())));

  it("migrates an empty database, records Prisma's bookkeeping, and is a no-op the second time", async () => {
    const url = await createFreshDatabase("linesmith_test_migrations");
    const again = await applyMigrations(url);
    expect(again.applied).toEqual([]);
    const client = new pg.Client({ connectionString: url });
    clients.push(client);
    await client.connect();
    const { rows } = await client.query(`SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY 1`);
    const expected = await readMigrations();
    expect(rows.map((r) => [r.migration_name, r.checksum])).toEqual(expected.map((m) => [m.name, m.checksum]));
    expect(rows.every((r) => r.finished_at !== null)).toBe(true);
    const index = await client.query(`SELECT indexdef FROM pg_indexes WHERE indexname = 'OddsSnapshot_identity_key'`);
    expect(index.rows[0].indexdef).toMatch(/NULLS NOT DISTINCT/);
  });

  it("applies a failing migration not at all", async () => {
    const url = await createFreshDatabase("linesmith_test_migrations_atomic");
    const broken = {
      name: "99999999999999_broken",
      checksum: "x",
      sql: `CREATE TABLE "Half" (id int); INSERT INTO "Half" VALUES (1); SELECT 1/0;`,
    };
    await expect(applyMigrations(url, [...(await readMigrations()), broken])).rejects.toThrow(/broken failed and was rolled back/);
    const client = new pg.Client({ connectionString: url });
    clients.push(client);
    await client.connect();
    expect((await client.query(`SELECT to_regclass('"Half"') AS t`)).rows[0].t).toBeNull();
    const names = (await client.query(`SELECT migration_name FROM "_prisma_migrations"`)).rows.map((r) => r.migration_name);
    expect(names).not.toContain(broken.name);
  });
});
