import { z } from "zod";
import { isSelectionOf, MARKET_CODES, MARKETS, SELECTION_CODES } from "../vocabulary";

/**
 * What a track-record entry says. The payload is hashed as RFC 8785 canonical JSON, so it must be plain JSON
 * that survives a round trip unchanged: strings, finite numbers, booleans, null, no Dates (times are ISO-8601
 * UTC strings) and no undefined-vs-missing ambiguity (optional fields are left out, never set to undefined).
 * Objects are strict: an unknown field is refused rather than dropped, so what a caller meant to lock is
 * exactly what gets hashed. These shapes are a public contract (README "Track records"): add kinds, never
 * change the meaning of a field.
 */

export const RECORD_LIMITS = {
  textChars: 200,
  /** An analyst's prompt or answer: the whole text is locked, so it is bounded, not truncated. */
  analystChars: 100_000,
  /** Cents stay well inside the integers a double holds exactly, so every verifier reads them the same. */
  maxCents: 1_000_000_000_000,
} as const;

const IsoUtc = z.iso.datetime({ precision: 3, error: "times are ISO-8601 UTC with milliseconds, e.g. 2026-12-01T18:00:00.000Z" });
const Text = z.string().min(1).max(RECORD_LIMITS.textChars);
const Cents = z.number().int().min(-RECORD_LIMITS.maxCents).max(RECORD_LIMITS.maxCents);
const Probability = z.number().min(0).max(1);
const DecimalPrice = z.number().gt(1, "prices are decimal odds above 1").max(10_000);
const Line = z.number().min(-1000).max(1000).nullable();

export const RecordGame = z.strictObject({
  id: z.number().int().positive(),
  /** The league's key, e.g. "epl". */
  league: Text,
  home: Text,
  away: Text,
  kickoff: IsoUtc,
});
export type RecordGame = z.infer<typeof RecordGame>;

const Market = z.enum(MARKET_CODES);
const Selection = z.enum(SELECTION_CODES);

/** A market's selection and whether it takes a line, checked together so a pick names something bettable. */
function checkBet(value: { market: (typeof MARKET_CODES)[number]; selection: (typeof SELECTION_CODES)[number]; line: number | null }, ctx: z.RefinementCtx) {
  if (!isSelectionOf(value.market, value.selection))
    ctx.addIssue({ code: "custom", path: ["selection"], message: `${value.selection} is not a selection of ${value.market}` });
  if (MARKETS[value.market].hasLine !== (value.line !== null))
    ctx.addIssue({ code: "custom", path: ["line"], message: MARKETS[value.market].hasLine ? `${value.market} needs a line` : `${value.market} has no line: use null` });
}

export const PredictionPayload = z
  .strictObject({
    kind: z.literal("prediction"),
    game: RecordGame,
    market: Market,
    selection: Selection,
    line: Line,
    probability: Probability,
    modelVersion: Text.nullable(),
    /** Where the probability came from: "market:pinnacle-devig", "model:elo@3", "analyst:<model>". */
    source: Text,
    lockedAt: IsoUtc,
    /** The LLM analyst's prompt and answer, word for word, so the reasoning is locked with the number. */
    analyst: z.strictObject({ prompt: z.string().max(RECORD_LIMITS.analystChars), answer: z.string().max(RECORD_LIMITS.analystChars) }).optional(),
  })
  .superRefine(checkBet);
export type PredictionPayload = z.infer<typeof PredictionPayload>;

export const PickPayload = z
  .strictObject({
    kind: z.literal("pick"),
    game: RecordGame,
    market: Market,
    selection: Selection,
    line: Line,
    price: DecimalPrice,
    /** The bookmaker's key, e.g. "pinnacle". */
    bookmaker: Text,
    probability: Probability,
    modelVersion: Text.nullable(),
    strategyHash: z.string().regex(/^[0-9a-f]{64}$/, "a strategy hash is 64 lower-case hex digits"),
    stakeCents: Cents.min(0),
    lockedAt: IsoUtc,
  })
  .superRefine(checkBet);
export type PickPayload = z.infer<typeof PickPayload>;

export const RECORD_OUTCOMES = ["WIN", "HALF_WIN", "PUSH", "HALF_LOSS", "LOSS", "VOID"] as const;
export type RecordOutcome = (typeof RECORD_OUTCOMES)[number];

export const ResultPayload = z.strictObject({
  kind: z.literal("result"),
  /** The seq of the pick entry this grades: results are added as later entries, never by editing the pick. */
  pickSeq: z.number().int().positive(),
  outcome: z.enum(RECORD_OUTCOMES),
  profitCents: Cents,
  closingPrice: DecimalPrice.nullable(),
  /** Closing line value as a fraction: price taken / closing fair price - 1 (0.03 = 3 %). */
  clv: z.number().min(-1).max(100).nullable(),
  gradedAt: IsoUtc,
});
export type ResultPayload = z.infer<typeof ResultPayload>;

export const RecordPayload = z.discriminatedUnion("kind", [PredictionPayload, PickPayload, ResultPayload]);
export type RecordPayload = z.infer<typeof RecordPayload>;
export type RecordPayloadKind = RecordPayload["kind"];

/** The time an entry's payload says it was written: when a prediction or pick was locked, when a result was graded. */
export function payloadTime(payload: RecordPayload): string {
  return payload.kind === "result" ? payload.gradedAt : payload.lockedAt;
}
