import { americanToDecimal, decimalToAmerican, fractionalToDecimal } from "./convert";

/** How a user reads and types prices. Inside the domain every price is decimal; these are the edges. */
export const ODDS_FORMATS = ["decimal", "american", "fractional"] as const;
export type OddsFormat = (typeof ODDS_FORMATS)[number];

/** An example price in each format, for placeholders and messages. */
export const ODDS_EXAMPLE: Record<OddsFormat, string> = { decimal: "1.91", american: "-110", fractional: "10/11" };

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/**
 * Reads a typed price as decimal odds. Signs and slashes say the format on their own ("-110", "+150", "10/11",
 * "evens"), so any format is accepted; a bare number is read in the user's format ("150" is +150 for
 * American users, 150.00 for decimal ones; fractional users type bare numbers as decimal odds).
 * Throws a RangeError whose message a user can act on.
 */
export function parseOdds(text: string, format: OddsFormat): number {
  const t = text.trim().replace(/\s+/g, "").toLowerCase();
  if (t === "") throw new RangeError(`Enter a price, for example ${ODDS_EXAMPLE[format]}.`);
  if (t === "evens" || t === "evs" || t === "even") return 2;
  if (t.includes("/")) {
    try {
      return fractionalToDecimal(t);
    } catch {
      throw new RangeError(`"${text.trim()}" is not a fractional price: write it as two positive numbers, such as 10/11 or 5/2.`);
    }
  }
  if (!NUMBER.test(t)) throw new RangeError(`"${text.trim()}" is not a price: write it as 1.91, -110 or 10/11.`);
  const value = Number(t);
  const american = /^[+-]/.test(t) || format === "american";
  if (american) {
    if (value > -100 && value < 100) {
      throw new RangeError(`American prices are -100 or lower, or +100 or higher (such as -110 or +150); "${text.trim()}" is neither.`);
    }
    return americanToDecimal(value);
  }
  if (!(value > 1)) throw new RangeError(`Decimal prices are above 1 (such as 1.91); "${text.trim()}" is not.`);
  return value;
}

function greatestCommonDivisor(a: number, b: number): number {
  return b === 0 ? a : greatestCommonDivisor(b, a % b);
}

/** The simplest fraction within 0.1% of the price (1.91 reads 10/11, 2.05 reads 21/20). */
function toFraction(winnings: number): string {
  const tolerance = Math.min(0.001 * (1 + winnings), 0.02 * winnings);
  for (let q = 1; q <= 1000; q++) {
    const p = Math.round(winnings * q);
    if (p > 0 && Math.abs(p / q - winnings) <= tolerance) return `${p}/${q}`;
  }
  const p = Math.max(1, Math.round(winnings * 1000));
  const g = greatestCommonDivisor(p, 1000);
  return `${p / g}/${1000 / g}`;
}

/** A decimal price in the user's format: "1.91", "-110", "+150", "10/11". */
export function formatOdds(decimal: number, format: OddsFormat): string {
  if (!Number.isFinite(decimal) || decimal <= 1) return "–";
  if (format === "american") {
    const american = Math.round(decimalToAmerican(decimal));
    return american > 0 ? `+${american}` : String(american);
  }
  if (format === "fractional") return toFraction(decimal - 1);
  return decimal.toFixed(2);
}

/** Several prices in one field ("2.30, 3.40, 3.20" or "-110 -110" or "10/11, 10/11"), each read by `parseOdds`. */
export function parseOddsList(text: string, format: OddsFormat): number[] {
  const compact = text.replace(/\s*\/\s*/g, "/");
  const parts = compact.split(/[,;\s]+/).filter(Boolean);
  if (parts.length === 0) throw new RangeError(`Enter the prices, for example ${ODDS_EXAMPLE[format]}, ${ODDS_EXAMPLE[format]}.`);
  return parts.map((p) => parseOdds(p, format));
}
