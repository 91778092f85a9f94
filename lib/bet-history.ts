import { formatCents, formatLine, formatPercent } from "@/lib/format";

/** How the history shows prices and times: in the user's format and zone. */
export interface HistoryFormat {
  price: (decimal: number) => string;
  dateTime: (at: Date) => string;
}

const OUTCOME_WORD: Record<string, string> = { WIN: "won", HALF_WIN: "half won", PUSH: "push", HALF_LOSS: "half lost", LOSS: "lost" };
const ORIGIN_WORD: Record<string, string> = { MANUAL: "Entered by hand", CSV: "Imported from a CSV file", BOT: "Entered by a bot" };
const STATUS_WORD: Record<string, string> = { OPEN: "open", SETTLED: "settled", VOID: "void" };

type Changes = Record<string, unknown>;
const isRecord = (v: unknown): v is Changes => typeof v === "object" && v !== null && !Array.isArray(v);
const num = (v: unknown) => (typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v)) ? Number(v) : null);

/** One field's value in words; unknown fields fall back to their plain value. */
function value(field: string, v: unknown, f: HistoryFormat): string {
  if (v === null || v === undefined || v === "") return "none";
  const n = num(v);
  if (field === "stakeCents" || field === "profitCents") return n === null ? String(v) : formatCents(n, { signed: field === "profitCents" });
  if (field === "price" && n !== null) return f.price(n);
  if (field === "line" && n !== null) return formatLine(n);
  if (field === "placedAt" && typeof v === "string" && !Number.isNaN(Date.parse(v))) return f.dateTime(new Date(v));
  if (field === "clv" && n !== null) return formatPercent(n);
  if (field === "outcome") return OUTCOME_WORD[String(v)] ?? String(v).toLowerCase();
  if (typeof v === "string") return field === "note" || field === "reason" ? `“${v}”` : v;
  return JSON.stringify(v);
}

const FIELD_NAME: Record<string, string> = {
  stakeCents: "Stake",
  price: "Price",
  line: "Line",
  placedAt: "Placed",
  note: "Note",
  bookmakerKey: "Bookmaker",
  market: "Market",
  selection: "Selection",
};
const fieldName = (k: string) => FIELD_NAME[k] ?? k.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/^./, (c) => c.toUpperCase());

/** One audit-trail event in words: "Stake 10.00 → 20.00", "Settled: won, profit +13.00, CLV 3.2%". */
export function describeBetEvent(action: string, changes: unknown, f: HistoryFormat): string {
  const c = isRecord(changes) ? changes : {};
  switch (action) {
    case "CREATE": {
      const origin = ORIGIN_WORD[String(c.origin)] ?? "Entered";
      const stake = c.stakeCents !== undefined ? `: stake ${value("stakeCents", c.stakeCents, f)}` : "";
      const price = c.price !== undefined ? ` at ${value("price", c.price, f)}` : "";
      return `${origin}${stake}${price}`;
    }
    case "EDIT": {
      const parts = Object.entries(c).map(([k, v]) =>
        isRecord(v) && ("from" in v || "to" in v) ? `${fieldName(k)} ${value(k, v.from, f)} → ${value(k, v.to, f)}` : `${fieldName(k)} ${value(k, v, f)}`,
      );
      return parts.length ? `Edited: ${parts.join(", ")}` : "Edited (no visible change)";
    }
    case "SETTLE": {
      const parts = [value("outcome", c.outcome, f)];
      if (c.profitCents !== undefined) parts.push(`profit ${value("profitCents", c.profitCents, f)}`);
      if (num(c.clv) !== null) parts.push(`CLV ${value("clv", c.clv, f)}`);
      else if (num(c.clvPoints) !== null) parts.push(`CLV ${formatLine(num(c.clvPoints))} points`);
      return `Settled: ${parts.join(", ")}`;
    }
    case "VOID": {
      const reason = c.reason ? `: ${value("reason", c.reason, f)}` : "";
      const was = c.previousStatus && c.previousStatus !== "OPEN"
        ? ` (was ${STATUS_WORD[String(c.previousStatus)] ?? String(c.previousStatus).toLowerCase()}${c.previousOutcome ? `, ${value("outcome", c.previousOutcome, f)}` : ""})`
        : "";
      return `Voided${reason}${was}`;
    }
    default:
      return `${fieldName(action.toLowerCase())}${Object.keys(c).length ? `: ${Object.entries(c).map(([k, v]) => `${fieldName(k)} ${value(k, v, f)}`).join(", ")}` : ""}`;
  }
}
