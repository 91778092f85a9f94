import { z } from "zod";
import { detectSource, IMPORT_SOURCES, type ImportSource } from "@/server/domain/imports";
import { AppError } from "@/server/errors";

// A zod enum matches listed values only, so "__proto__" or "toString" are unknown sources, not object members.
const UploadSource = z.enum(IMPORT_SOURCES as [ImportSource, ...ImportSource[]]);

/** The upload's source: the one asked for, else the one whose header the file starts with. */
export function uploadSource(requested: string, head: string): ImportSource {
  const asked = requested.trim();
  if (!asked) {
    const detected = detectSource(head);
    if (!detected) throw new AppError("BAD_REQUEST", "Could not tell which format this file is: choose its source.");
    return detected;
  }
  const parsed = UploadSource.safeParse(asked);
  if (!parsed.success) {
    throw new AppError("BAD_REQUEST", `Unknown source "${asked.slice(0, 40)}": use one of ${IMPORT_SOURCES.join(", ")}.`);
  }
  return parsed.data;
}

/** The browser's file name, kept for the import history: control characters (NUL) dropped, length bounded. */
export function uploadFileName(name: string): string {
  return name.replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, 200) || "upload";
}
