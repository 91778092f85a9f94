import { canonicalJson } from "../strategies/canonical";
import type { AnalystFacts } from "./facts";

/**
 * The analyst's prompt: a fixed system text and a user text built from the facts alone, so the same facts give
 * the same bytes (the prompt is stored with the pick and hashed into the bot's record). Changing any wording
 * here changes answers: bump PROMPT_VERSION with it, so stored calls say which prompt they saw.
 */
export const PROMPT_VERSION = "analyst-v1";

/** The line before the facts' canonical JSON in the user text; the fake LLM server reads the facts back from it. */
export const FACTS_MARKER = "FACTS (canonical JSON):";

export interface AnalystPrompt {
  system: string;
  user: string;
}

const SYSTEM = [
  "You are Benny, a careful sports-betting analyst.",
  "Estimate the probability of each outcome of the game's winner market from the facts given, and nothing else.",
  "The bookmaker prices already hold most of what is known: move away from their fair probabilities only for a stated reason.",
  "Do not recommend stakes or bets; deterministic code decides and sizes any bet.",
  "Answer with one JSON object and no other text, exactly in this shape:",
  '{"probabilities": {<selection>: <number 0..1>, ...}, "confidence": <number 0..1>, "reasons": [<string>, <string>, <string>]}',
  "The probabilities cover exactly the selections listed and sum to 1. Confidence is how sure you are of your probabilities",
  "beyond the market's (0.5 = no better than the market). Give exactly three short reasons (at most 200 characters each).",
].join("\n");

const pct = (p: number | null) => (p === null ? "n/a" : `${(p * 100).toFixed(1)}%`);
const price = (p: { price: number; bookmaker: string } | null) => (p === null ? "n/a" : `${p.price.toFixed(2)} (${p.bookmaker})`);

export function buildPrompt(facts: AnalystFacts): AnalystPrompt {
  const lines: string[] = [
    `Game: ${facts.home} (home) vs ${facts.away} (away), ${facts.league} (${facts.sport}), kick-off ${facts.kickoff}.`,
    `Facts as of ${facts.asOf}.`,
    `Selections: ${facts.selections.join(", ")}.`,
    "",
    `Odds (reference book: ${facts.referenceBook ?? "none"}):`,
  ];
  if (facts.odds.length === 0) lines.push("- no prices known");
  for (const o of facts.odds) {
    lines.push(`- ${o.selection}: opening ${price(o.opening)}, now ${price(o.now)}, best ${price(o.best)}, fair now ${pct(o.fairNow)}`);
  }
  lines.push("", "Model predictions:");
  if (facts.models.length === 0) lines.push("- none");
  for (const m of facts.models) {
    const probs = facts.selections.map((s) => `${s} ${pct(m.probabilities[s] ?? null)}`).join(", ");
    lines.push(`- ${m.model} v${m.version}: ${probs}`);
  }
  for (const side of ["home", "away"] as const) {
    const team = side === "home" ? facts.home : facts.away;
    const form = facts.form[side];
    lines.push("", `Recent form of ${team} (latest first, rest ${facts.restDays[side] ?? "n/a"} days):`);
    if (form.length === 0) lines.push("- none known");
    for (const g of form) lines.push(`- ${g.date} ${g.venue} vs ${g.opponent}: ${g.score} ${g.result}`);
  }
  lines.push("", "Head-to-head (latest first):");
  if (facts.headToHead.length === 0) lines.push("- none known");
  for (const g of facts.headToHead) lines.push(`- ${g.date} ${g.home} ${g.score} ${g.away}`);
  for (const side of ["home", "away"] as const) {
    const team = side === "home" ? facts.home : facts.away;
    lines.push("", `Injury report of ${team}:`);
    if (facts.injuries[side].length === 0) lines.push("- none known");
    for (const i of facts.injuries[side]) lines.push(`- ${i.player}${i.position ? ` (${i.position})` : ""}: ${i.status}`);
  }
  const w = facts.weather;
  lines.push(
    "",
    w
      ? `Weather forecast (${w.forecastAt}): ${w.temperatureC ?? "n/a"} C, wind ${w.windKph ?? "n/a"} kph, gusts ${w.gustKph ?? "n/a"} kph, precipitation ${w.precipitationMm ?? "n/a"} mm.`
      : "Weather: not known.",
    "",
    FACTS_MARKER,
    canonicalJson(facts),
  );
  return { system: SYSTEM, user: lines.join("\n") };
}

/** The facts a prompt was built from, read back from its user text (null when the marker is missing or broken). */
export function factsOfPrompt(user: string): AnalystFacts | null {
  const at = user.lastIndexOf(FACTS_MARKER);
  if (at < 0) return null;
  try {
    return JSON.parse(user.slice(at + FACTS_MARKER.length)) as AnalystFacts;
  } catch {
    return null;
  }
}

/** The one text stored as "the prompt" of a call and in a pick: system and user text, separated unambiguously. */
export function promptText(prompt: AnalystPrompt): string {
  return `[system]\n${prompt.system}\n[user]\n${prompt.user}`;
}
