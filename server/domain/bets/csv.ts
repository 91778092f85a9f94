import { americanToDecimal } from "../odds";
import { parseMoneyToCents, centsToAmount } from "../money/cents";
import { csvCell, readCsv } from "../imports/csv";
import { MARKET_KEYS, SELECTION_KEYS, marketFromKey, marketKey, selectionFromKey, selectionKey, type Market, type Selection } from "../vocabulary";
import { betShapeProblem } from "./markets";
import { FileFormatError } from "../imports/types";
import { MAX_CSV_ROWS } from "./limits";

/**
 * The bet CSV: what export writes and import reads. Import needs game_id, market, selection, price_decimal
 * or price_american, stake and placed_at; line for spreads and totals; ref, bookmaker and note are optional.
 * Export adds the columns import ignores (status, outcome, profit, CLV), so an export re-imports as open bets.
 */
export const BET_CSV_COLUMNS = [
  "ref", "placed_at", "game_id", "league", "starts_at", "home", "away", "market", "selection", "line", "bookmaker",
  "price_decimal", "price_american", "stake", "status", "outcome", "profit", "clv", "clv_points", "note",
] as const;

export interface BetDraft {
  line: number;
  ref: string | null;
  placedAt: Date;
  gameId: number;
  market: Market;
  selection: Selection;
  betLine: number | null;
  bookmaker: string | null;
  price: number;
  stakeCents: number;
  note: string | null;
}

export interface CsvProblem {
  line: number;
  message: string;
}

/**
 * Reads every row into a draft; a cell that is not even the right kind of value (no number, no zone on a
 * time) is a problem of its row. Ranges (ids, prices, stakes, lines, times, text) are checked afterwards by
 * the same schemas as the bet form. The caller refuses the whole file when any problem is reported.
 */
export function parseBetCsv(text: string): { drafts: BetDraft[]; problems: CsvProblem[] } {
  const table = readCsv(text, ["game_id", "market", "selection", "stake", "placed_at"], "bet CSV", { maxRows: MAX_CSV_ROWS });
  if (table.rows.length > MAX_CSV_ROWS) {
    throw new FileFormatError(`the file has more than ${MAX_CSV_ROWS.toLocaleString("en-US")} bets, the most one import takes: split it and import the parts one after another`);
  }
  const drafts: BetDraft[] = [];
  const problems: CsvProblem[] = [];
  const refs = new Map<string, number>();
  for (const row of table.rows) {
    const cell = (c: string) => (row.has(c) ? row.get(c).trim() : "");
    try {
      const market = marketFromKey(cell("market"));
      const selection = selectionFromKey(cell("selection"));
      if (!market) throw new RangeError(`market "${cell("market")}" is not one of ${MARKET_KEYS.join(", ")}`);
      if (!selection) throw new RangeError(`selection "${cell("selection")}" is not one of ${SELECTION_KEYS.join(", ")}`);
      const betLine = cell("line") === "" ? null : Number(cell("line"));
      if (betLine !== null && !Number.isFinite(betLine)) throw new RangeError(`line "${cell("line")}" is not a number`);
      const shape = betShapeProblem({ market, selection, line: betLine });
      if (shape) throw new RangeError(shape);
      const price = priceOf(cell("price_decimal"), cell("price_american"));
      const stakeCents = parseMoneyToCents(cell("stake"));
      const placedAt = new Date(cell("placed_at"));
      if (Number.isNaN(placedAt.getTime()) || !/(Z|[+-]\d\d:?\d\d)$/.test(cell("placed_at"))) {
        throw new RangeError(`placed_at "${cell("placed_at")}" must be an ISO time with its zone, e.g. 2024-01-07T17:55:00Z`);
      }
      const ref = cell("ref") || null;
      if (ref && refs.has(ref)) throw new RangeError(`ref "${ref}" repeats line ${refs.get(ref)}`);
      if (ref) refs.set(ref, row.line);
      const gameId = cell("game_id") === "" ? Number.NaN : Number(cell("game_id"));
      drafts.push({ line: row.line, ref, placedAt, gameId, market, selection, betLine, bookmaker: cell("bookmaker") || null, price, stakeCents, note: cell("note") || null });
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      problems.push({ line: row.line, message: e.message });
    }
  }
  if (table.rows.length === 0) problems.push({ line: 1, message: "the file has a header but no bets" });
  return { drafts, problems };
}

function priceOf(decimal: string, american: string): number {
  if (decimal !== "") {
    const d = Number(decimal);
    if (!Number.isFinite(d)) throw new RangeError(`price_decimal "${decimal}" is not a number`);
    return d;
  }
  if (american !== "") return americanToDecimal(Number(american));
  throw new RangeError("give the price in price_decimal or price_american");
}

export interface ExportedBet {
  id: number;
  externalRef: string | null;
  placedAt: Date;
  gameId: number;
  league: string;
  startsAt: Date;
  home: string;
  away: string;
  market: Market;
  selection: Selection;
  line: number | null;
  bookmaker: string | null;
  price: number;
  stakeCents: number;
  status: string;
  outcome: string | null;
  profitCents: number | null;
  clv: number | null;
  clvPoints: number | null;
  note: string | null;
}

/** Columns this code writes as numbers; every other column may hold text the user typed. */
const NUMERIC_COLUMNS = new Set<string>(["game_id", "line", "price_decimal", "price_american", "stake", "profit", "clv", "clv_points"]);

/**
 * Quotes when needed. A text cell starting with = + - @ tab or CR is prefixed with ' so spreadsheets do not
 * run it as a formula (OWASP), whatever follows ("-2+3+cmd|..." is a formula too); numbers stay numbers.
 */
function betCell(column: string, value: string): string {
  return csvCell(value, NUMERIC_COLUMNS.has(column));
}

export function formatBetCsv(bets: ExportedBet[]): string {
  const lines = [BET_CSV_COLUMNS.join(",")];
  for (const b of bets) {
    const american = b.price >= 2 ? Math.round((b.price - 1) * 100) : Math.round(-100 / (b.price - 1));
    const row: Record<(typeof BET_CSV_COLUMNS)[number], string> = {
      ref: b.externalRef ?? `linesmith-${b.id}`,
      placed_at: b.placedAt.toISOString(),
      game_id: String(b.gameId),
      league: b.league,
      starts_at: b.startsAt.toISOString(),
      home: b.home,
      away: b.away,
      market: marketKey(b.market),
      selection: selectionKey(b.selection),
      line: b.line === null ? "" : String(b.line),
      bookmaker: b.bookmaker ?? "",
      price_decimal: String(b.price),
      price_american: american > 0 ? `+${american}` : String(american),
      stake: centsToAmount(b.stakeCents),
      status: b.status.toLowerCase(),
      outcome: b.outcome?.toLowerCase().replace("_", "-") ?? "",
      profit: b.profitCents === null ? "" : centsToAmount(b.profitCents),
      clv: b.clv === null ? "" : b.clv.toFixed(4),
      clv_points: b.clvPoints === null ? "" : String(b.clvPoints),
      note: b.note ?? "",
    };
    lines.push(BET_CSV_COLUMNS.map((c) => betCell(c, row[c])).join(","));
  }
  return lines.join("\n") + "\n";
}
