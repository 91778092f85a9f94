import type { PickPayload, PredictionPayload, RecordPayload, ResultPayload } from "@/server/domain/records/payload";

/** Record payloads for tests: a plausible game and pick, with any field overridden. */
export const sampleGame = { id: 1, league: "epl", home: "Linesmith Rovers", away: "Fixture Town", kickoff: "2026-12-05T15:00:00.000Z" };

export function samplePrediction(over: Partial<PredictionPayload> = {}): PredictionPayload {
  return {
    kind: "prediction",
    game: sampleGame,
    market: "ONE_X_TWO",
    selection: "HOME",
    line: null,
    probability: 0.52,
    modelVersion: "elo@3",
    source: "model:elo@3",
    lockedAt: "2026-12-04T10:00:00.000Z",
    ...over,
  };
}

export function samplePick(over: Partial<PickPayload> = {}): PickPayload {
  return {
    kind: "pick",
    game: sampleGame,
    market: "ONE_X_TWO",
    selection: "HOME",
    line: null,
    price: 2.1,
    bookmaker: "pinnacle",
    probability: 0.52,
    modelVersion: "elo@3",
    strategyHash: "ab".repeat(32),
    stakeCents: 1_000,
    lockedAt: "2026-12-04T10:00:00.000Z",
    ...over,
  };
}

export function sampleResult(over: Partial<ResultPayload> = {}): ResultPayload {
  return { kind: "result", pickSeq: 2, outcome: "WIN", profitCents: 1_100, closingPrice: 2.0, clv: 0.03, gradedAt: "2026-12-05T17:00:00.000Z", ...over };
}

/** An entry for appendRecordEntries: lockedAt taken from the payload, as the service requires. */
export function entryOf(key: string, payload: RecordPayload) {
  return { key, payload, lockedAt: new Date(payload.kind === "result" ? payload.gradedAt : payload.lockedAt) };
}
