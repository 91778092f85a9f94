const round1 = (x: number) => Math.round(x * 10) / 10;

export function fahrenheitToCelsius(f: number | null): number | null {
  return f === null ? null : round1(((f - 32) * 5) / 9);
}

export function mphToKph(mph: number | null): number | null {
  return mph === null ? null : round1(mph * 1.609344);
}
