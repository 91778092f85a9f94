import { existsSync } from "node:fs";
import path from "node:path";

/** The real data folder beside the repository; tests that need it skip, saying why, when it is absent. */
export const SHARED_DATA = path.resolve(import.meta.dirname, "../../../shared/data");
export const hasSharedData = existsSync(SHARED_DATA);

export function dataPath(...parts: string[]): string {
  return path.join(SHARED_DATA, ...parts);
}

if (!hasSharedData) {
  console.warn(`SKIP: real-data tests skipped because ${SHARED_DATA} does not exist (see README, "Real data").`);
}
