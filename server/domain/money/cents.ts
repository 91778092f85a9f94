/** Money crosses the edges as text ("25", "25.5", "1,250.00") and lives inside as integer cents. */
export function parseMoneyToCents(text: string): number {
  const cleaned = text.trim().replace(/,/g, "");
  const match = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!match) throw new RangeError(`"${text}" is not an amount of money (use e.g. 25 or 25.50)`);
  const cents = Number(match[2]) * 100 + Number((match[3] ?? "").padEnd(2, "0"));
  if (!Number.isSafeInteger(cents) || cents > 2_000_000_000) throw new RangeError(`"${text}" is too large an amount`);
  return match[1] ? -cents : cents;
}

export function centsToAmount(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}
