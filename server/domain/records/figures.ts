import { WIN_SHARE } from "../bankroll/ledger";
import { type PickPayload, type PredictionPayload, RecordPayload, type ResultPayload } from "./payload";

/**
 * A track record's figures, read from the chain itself (anyone holding the export can recompute them). Only
 * picks locked strictly before their game's kick-off count: a pick written after the start could know the
 * score, so it is shown as "late" and left out of every figure. A result grades the pick whose seq it names,
 * once: the first result for a pick is the one that counts (a later one cannot rewrite history either).
 */

export interface RecordFigures {
  /** Picks locked before kick-off. */
  picks: number;
  /** Picks locked at or after kick-off: never counted. */
  late: number;
  /** Counted picks with a result (void included). */
  graded: number;
  /** Wins per decided pick (half a win for a half win; pushes and voids are not decided); null before any. */
  winRate: number | null;
  stakedCents: number;
  profitCents: number;
  /** Profit per unit staked on graded, non-void picks; null when nothing was staked. */
  roi: number | null;
  /** Mean closing line value of graded picks that have one; null when none has. */
  meanClv: number | null;
  /** Entries whose payload is not a known kind (a newer format, or not ours): kept, not counted. */
  unreadable: number;
}

export type ReadEntry =
  | { seq: number; kind: "prediction"; payload: PredictionPayload }
  | { seq: number; kind: "pick"; payload: PickPayload; late: boolean; result: ResultPayload | null }
  | { seq: number; kind: "result"; payload: ResultPayload; counted: boolean }
  | { seq: number; kind: "unreadable"; payload: unknown };

export function isLockedBeforeKickoff(pick: PickPayload): boolean {
  return Date.parse(pick.lockedAt) < Date.parse(pick.game.kickoff);
}

/** Each entry with its meaning: picks with the result that grades them, results with whether they count. */
export function readRecordEntries(entries: readonly { seq: number; payload: unknown }[]): ReadEntry[] {
  const read: ReadEntry[] = [];
  const picks = new Map<number, Extract<ReadEntry, { kind: "pick" }>>();
  for (const entry of entries) {
    const parsed = RecordPayload.safeParse(entry.payload);
    if (!parsed.success) {
      read.push({ seq: entry.seq, kind: "unreadable", payload: entry.payload });
      continue;
    }
    const payload = parsed.data;
    if (payload.kind === "pick") {
      const pick = { seq: entry.seq, kind: "pick" as const, payload, late: !isLockedBeforeKickoff(payload), result: null };
      picks.set(entry.seq, pick);
      read.push(pick);
    } else if (payload.kind === "result") {
      // Only a result written after its pick, and the first for it, grades it.
      const pick = picks.get(payload.pickSeq);
      const counted = pick !== undefined && pick.result === null;
      if (counted) pick.result = payload;
      read.push({ seq: entry.seq, kind: "result", payload, counted });
    } else {
      read.push({ seq: entry.seq, kind: "prediction", payload });
    }
  }
  return read;
}

export function recordFigures(read: readonly ReadEntry[]): RecordFigures {
  let picks = 0;
  let late = 0;
  let graded = 0;
  let wins = 0;
  let decided = 0;
  let stakedCents = 0;
  let profitCents = 0;
  const clvs: number[] = [];
  let unreadable = 0;
  for (const entry of read) {
    if (entry.kind === "unreadable") unreadable++;
    if (entry.kind !== "pick") continue;
    if (entry.late) {
      late++;
      continue;
    }
    picks++;
    const result = entry.result;
    if (!result) continue;
    graded++;
    if (result.outcome === "VOID") continue;
    stakedCents += entry.payload.stakeCents;
    profitCents += result.profitCents;
    if (result.outcome !== "PUSH") {
      decided++;
      wins += WIN_SHARE[result.outcome];
    }
    if (result.clv !== null) clvs.push(result.clv);
  }
  return {
    picks,
    late,
    graded,
    winRate: decided > 0 ? wins / decided : null,
    stakedCents,
    profitCents,
    roi: stakedCents > 0 ? profitCents / stakedCents : null,
    meanClv: clvs.length > 0 ? clvs.reduce((a, b) => a + b, 0) / clvs.length : null,
    unreadable,
  };
}
