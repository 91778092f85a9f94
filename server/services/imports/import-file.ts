import { createHash } from "node:crypto";
import type pg from "pg";
import { decodeText, FileFormatError, SOURCE_FORMATS, type ImportSource, type RowIssue } from "@/server/domain/imports";
import { ADVISORY_LOCKS } from "@/server/db/locks";
import { withTransaction } from "@/server/db/transaction";
import { writeBatch } from "./write-batch";

/** What one file's import did; also stored as an ImportRun row. */
export interface FileImportReport {
  importRunId: string;
  file: string;
  source: ImportSource;
  status: "SUCCEEDED" | "REFUSED" | "FAILED";
  message: string;
  rowsRead: number;
  games: number;
  odds: number;
  playerStats: number;
  inserted: number;
  updated: number;
  rejected: RowIssue[];
  warnings: RowIssue[];
}

// Kept per run in ImportRun.errors; the counts stay exact when a file has more.
const MAX_STORED_ISSUES = 1000;
// Imports take this lock so two never resolve teams or games at the same time.

export async function importFile(
  pool: pg.Pool,
  input: { source: ImportSource; fileName: string; bytes: Uint8Array; userId?: string | null },
): Promise<FileImportReport> {
  const checksum = createHash("sha256").update(input.bytes).digest("hex");
  const run = await pool.query<{ id: string }>(
    `INSERT INTO "ImportRun" (id, source, "fileName", checksum, "userId")
     VALUES ('imp_' || replace(gen_random_uuid()::text, '-', ''), $1, $2, $3, $4) RETURNING id`,
    [input.source, input.fileName, checksum, input.userId ?? null],
  );
  const importRunId = run.rows[0]!.id;
  const report: FileImportReport = {
    importRunId,
    file: input.fileName,
    source: input.source,
    status: "FAILED",
    message: "",
    rowsRead: 0,
    games: 0,
    odds: 0,
    playerStats: 0,
    inserted: 0,
    updated: 0,
    rejected: [],
    warnings: [],
  };
  try {
    const batch = SOURCE_FORMATS[input.source].parse(decodeText(input.bytes), input.fileName);
    report.rowsRead = batch.rowsRead;
    report.warnings = batch.warnings;
    const counts = await withTransaction(pool, async (client) => {
      await client.query("SELECT pg_advisory_xact_lock($1)", [ADVISORY_LOCKS.imports]);
      return writeBatch(client, batch, importRunId);
    });
    Object.assign(report, {
      games: counts.games,
      odds: counts.odds,
      playerStats: counts.playerStats,
      inserted: counts.inserted,
      updated: counts.updated,
      rejected: [...batch.rejected, ...counts.rejected].sort((a, b) => a.line - b.line),
    });
    report.status = "SUCCEEDED";
    report.message =
      report.inserted + report.updated === 0
        ? "nothing changed: everything in this file was already imported"
        : `imported: ${report.inserted} rows inserted, ${report.updated} updated`;
  } catch (error) {
    if (error instanceof FileFormatError) {
      report.status = "REFUSED";
      report.message = `${error.message}. Nothing from this file was written.`;
    } else {
      report.status = "FAILED";
      report.message = `import failed and was rolled back: ${(error as Error).message}`;
    }
  }
  const issues = [
    ...report.rejected.map((r) => ({ ...r, kind: "rejected" })),
    ...report.warnings.map((r) => ({ ...r, kind: "warning" })),
  ].slice(0, MAX_STORED_ISSUES);
  await pool.query(
    `UPDATE "ImportRun" SET status = $2::"ImportStatus", message = $3, "rowsRead" = $4, games = $5, odds = $6,
       inserted = $7, updated = $8, rejected = $9, warnings = $11, errors = $10::jsonb, "finishedAt" = now() WHERE id = $1`,
    [
      importRunId,
      report.status,
      report.message,
      report.rowsRead,
      report.games,
      report.odds,
      report.inserted,
      report.updated,
      report.rejected.length,
      JSON.stringify(issues),
      report.warnings.length,
    ],
  );
  return report;
}
