import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { verifyChain } from "../server/domain/records/chain";

/**
 * `npm run -s verify-record -- --file <export.json> [--json]`: recomputes every hash of a track-record export
 * offline (no database, no network) and names the first broken link. A stable contract for scripts:
 *   exit 0  "chain verified: N entries, head <hash>"
 *   exit 1  "broken at seq K: <reason>"
 *   exit 2  the file cannot be read, is not JSON, or is not a record export (or the arguments are wrong)
 * With --json the same outcome is one JSON object on stdout: {ok, bot, entries, head} or {ok:false, seq, reason}.
 */
const USAGE = "usage: npm run -s verify-record -- --file <export.json> [--json]";

let args: { file?: string; json: boolean };
try {
  args = parseArgs({ options: { file: { type: "string" }, json: { type: "boolean", default: false } } }).values as typeof args;
} catch (error) {
  console.error(`verify-record: ${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}

function unusable(message: string): never {
  if (args.json) console.log(JSON.stringify({ ok: false, seq: null, reason: message }));
  else console.error(`verify-record: ${message}`);
  process.exit(2);
}

if (!args.file) {
  console.error(`verify-record: --file is required\n${USAGE}`);
  process.exit(2);
}

let document: unknown;
try {
  document = JSON.parse(await readFile(args.file, "utf8"));
} catch (error) {
  const e = error as NodeJS.ErrnoException;
  unusable(e.code ? `cannot read ${args.file}: ${e.code}` : `${args.file} is not JSON: ${e.message}`);
}

const result = await verifyChain(document);
if (result.ok) {
  if (args.json) console.log(JSON.stringify(result));
  else console.log(`chain verified: ${result.entries} entries, head ${result.head}`);
  process.exit(0);
}
if (result.seq === null) unusable(result.reason);
if (args.json) console.log(JSON.stringify(result));
else console.log(`broken at seq ${result.seq}: ${result.reason}`);
process.exit(1);
