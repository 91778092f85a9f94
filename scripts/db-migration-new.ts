import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import * as engineBindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { MIGRATIONS_DIR, readMigrations } from "../server/db/migrations";

/**
 * `npm run db:migration:new -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql with the SQL
 * that takes the existing migrations to prisma/schema.prisma. It uses Prisma's WebAssembly schema engine with
 * an in-memory PGlite as the shadow database, because the native engine cannot be installed here.
 */
const name = (process.argv[2] ?? "").replace(/[^a-z0-9_]+/gi, "_").toLowerCase();
if (!name) {
  console.error("usage: npm run db:migration:new -- <name>");
  process.exit(2);
}

// The package imports its .wasm as an ES module, which Node 20 cannot do without a flag: instantiate it here.
const wasmPath = path.join(
  path.dirname(fileURLToPath(import.meta.resolve("@prisma/schema-engine-wasm/schema_engine_bg"))),
  "schema_engine_bg.wasm",
);
const { instance } = await WebAssembly.instantiate(await readFile(wasmPath), {
  "./schema_engine_bg.js": engineBindings as unknown as WebAssembly.ModuleImports,
});
engineBindings.__wbg_set_wasm(instance.exports);
(instance.exports.__wbindgen_start as () => void)();
const { SchemaEngine } = engineBindings;

const schemaPath = path.resolve("prisma/schema.prisma");
const schema = await readFile(schemaPath, "utf8");
const existing = await readMigrations();

const shadow = new PGlite();
const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPGlite(shadow));
const engine = await SchemaEngine.new(
  { datamodels: [[schemaPath, schema]] },
  (log: string) => process.env.DEBUG_SCHEMA_ENGINE && console.error(log),
  adapter,
);
const from =
  existing.length === 0
    ? ({ tag: "empty" } as const)
    : ({
        tag: "migrations",
        baseDir: MIGRATIONS_DIR,
        lockfile: { path: "migration_lock.toml", content: 'provider = "postgresql"\n' },
        shadowDbInitScript: "",
        migrationDirectories: existing.map((m) => ({
          path: m.name,
          migrationFile: { path: "migration.sql", content: { tag: "ok" as const, value: m.sql } },
        })),
      } as const);

const result = await engine.diff({
  from,
  to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content: schema }] },
  script: true,
  exitCode: null,
  filters: { externalTables: [], externalEnums: [] },
});
engine.free();
await shadow.close();

let sql = result.stdout ?? "";
if (!sql.trim() || /^-- This is an empty migration/m.test(sql)) {
  console.log("the schema matches the migrations: nothing to write");
  process.exit(0);
}
// Prisma cannot express NULLS NOT DISTINCT; archive odds (capturedAt null) rely on it for idempotent upserts.
sql = sql.replace(
  /(CREATE UNIQUE INDEX "OddsSnapshot_identity_key" ON "OddsSnapshot"\([^)]*\))/,
  "$1 NULLS NOT DISTINCT",
);
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
await mkdir(dir, { recursive: true });
await writeFile(path.join(dir, "migration.sql"), sql);
await writeFile(path.join(MIGRATIONS_DIR, "migration_lock.toml"), 'provider = "postgresql"\n');
console.log(`wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
