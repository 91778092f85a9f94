import { NextResponse } from "next/server";
import { uploadFileName, uploadSource } from "@/server/api/import-upload";
import { bulkPool, db } from "@/server/db/client";
import { getSession } from "@/server/auth/session";
import { env } from "@/server/env";
import { AppError, HTTP_STATUS } from "@/server/errors";
import { EVENTS, publishEvent } from "@/server/jobs/events";
import { importFile } from "@/server/services/imports/import-file";
import { enforceRateLimit } from "@/server/services/rate-limits/rate-limits";

// Imports can take a while for large files.
export const maxDuration = 300;

function fail(error: AppError) {
  return NextResponse.json({ error: { code: error.code, message: error.message } }, { status: HTTP_STATUS[error.code] });
}

/** Upload one file (multipart: `file`, optional `source`; detected from the header when absent). Admins only. */
export async function POST(req: Request) {
  const session = await getSession();
  if (!session?.user?.id) return fail(new AppError("UNAUTHORIZED", "Sign in to import data."));
  const user = await db.user.findUnique({ where: { id: session.user.id }, select: { id: true, role: true } });
  if (user?.role !== "ADMIN") return fail(new AppError("FORBIDDEN", "Only administrators can import data."));
  try {
    await enforceRateLimit(db, { key: `imports.upload:user:${user.id}`, limit: 30, windowMs: 60 * 60_000 });
  } catch (error) {
    if (error instanceof AppError) return fail(error);
    throw error;
  }

  const maxBytes = env().IMPORT_MAX_UPLOAD_MB * 1024 * 1024;
  if (Number(req.headers.get("content-length") ?? 0) > maxBytes + 64 * 1024) {
    return fail(new AppError("PAYLOAD_TOO_LARGE", `Files are limited to ${env().IMPORT_MAX_UPLOAD_MB} MB.`));
  }
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    return fail(new AppError("BAD_REQUEST", "Send the file as multipart/form-data in a field named 'file'."));
  }
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return fail(new AppError("BAD_REQUEST", "Choose a non-empty file to import."));
  if (file.size > maxBytes) return fail(new AppError("PAYLOAD_TOO_LARGE", `Files are limited to ${env().IMPORT_MAX_UPLOAD_MB} MB.`));
  const bytes = new Uint8Array(await file.arrayBuffer());
  let source;
  try {
    source = uploadSource(String(form.get("source") ?? ""), new TextDecoder().decode(bytes.subarray(0, 4096)));
  } catch (error) {
    if (error instanceof AppError) return fail(error);
    throw error;
  }
  const report = await importFile(bulkPool, { source, fileName: uploadFileName(file.name), bytes, userId: user.id });
  if (report.status === "SUCCEEDED" && report.inserted + report.updated > 0) {
    // New results may settle open bets; the job runs in the background.
    await publishEvent({ name: EVENTS.resultsStored, data: { importRunId: report.importRunId } });
  }
  const status = report.status === "SUCCEEDED" ? 200 : report.status === "REFUSED" ? 422 : 500;
  return NextResponse.json(
    { ...report, rejected: report.rejected.slice(0, 200), rejectedCount: report.rejected.length, warnings: report.warnings.length },
    { status },
  );
}
