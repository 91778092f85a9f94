import { parseArgs } from "node:util";
import { IMPORT_SOURCES, isImportSource } from "../server/domain/imports";
import { applyMigrations } from "../server/db/migrations";
import { resolveDatabaseUrl } from "../server/db/embedded";
import { createPool } from "../server/db/pool";
import { importPaths } from "../server/services/imports/import-paths";

const USAGE = `usage: npm run import -- --source <${IMPORT_SOURCES.join("|")}> --path <file or folder> [--json]`;

let args;
try {
  args = parseArgs({
    options: { source: { type: "string" }, path: { type: "string" }, json: { type: "boolean", default: false } },
  }).values;
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (!args.source || !args.path || !isImportSource(args.source)) {
  console.error(args.source && !isImportSource(args.source) ? `unknown source "${args.source}"\n${USAGE}` : USAGE);
  process.exit(2);
}
const source = args.source;
const json = args.json;
// With --json, stdout carries exactly one JSON object; progress goes to stderr.
const log = (line: string) => console.error(line);

const db = await resolveDatabaseUrl(log);
const pool = createPool(db.url);
let exitCode = 0;
try {
  await applyMigrations(db.url);
  const summary = await importPaths(pool, source, args.path, (r) => {
    if (!json) {
      log(`${r.file}: ${r.status.toLowerCase()}: ${r.message} (games ${r.games}, odds ${r.odds}, rejected ${r.rejected.length})`);
    }
  });
  const { reports, ...totals } = summary;
  if (json) {
    process.stdout.write(`${JSON.stringify(totals)}\n`);
  } else {
    console.log(
      `${totals.files} file(s): ${totals.games} games, ${totals.odds} odds rows` +
        (totals.playerStats ? `, ${totals.playerStats} player box scores` : "") +
        `; inserted ${totals.inserted}, updated ${totals.updated}, rejected ${totals.rejected}, warnings ${totals.warnings}`,
    );
    for (const e of totals.errors.slice(0, 20)) console.log(`  ${e.file}${e.line ? `:${e.line}` : ""}: ${e.message}`);
    if (totals.errors.length > 20) console.log(`  ... and ${totals.errors.length - 20} more (see the import history page)`);
  }
  if (reports.some((r) => r.status !== "SUCCEEDED")) exitCode = 1;
} catch (error) {
  console.error(`import: ${(error as Error).message}`);
  exitCode = 1;
} finally {
  await pool.end();
  await db.stop();
}
process.exit(exitCode);
