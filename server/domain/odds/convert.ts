/** Odds formats. Inside the domain odds are decimal; American and fractional exist only at the edges. */

function assertFinite(value: number, what: string): void {
  if (!Number.isFinite(value)) throw new RangeError(`${what} must be a finite number, got ${value}`);
}

export function assertDecimalOdds(decimal: number): void {
  assertFinite(decimal, "decimal odds");
  if (decimal <= 1) throw new RangeError(`decimal odds must be greater than 1, got ${decimal}`);
}

export function americanToDecimal(american: number): number {
  assertFinite(american, "American odds");
  if (american > -100 && american < 100) {
    throw new RangeError(`American odds must be <= -100 or >= +100, got ${american}`);
  }
  return american > 0 ? 1 + american / 100 : 1 + 100 / -american;
}

export function decimalToAmerican(decimal: number): number {
  assertDecimalOdds(decimal);
  return decimal >= 2 ? (decimal - 1) * 100 : -100 / (decimal - 1);
}

export function fractionalToDecimal(fraction: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)\s*$/.exec(fraction);
  if (!match) throw new RangeError(`fractional odds must look like "5/2", got "${fraction}"`);
  const numerator = Number(match[1]);
  const denominator = Number(match[2]);
  if (numerator <= 0 || denominator <= 0) {
    throw new RangeError(`fractional odds need a positive numerator and denominator, got "${fraction}"`);
  }
  return 1 + numerator / denominator;
}

export function impliedProbability(decimal: number): number {
  assertDecimalOdds(decimal);
  return 1 / decimal;
}

/** The bookmaker's margin: sum of implied probabilities minus 1 (0.05 = 5% overround). */
export function overround(decimals: number[]): number {
  return decimals.reduce((sum, d) => sum + impliedProbability(d), 0) - 1;
}
