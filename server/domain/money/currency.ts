/** The currencies offered first in pickers; any ISO 4217 code Intl knows is accepted. */
export const COMMON_CURRENCIES = ["USD", "EUR", "GBP", "CAD", "AUD", "NZD", "CHF", "SEK", "NOK", "DKK", "JPY", "BRL", "MXN", "INR", "ZAR"] as const;

const known = new Set<string>(Intl.supportedValuesOf("currency"));

/** Whether `code` is an ISO 4217 currency code this runtime can name ("USD", not "usd" or "XYZ"). */
export function isCurrencyCode(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && known.has(code);
}
