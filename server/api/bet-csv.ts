import { parseBetCsv, type CsvProblem } from "@/server/domain/bets/csv";
import { FileFormatError } from "@/server/domain/imports/types";
import { AppError } from "@/server/errors";
import type { BetCsvRow } from "@/server/services/bets/csv-transfer";
import { BetFields } from "./schemas";

/** The CSV column each bet field comes from, so a row's problem names what the user sees in the file. */
const COLUMN: Record<keyof typeof BetFields.shape, string> = {
  gameId: "game_id",
  line: "line",
  bookmakerKey: "bookmaker",
  price: "price",
  stakeCents: "stake",
  placedAt: "placed_at",
  note: "note",
  externalRef: "ref",
};

/**
 * A bet CSV at the boundary: read, then every row validated with the same schemas as the bet form and the
 * API (limits on ids, prices, stakes, lines, times and text). Problems carry their line numbers.
 */
export function readBetCsv(text: string): { rows: BetCsvRow[]; problems: CsvProblem[] } {
  let parsed: ReturnType<typeof parseBetCsv>;
  try {
    parsed = parseBetCsv(text);
  } catch (e) {
    if (e instanceof FileFormatError) throw new AppError("BAD_REQUEST", `Nothing was imported: ${e.message}.`, { field: "csv" });
    throw e;
  }
  const problems = [...parsed.problems];
  const rows: BetCsvRow[] = [];
  for (const d of parsed.drafts) {
    const checked = BetFields.safeParse({
      gameId: d.gameId,
      line: d.betLine,
      bookmakerKey: d.bookmaker,
      price: d.price,
      stakeCents: d.stakeCents,
      placedAt: d.placedAt,
      note: d.note,
      externalRef: d.ref,
    });
    if (checked.success) rows.push({ line: d.line, input: { ...checked.data, market: d.market, selection: d.selection } });
    else for (const issue of checked.error.issues) problems.push({ line: d.line, message: `${COLUMN[issue.path[0] as keyof typeof COLUMN] ?? "row"}: ${issue.message}` });
  }
  return { rows, problems };
}
