/**
 * The inverse view ("inverse predictions" in the source system): for each model, the record of betting its pick
 * against the record of betting the other side(s) of the same games, over recent windows, and a verdict.
 *
 * - A model's pick on a game is its most probable selection of the winner market (ties: home, draw, away order).
 * - Both records bet one flat unit per game at the closing reference price (the product's closing line): the pick
 *   takes the unit on its selection; the inverse splits it equally over the other selections (one in a two-way
 *   market, two in a three-way one). ROI is profit per unit staked.
 * - The verdict (the rule the page states):
 *   - fewer than INVERSE_MIN_BETS games: "avoid" (too few to tell);
 *   - "use" when the pick's ROI is positive and its lower bound is above the inverse's ROI;
 *   - "invert" when the inverse's ROI is positive and its lower bound is above the pick's ROI;
 *   - otherwise "avoid".
 *   The lower bound is ROI - 1.645 standard errors of the mean profit per game (one-sided 95%).
 */

export const INVERSE_WINDOWS_DAYS = [7, 30, 90] as const;
export const INVERSE_MIN_BETS = 30;
export const INVERSE_Z = 1.645;

const ORDER = ["home", "draw", "away"] as const;
export type WinnerKey = (typeof ORDER)[number];

export interface GradedPrediction {
  model: string;
  sport: string;
  /** The winner market's code ("ONE_X_TWO", "MONEYLINE"). */
  market: string;
  gameId: number;
  startsAt: Date;
  probabilities: Partial<Record<WinnerKey, number>>;
  /** Closing reference prices of every selection of the market. */
  closing: Partial<Record<WinnerKey, number>>;
  winner: WinnerKey;
}

export interface RecordSummary {
  bets: number;
  /** Profit in units (one unit staked per game). */
  profit: number;
  roi: number | null;
  lowerBound: number | null;
}

export type InverseVerdict = "use" | "invert" | "avoid";

export interface InverseRow {
  model: string;
  sport: string;
  market: string;
  windowDays: number;
  pick: RecordSummary;
  inverse: RecordSummary;
  verdict: InverseVerdict;
  /** What the verdict rests on, in words, for the page. */
  basis: string;
}

/** The selections priced, in order; null when a probability or price is missing for one of them. */
function selectionsOf(p: GradedPrediction): WinnerKey[] | null {
  const keys = ORDER.filter((k) => p.closing[k] !== undefined || p.probabilities[k] !== undefined);
  if (keys.length < 2 || !keys.includes(p.winner)) return null;
  return keys.every((k) => (p.closing[k] ?? 0) > 1 && typeof p.probabilities[k] === "number") ? keys : null;
}

export function pickOf(p: Pick<GradedPrediction, "probabilities">, keys: readonly WinnerKey[]): WinnerKey {
  let best = keys[0]!;
  for (const k of keys) if (p.probabilities[k]! > p.probabilities[best]!) best = k;
  return best;
}

/** Profit per unit of betting the pick, and of betting the other side(s); null when the game cannot be graded. */
export function gradeBoth(p: GradedPrediction): { pick: number; inverse: number } | null {
  const keys = selectionsOf(p);
  if (!keys) return null;
  const pick = pickOf(p, keys);
  const others = keys.filter((k) => k !== pick);
  const share = 1 / others.length;
  return {
    pick: p.winner === pick ? p.closing[pick]! - 1 : -1,
    inverse: others.reduce((sum, k) => sum + (p.winner === k ? share * (p.closing[k]! - 1) : -share), 0),
  };
}

export function summarize(profits: number[]): RecordSummary {
  const n = profits.length;
  const profit = profits.reduce((a, b) => a + b, 0);
  if (n === 0) return { bets: 0, profit: 0, roi: null, lowerBound: null };
  const roi = profit / n;
  if (n < 2) return { bets: n, profit, roi, lowerBound: null };
  const variance = profits.reduce((s, x) => s + (x - roi) ** 2, 0) / (n - 1);
  return { bets: n, profit, roi, lowerBound: roi - INVERSE_Z * Math.sqrt(variance / n) };
}

const pct = (x: number | null) => (x === null ? "n/a" : `${(x * 100).toFixed(1)}%`);

export function verdictOf(pick: RecordSummary, inverse: RecordSummary): { verdict: InverseVerdict; basis: string } {
  if (pick.bets < INVERSE_MIN_BETS) return { verdict: "avoid", basis: `${pick.bets} graded games; a verdict needs at least ${INVERSE_MIN_BETS}` };
  const figures = `pick ROI ${pct(pick.roi)} (lower bound ${pct(pick.lowerBound)}), inverse ROI ${pct(inverse.roi)} (lower bound ${pct(inverse.lowerBound)})`;
  if (pick.roi! > 0 && pick.lowerBound! > inverse.roi!) return { verdict: "use", basis: `${figures}: the pick's lower bound is above the inverse's ROI` };
  if (inverse.roi! > 0 && inverse.lowerBound! > pick.roi!) return { verdict: "invert", basis: `${figures}: the inverse's lower bound is above the pick's ROI` };
  return { verdict: "avoid", basis: `${figures}: neither side is clearly ahead` };
}

/** Rows per model, sport, market and window (games that kicked off in the `days` before `now`), sorted by model. */
export function inverseTable(predictions: GradedPrediction[], now: Date, windows: readonly number[] = INVERSE_WINDOWS_DAYS): InverseRow[] {
  const groups = new Map<string, { model: string; sport: string; market: string; graded: { startsAt: Date; pick: number; inverse: number }[] }>();
  for (const p of predictions) {
    if (p.startsAt > now) continue;
    const g = gradeBoth(p);
    if (!g) continue;
    const key = `${p.model}\u0000${p.sport}\u0000${p.market}`;
    const group = groups.get(key) ?? { model: p.model, sport: p.sport, market: p.market, graded: [] };
    group.graded.push({ startsAt: p.startsAt, ...g });
    groups.set(key, group);
  }
  const rows: InverseRow[] = [];
  for (const group of groups.values()) {
    for (const days of windows) {
      const from = now.getTime() - days * 86_400_000;
      const inWindow = group.graded.filter((g) => g.startsAt.getTime() > from);
      const pick = summarize(inWindow.map((g) => g.pick));
      const inverse = summarize(inWindow.map((g) => g.inverse));
      rows.push({ model: group.model, sport: group.sport, market: group.market, windowDays: days, pick, inverse, ...verdictOf(pick, inverse) });
    }
  }
  return rows.sort((a, b) => a.model.localeCompare(b.model) || a.sport.localeCompare(b.sport) || a.market.localeCompare(b.market) || a.windowDays - b.windowDays);
}
