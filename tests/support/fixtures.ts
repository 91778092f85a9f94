import { readFile } from "node:fs/promises";
import path from "node:path";
import type pg from "pg";
import { importFile } from "@/server/services/imports/import-file";

/** Imports one of the synthetic football-data files in tests/fixtures (see its README). */
export async function importSyntheticEpl(pool: pg.Pool, which: "before" | "after") {
  const file = path.resolve(import.meta.dirname, `../fixtures/synthetic-epl-${which}.csv`);
  const report = await importFile(pool, { source: "football-data", fileName: "E0_9900.csv", bytes: await readFile(file) });
  if (report.status !== "SUCCEEDED") throw new Error(`fixture import failed: ${report.message}`);
  const { rows } = await pool.query<{ id: number; home: string }>(
    `SELECT g.id, h.name AS home FROM "Game" g JOIN "Team" h ON h.id = g."homeTeamId" WHERE g."localDate" = '1999-08-14' ORDER BY g."startsAt"`,
  );
  return { report, rovers: rows.find((r) => r.home === "Linesmith Rovers")!.id, fixtureTown: rows.find((r) => r.home === "Fixture Town")!.id };
}
