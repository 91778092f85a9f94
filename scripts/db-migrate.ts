import { applyMigrations } from "../server/db/migrations";
import { resolveDatabaseUrl } from "../server/db/embedded";

// `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the embedded database when
// DATABASE_URL is unset (starting it for the duration of the command).
const { url, stop } = await resolveDatabaseUrl();
try {
  const result = await applyMigrations(url);
  console.log(
    result.applied.length === 0
      ? `database is up to date (${result.alreadyApplied} migrations applied earlier)`
      : `applied ${result.applied.length} migration(s): ${result.applied.join(", ")}`,
  );
} catch (error) {
  console.error(`db:migrate: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await stop();
}
