import { z } from "zod";
import type { WinnerSelectionKey } from "./facts";

/**
 * The analyst's answer and the rules it must pass before it may become probabilities. The LLM never sizes a
 * bet: the schema has no stake, and any extra field an answer carries (a stake, a Kelly fraction, a pick) is
 * dropped here, so nothing but probabilities, a confidence and three reasons leaves this module. The strategy
 * evaluator and half Kelly size bets from the probabilities, deterministically, and only at or above the
 * confidence gate.
 */

/** Bets are considered only when the analyst's confidence is at least this (the source system's 65%). */
export const ANALYST_CONFIDENCE_GATE = 0.65;

/** How far the probabilities' sum may be from 1 before the answer is refused. */
export const PROBABILITY_SUM_TOLERANCE = 0.01;

export function passesConfidenceGate(confidence: number): boolean {
  return confidence >= ANALYST_CONFIDENCE_GATE;
}

const probability = z.number().min(0, "must be at least 0").max(1, "must be at most 1");

export const AnalystAnswerSchema = z.object({
  probabilities: z.record(z.string(), probability),
  confidence: probability,
  reasons: z
    .array(z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters"))
    .length(3, "must be exactly three reasons"),
});

export interface AnalystAnswer {
  /** Per selection key, summing to exactly 1 (the answer's own values, rescaled by at most the tolerance). */
  probabilities: Record<string, number>;
  confidence: number;
  reasons: [string, string, string];
}

export type ParsedAnswer = { ok: true; answer: AnalystAnswer } | { ok: false; error: string };

/** A JSON object, alone or inside one Markdown code fence (some models add one even when told not to). */
function jsonText(text: string): string {
  const trimmed = text.trim();
  const fenced = /^```(?:json)?\s*\n([\s\S]*?)\n?```$/i.exec(trimmed);
  return fenced ? fenced[1]! : trimmed;
}

/**
 * Reads an answer for a game whose winner market has `selections`. Refused: text that is not one JSON object,
 * missing or mistyped fields, a probability outside [0, 1], probabilities for other selections than asked (one
 * missing or one extra), or probabilities whose sum is off 1 by more than PROBABILITY_SUM_TOLERANCE.
 */
export function parseAnalystAnswer(text: string, selections: readonly WinnerSelectionKey[]): ParsedAnswer {
  let raw: unknown;
  try {
    raw = JSON.parse(jsonText(text));
  } catch {
    return { ok: false, error: `answer is not JSON: ${JSON.stringify(text.slice(0, 80))}` };
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return { ok: false, error: "answer is not a JSON object" };
  const parsed = AnalystAnswerSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const at = issue.path.join(".") || "answer";
    // "missing" is decided from the answer itself: zod's wording depends on the error map the process installed.
    const value = issue.path.reduce<unknown>((v, key) => (typeof v === "object" && v !== null ? (v as Record<PropertyKey, unknown>)[key] : undefined), raw);
    return { ok: false, error: `${at}: ${value === undefined ? "missing" : issue.message}` };
  }
  const { probabilities, confidence, reasons } = parsed.data;
  const keys = Object.keys(probabilities);
  const missing = selections.filter((s) => !(s in probabilities));
  const extra = keys.filter((k) => !(selections as readonly string[]).includes(k));
  if (missing.length > 0 || extra.length > 0) {
    return {
      ok: false,
      error: `probabilities must be for ${selections.join(", ")}${missing.length ? `; missing ${missing.join(", ")}` : ""}${extra.length ? `; unexpected ${extra.join(", ")}` : ""}`,
    };
  }
  const sum = selections.reduce((total, s) => total + probabilities[s]!, 0);
  if (Math.abs(sum - 1) > PROBABILITY_SUM_TOLERANCE) {
    return { ok: false, error: `probabilities sum to ${sum.toFixed(4)}, not 1 (±${PROBABILITY_SUM_TOLERANCE})` };
  }
  // Within the tolerance the answer is rescaled, so downstream maths (Kelly, edge) sees a true distribution.
  const exact = Object.fromEntries(selections.map((s) => [s, probabilities[s]! / sum]));
  return { ok: true, answer: { probabilities: exact, confidence, reasons: reasons as [string, string, string] } };
}
