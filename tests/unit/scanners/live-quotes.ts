import type { Quote } from "@/server/domain/quotes";

/** Hand-made live histories: timed 1X2 snapshots of one game, minutes after a fixed start. */
export const T0 = new Date("2030-03-01T12:00:00Z");
export const KICKOFF = new Date("2030-03-03T15:00:00Z");
let nextId = 1;
const books = new Map<string, Quote["bookmaker"]>();
export function book(key: string, isSharp = false, isAggregate = false): Quote["bookmaker"] {
  let b = books.get(key);
  if (!b) books.set(key, (b = { id: nextId++, key, name: key.toUpperCase(), isSharp, isAggregate }));
  return b;
}
export const at = (minutes: number, seconds = 0) => new Date(T0.getTime() + minutes * 60_000 + seconds * 1000);

export function snap(bookKey: string, selection: Quote["selection"], price: number, when: Date, extra: Partial<Quote> = {}): Quote {
  return {
    gameId: 1,
    gameStartsAt: KICKOFF,
    bookmaker: book(bookKey, bookKey === "pinnacle"),
    market: "ONE_X_TWO",
    period: "FULL_GAME",
    selection,
    phase: "SNAPSHOT",
    line: null,
    price,
    capturedAt: when,
    ...extra,
  };
}
