import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import type pg from "pg";
import { SOURCE_FORMATS, type ImportSource } from "@/server/domain/imports";
import { importFile, type FileImportReport } from "./import-file";

/** Files to import from a path: the file itself, or every file of the source's extensions in a folder. */
export async function listImportFiles(source: ImportSource, target: string): Promise<string[]> {
  const info = await stat(target).catch(() => null);
  if (!info) throw new Error(`no such file or folder: ${target}`);
  if (info.isFile()) return [target];
  const extensions = SOURCE_FORMATS[source].extensions;
  const names = (await readdir(target)).filter((n) => extensions.some((e) => n.toLowerCase().endsWith(e))).sort();
  if (names.length === 0) throw new Error(`no ${extensions.join("/")} files in ${target}`);
  return names.map((n) => path.join(target, n));
}

export interface ImportSummary {
  source: ImportSource;
  files: number;
  games: number;
  odds: number;
  playerStats: number;
  inserted: number;
  updated: number;
  rejected: number;
  warnings: number;
  errors: { file: string; line: number | null; message: string }[];
  reports: FileImportReport[];
}

export async function importPaths(
  pool: pg.Pool,
  source: ImportSource,
  target: string,
  onFile?: (report: FileImportReport) => void,
): Promise<ImportSummary> {
  const files = await listImportFiles(source, target);
  const summary: ImportSummary = {
    source,
    files: files.length,
    games: 0,
    odds: 0,
    playerStats: 0,
    inserted: 0,
    updated: 0,
    rejected: 0,
    warnings: 0,
    errors: [],
    reports: [],
  };
  for (const file of files) {
    const report = await importFile(pool, { source, fileName: path.basename(file), bytes: await readFile(file) });
    onFile?.(report);
    summary.reports.push(report);
    summary.games += report.games;
    summary.odds += report.odds;
    summary.playerStats += report.playerStats;
    summary.inserted += report.inserted;
    summary.updated += report.updated;
    summary.rejected += report.rejected.length;
    summary.warnings += report.warnings.length;
    if (report.status !== "SUCCEEDED") summary.errors.push({ file: report.file, line: null, message: report.message });
    for (const r of report.rejected) summary.errors.push({ file: report.file, line: r.line, message: r.message });
  }
  return summary;
}
