import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { databaseUrl } from "../support/database";

/**
 * Loads a football-data file into the e2e server's database through the product's own import CLI, so a spec has
 * its games whatever order the specs run in (importing the same file again changes nothing).
 */
export async function importFootballFile(file: string): Promise<void> {
  await promisify(execFile)(
    "npx",
    ["tsx", "scripts/import.ts", "--source", "football-data", "--path", file, "--json"],
    {
      env: { ...process.env, DATABASE_URL: databaseUrl("linesmith_test_e2e") },
    },
  );
}

/** The same for a CSV made by the spec, written to a file of this name (the importer reads the season from it). */
export async function importFootballCsv(csv: string, fileName = "synthetic-league.csv"): Promise<void> {
  const file = path.join(await mkdtemp(path.join(tmpdir(), "linesmith-e2e-")), fileName);
  await writeFile(file, csv);
  await importFootballFile(file);
}
