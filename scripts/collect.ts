import { parseArgs } from "node:util";
import { resolveDatabaseUrl } from "../server/db/embedded";
import { applyMigrations } from "../server/db/migrations";
import { createPool } from "../server/db/pool";
import { parseEnv } from "../server/env";
import { isProviderName, PROVIDER_NAMES, providers } from "../server/services/collection/providers";
import { runCollector } from "../server/services/collection/run";

/**
 * `npm run -s collect -- --provider <name> [--sport <key>] --once --json`: one collection pass into
 * DATABASE_URL (or the embedded database). Exit 0 when the pass completed (row rejections included), 1 when
 * the provider could not be reached, refused the key or is not configured, 2 for usage errors.
 */
const USAGE = `usage: npm run -s collect -- --provider <${PROVIDER_NAMES.join("|")}> [--sport <key>] --once [--json]`;

let args;
try {
  args = parseArgs({
    options: {
      provider: { type: "string" },
      sport: { type: "string" },
      once: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
    },
  }).values;
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (!args.provider || !isProviderName(args.provider)) {
  console.error(args.provider ? `unknown provider "${args.provider}"\n${USAGE}` : USAGE);
  process.exit(2);
}
if (!args.once) {
  // Continuous collection is the job runner's work (npm start runs it); the command line runs one pass.
  console.error(`--once is required: scheduled collection runs in the job runner\n${USAGE}`);
  process.exit(2);
}
const log = (line: string) => console.error(line);

const db = await resolveDatabaseUrl(log);
const pool = createPool(db.url);
let exitCode = 0;
try {
  await applyMigrations(db.url);
  // The collector reads only the provider settings; the web session secret is not used by this process.
  const env = parseEnv({ NEXTAUTH_SECRET: "x".repeat(32), ...process.env, DATABASE_URL: db.url });
  const provider = providers(env)[args.provider];
  const result = await runCollector(pool, provider, { sport: args.sport, now: new Date(), trigger: "cli" });
  const { status, message, ...printed } = result;
  if (args.json) {
    process.stdout.write(`${JSON.stringify(printed)}\n`);
  } else {
    console.log(
      `${printed.provider}: ${printed.requests} request(s), ${printed.events} events, ${printed.snapshots} prices; ` +
        `inserted ${printed.inserted}, unchanged ${printed.unchanged}, rejected ${printed.rejected}` +
        (printed.quotaRemaining === null ? "" : `, quota left ${printed.quotaRemaining}`),
    );
    for (const e of printed.errors.slice(0, 20)) console.log(`  ${e.event}: ${e.message}`);
  }
  if (status !== "completed") {
    log(`collect: ${args.provider} ${status}: ${message}`);
    exitCode = 1;
  }
} catch (error) {
  console.error(`collect: ${(error as Error).message}`);
  exitCode = 1;
} finally {
  await pool.end();
  await db.stop();
}
process.exit(exitCode);
