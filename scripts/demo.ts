import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import {
  REPLAY_SOURCES,
  startReplay,
  type ReplayServer,
  type ReplaySource,
} from "../server/integrations/replay/server";
import { startFakeLlmServer, type FakeLlmServer } from "../server/integrations/llm/fake-server";

/**
 * `npm run demo`: Linesmith on live-looking data with no keys. Starts the replay provider on an archive
 * season (default: Premier League 2023-24 from ../shared/data, an archive hour per real minute), then the
 * product exactly as `npm start` does, with the Odds API and ESPN base URLs pointed at the replay. Ctrl-C
 * stops both.
 */
const USAGE = `usage: npm run demo -- [--file <season file> ...] [--source football-data|nflverse] [--season <start year>]
                     [--from <archive ISO time>] [--speed <archive seconds per real second>]`;
const DEFAULT_FILE = path.resolve(import.meta.dirname, "../../shared/data/soccer/football-data/E0_2324.csv");
const log = (line: string) => console.log(`[demo] ${line}`);

function fail(message: string): never {
  console.error(`[demo] ${message}`);
  process.exit(1);
}

let args;
try {
  args = parseArgs({
    options: {
      file: { type: "string", multiple: true },
      source: { type: "string", default: "football-data" },
      season: { type: "string" },
      from: { type: "string" },
      speed: { type: "string", default: "60" },
      help: { type: "boolean", short: "h" },
    },
  }).values;
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const source = args.source as ReplaySource;
if (!REPLAY_SOURCES.includes(source))
  fail(`--source must be one of ${REPLAY_SOURCES.join(", ")}, got "${args.source}"`);
const files = args.file?.length ? args.file.map((f) => path.resolve(f)) : [DEFAULT_FILE];
const missing = files.filter((f) => !existsSync(f));
if (missing.length) {
  fail(
    `archive file not found: ${missing.join(", ")}\n` +
      `The demo replays a season file from the shared data folder (see README, "Real data"). ` +
      `Put the data there, or name a football-data.co.uk season CSV or nflverse games.csv with --file.`,
  );
}
const speed = Number(args.speed);
if (!Number.isFinite(speed) || speed <= 0) fail(`--speed must be a positive number, got "${args.speed}"`);
const from = args.from === undefined ? undefined : new Date(args.from);
if (from && Number.isNaN(from.getTime()))
  fail(`--from must be an ISO date such as 2023-08-10T12:00:00Z, got "${args.from}"`);
const season = args.season === undefined ? undefined : Number(args.season);
if (season !== undefined && !Number.isInteger(season))
  fail(`--season must be a start year such as 2023, got "${args.season}"`);

let replay: ReplayServer;
try {
  replay = await startReplay({ source, files, season, from, speed, apiKey: "replay" });
} catch (error) {
  fail(`the replay could not start: ${(error as Error).message}`);
}
// Benny, the AI analyst, answers from the fake LLM server (its default analyst reads the facts in the prompt),
// unless a real LLM is configured in the environment.
let llm: FakeLlmServer | null = null;
if (!process.env.LLM_PROVIDER) {
  llm = await startFakeLlmServer();
  log(`Benny, the AI analyst, answers from the fake LLM server on ${llm.url} (set LLM_PROVIDER etc. for a real one)`);
}
const port = process.env.PORT ?? "3000";
log(
  `replay of ${files.map((f) => path.basename(f)).join(", ")}: ${replay.games.length} games at ${speed}x on ${replay.url}`,
);
log(
  `archive clock starts at ${replay.clock.archiveStart.toISOString()} (games are listed 48 archive hours before kick-off)`,
);
log(
  `starting Linesmith collecting from the replay (REPLAY_BASE_URL, ESPN_BASE_URL); open http://localhost:${port} when it is ready`,
);

const child = spawn("bash", [path.resolve(import.meta.dirname, "start.sh")], {
  stdio: "inherit",
  // The "replay" provider reads odds and scores from the replay in The Odds API's shapes; only the replayed
  // sports are polled, so no request goes to a host outside this machine.
  env: {
    ...process.env,
    REPLAY_BASE_URL: replay.url,
    ESPN_BASE_URL: replay.url,
    LIVE_SOURCES: "",
    ODDS_API_SPORTS: [...new Set(replay.games.map((g) => g.sport.key))].join(","),
    ...(llm ? { LLM_PROVIDER: "openai", LLM_MODEL: "fake-analyst", LLM_BASE_URL: llm.url, LLM_API_KEY: "demo" } : {}),
  },
});

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
  await replay.close().catch(() => undefined);
  await llm?.close().catch(() => undefined);
  process.exitCode = code;
}
child.on("exit", (code, signal) => {
  void stop(code ?? (signal ? 0 : 1)).then(() => process.exit());
});
process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));
