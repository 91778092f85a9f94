/**
 * The monthly token budget's arithmetic. Before a call, the service reserves its worst case (prompt tokens
 * estimated from the text plus the answer's cap) in one atomic statement that refuses to pass the budget; after
 * the call, the reservation is corrected to the tokens the provider reported.
 */

/** The UTC month a call is counted in: "YYYY-MM". */
export function usageMonth(at: Date): string {
  return at.toISOString().slice(0, 7);
}

/**
 * A deliberately high estimate of a text's tokens: about 3 characters per token (English averages ~4), so a
 * reservation is rarely below what the provider then reports.
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 3);
}

export function reservationFor(promptChars: string, maxOutputTokens: number): number {
  return estimateTokens(promptChars) + maxOutputTokens;
}
