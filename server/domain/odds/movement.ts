import type { Phase } from "../vocabulary";

/**
 * Line movement over a time series of one selection's snapshots across bookmakers.
 * Steam: at least `minBooks` books move the same way by at least `minMove` within `windowMinutes`.
 */
export interface PricePoint {
  bookmaker: string;
  at: Date;
  decimal: number | null;
  line: number | null;
  phase?: Phase;
}

export interface MovementSummary {
  opening: PricePoint | null;
  current: PricePoint | null;
  closing: PricePoint | null;
  /** Change in implied probability from opening to current/closing (+ = the selection shortened). */
  impliedChange: number | null;
  lineChange: number | null;
}

const byTime = (a: PricePoint, b: PricePoint) => a.at.getTime() - b.at.getTime();

export function summarizeMovement(points: PricePoint[], asOf: Date = new Date(8.64e15)): MovementSummary {
  const seen = points.filter((p) => p.at <= asOf).sort(byTime);
  const opening = seen.find((p) => p.phase === "OPENING") ?? seen[0] ?? null;
  const closing = [...seen].reverse().find((p) => p.phase === "CLOSING") ?? null;
  const current = seen.at(-1) ?? null;
  const last = closing ?? current;
  return {
    opening,
    current,
    closing,
    impliedChange: opening?.decimal && last?.decimal ? 1 / last.decimal - 1 / opening.decimal : null,
    lineChange: opening?.line != null && last?.line != null ? last.line - opening.line : null,
  };
}

export interface SteamOptions {
  /** Minimum move per book: implied-probability points for prices (0.02 = 2 points) ... */
  minImpliedMove?: number;
  /** ... or points of line for spreads and totals. */
  minLineMove?: number;
  minBooks?: number;
  windowMinutes?: number;
}

export interface SteamMove {
  direction: "shortening" | "drifting";
  start: Date;
  end: Date;
  bookmakers: string[];
}

export const STEAM_DEFAULTS: Required<SteamOptions> = { minImpliedMove: 0.02, minLineMove: 0.5, minBooks: 3, windowMinutes: 15 };

interface BookMove {
  bookmaker: string;
  at: Date;
  sign: 1 | -1;
}

/** Per book: every change between consecutive snapshots large enough to count, with its direction. */
function significantMoves(points: PricePoint[], o: Required<SteamOptions>): BookMove[] {
  const byBook = new Map<string, PricePoint[]>();
  for (const p of points) {
    const series = byBook.get(p.bookmaker);
    if (series) series.push(p);
    else byBook.set(p.bookmaker, [p]);
  }
  const moves: BookMove[] = [];
  for (const [bookmaker, series] of byBook) {
    series.sort(byTime);
    for (let i = 1; i < series.length; i++) {
      const [prev, next] = [series[i - 1]!, series[i]!];
      if (prev.line != null && next.line != null && Math.abs(next.line - prev.line) >= o.minLineMove) {
        // For a spread or total the selected side "shortens" when its line gets worse for the bettor.
        moves.push({ bookmaker, at: next.at, sign: next.line < prev.line ? 1 : -1 });
      } else if (prev.decimal && next.decimal) {
        const change = 1 / next.decimal - 1 / prev.decimal;
        if (Math.abs(change) >= o.minImpliedMove) moves.push({ bookmaker, at: next.at, sign: change > 0 ? 1 : -1 });
      }
    }
  }
  return moves.sort((a, b) => a.at.getTime() - b.at.getTime());
}

export function detectSteamMoves(points: PricePoint[], options: SteamOptions = {}): SteamMove[] {
  const o = { ...STEAM_DEFAULTS, ...options };
  const windowMs = o.windowMinutes * 60_000;
  const found: SteamMove[] = [];
  const all = significantMoves(points, o);
  for (const sign of [1, -1] as const) {
    const moves = all.filter((m) => m.sign === sign);
    let i = 0;
    while (i < moves.length) {
      const start = moves[i]!.at.getTime();
      const inWindow = moves.filter((m) => m.at.getTime() >= start && m.at.getTime() - start <= windowMs);
      const books = [...new Set(inWindow.map((m) => m.bookmaker))];
      if (books.length >= o.minBooks) {
        found.push({ direction: sign === 1 ? "shortening" : "drifting", start: new Date(start), end: inWindow.at(-1)!.at, bookmakers: books });
        i += inWindow.length; // one report per burst
      } else {
        i++;
      }
    }
  }
  return found.sort((a, b) => a.start.getTime() - b.start.getTime());
}

/**
 * Reverse line movement: the line moves towards a side that most bets are NOT on. Needs public betting
 * shares (share of tickets on this selection, 0-1), which only some feeds provide.
 */
export function isReverseLineMovement(summary: MovementSummary, publicShareOnSelection: number): boolean {
  if (summary.impliedChange === null) return false;
  return publicShareOnSelection < 0.5 && summary.impliedChange > 0;
}
