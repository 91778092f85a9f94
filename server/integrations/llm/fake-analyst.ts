import type { AnalystFacts } from "@/server/domain/analyst/facts";
import { factsOfPrompt } from "@/server/domain/analyst/prompt";

/**
 * The fake LLM's default "analyst": a plausible answer derived from the prompt's facts, so the demo and the e2e
 * run without a key. The market's fair probabilities, blended a quarter of the way towards the models' average
 * and nudged 2 points towards selections whose price shortened since the opening; confidence grows with how far
 * that moved from the market. Deterministic: the same prompt gets the same answer.
 */
export function fakeAnalystAnswer(user: string): string {
  const facts = factsOfPrompt(user);
  if (!facts || !Array.isArray(facts.selections) || facts.selections.length < 2) return "I could not find the facts of the game in the prompt.";
  const selections = facts.selections;
  const market = marketProbabilities(facts);
  const models = facts.models.filter((m) => selections.every((s) => typeof m.probabilities[s] === "number"));
  const blended = selections.map((s, i) => {
    const modelMean = models.length ? models.reduce((sum, m) => sum + m.probabilities[s]!, 0) / models.length : market[i]!;
    const odds = facts.odds.find((o) => o.selection === s);
    const shortened = odds?.opening && odds.now && odds.now.price < odds.opening.price ? 0.02 : 0;
    return Math.max(0.01, 0.75 * market[i]! + 0.25 * modelMean + shortened);
  });
  const total = blended.reduce((a, b) => a + b, 0);
  const rounded = blended.map((p) => Math.round((p / total) * 10_000) / 10_000);
  // Rounding can leave the sum a few ten-thousandths off 1: the last selection takes the difference.
  rounded[rounded.length - 1] = Math.round((1 - rounded.slice(0, -1).reduce((a, b) => a + b, 0)) * 10_000) / 10_000;
  const shift = Math.max(...rounded.map((p, i) => Math.abs(p - market[i]!)));
  const confidence = Math.round(Math.min(0.9, Math.max(0.5, 0.55 + 4 * shift)) * 100) / 100;
  const favourite = selections[rounded.indexOf(Math.max(...rounded))]!;
  return JSON.stringify({
    probabilities: Object.fromEntries(selections.map((s, i) => [s, rounded[i]])),
    confidence,
    reasons: reasonsOf(facts, favourite, market, selections),
  });
}

function marketProbabilities(facts: AnalystFacts): number[] {
  const fair = facts.selections.map((s) => facts.odds.find((o) => o.selection === s)?.fairNow ?? null);
  if (fair.every((p): p is number => p !== null)) return fair;
  return facts.selections.map(() => 1 / facts.selections.length);
}

function reasonsOf(facts: AnalystFacts, favourite: string, market: number[], selections: string[]): [string, string, string] {
  const marketText = `The market (${facts.referenceBook ?? "no book"}) makes ${selections.map((s, i) => `${s} ${(market[i]! * 100).toFixed(0)}%`).join(", ")}.`;
  const models = facts.models.length
    ? `${facts.models.length} model${facts.models.length > 1 ? "s" : ""} lean${facts.models.length > 1 ? "" : "s"} ${favourite}.`
    : "No model prediction; the price movement is the main signal.";
  const wins = (side: "home" | "away") => facts.form[side].filter((g) => g.result === "W").length;
  const injured = facts.injuries.home.length + facts.injuries.away.length;
  const form = `Form: ${facts.home} ${wins("home")}/${facts.form.home.length} wins, ${facts.away} ${wins("away")}/${facts.form.away.length}; ${injured} players on injury reports.`;
  return [marketText, models, form];
}
