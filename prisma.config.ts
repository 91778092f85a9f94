import path from "node:path";
import { defineConfig } from "prisma/config";

// The native schema engine is not installable offline; see scripts/no-schema-engine.sh.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve("scripts/no-schema-engine.sh");

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
