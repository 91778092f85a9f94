import { fieldOf, type FieldDefinition } from "./fields";
import { DEFAULT_TOP_PICKS, type Comparison, type Condition, type Limits, type Stake, type Strategy } from "./schema";

/**
 * A plain-English summary of a strategy, generated from its rule tree: the builder shows it under the rules
 * and backtest reports print it, so a person can check that the JSON says what they meant. It follows the
 * tree exactly (every op, group and setting); it does not simplify or reorder conditions.
 */
export interface SummaryNames {
  /** How a league reads in a sentence ("the Premier League"); default: its key. */
  league?(key: string): string;
  /** A bookmaker's display name ("bet365"); default: its key. */
  book?(key: string): string;
}

interface Context {
  strategy: Strategy;
  league: (key: string) => string;
  book: (key: string) => string;
  /** Set when a phrase names the price source / the probability source, so they are not repeated. */
  mentionedPrice: boolean;
  mentionedProbability: boolean;
}

const MARKET_WORDS: Record<string, string> = {
  "1x2": "1X2",
  moneyline: "the moneyline",
  spread: "the spread",
  total: "totals",
};
const SELECTION_WORDS: Record<string, string> = {
  home: "the home side",
  draw: "the draw",
  away: "the away side",
  over: "the over",
  under: "the under",
};
const ROOF_WORDS: Record<string, string> = {
  outdoors: "outdoors",
  dome: "a dome",
  closed: "closed-roof",
  open: "open-roof",
};

/** "a", "a and b", "a, b and c" (or "or"). */
export function joinWords(items: readonly string[], conjunction: "and" | "or" = "and"): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} ${conjunction} ${items[items.length - 1]}`;
}

/** 0.03 -> "3%", 0.025 -> "2.5%"; toPrecision drops float noise such as 7.000000000000001. */
export const percent = (fraction: number): string => `${Number((fraction * 100).toPrecision(12))}%`;
/** Decimal odds keep one decimal at least: 3 -> "3.0", 2.25 -> "2.25". */
const odds = (v: number): string => (Number.isInteger(v) ? v.toFixed(1) : String(v));

function modelName(source: string): string | null {
  return source.startsWith("model:") ? source.slice("model:".length) : null;
}

/** Where probabilities come from, as a noun phrase. */
function sourceName(source: string): string {
  const model = modelName(source);
  if (model) return `the ${model} model`;
  if (source === "market:pinnacle-opening") return "Pinnacle's opening no-vig line";
  return "the bookmakers' consensus opening no-vig line";
}

function pricePhrase(ctx: Context): string {
  const { price, decideAt, bookmakers } = ctx.strategy;
  if (price === "best") {
    const among = bookmakers && bookmakers.length > 0 ? ` among ${joinWords(bookmakers.map(ctx.book))}` : "";
    return `the best ${decideAt} price${among}`;
  }
  const book = price === "pinnacle" ? ctx.book("pinnacle") : ctx.book(price.slice("book:".length));
  return `${book}'s ${decideAt} price`;
}

function fieldPhrase(field: string, def: FieldDefinition, ctx: Context): string {
  const source = ctx.strategy.probability;
  const model = modelName(source);
  switch (field) {
    case "edge":
      ctx.mentionedPrice = ctx.mentionedProbability = true;
      return model
        ? `the ${model} model's edge at ${pricePhrase(ctx)}`
        : `the edge at ${pricePhrase(ctx)} over ${sourceName(source)}`;
    case "probability":
      ctx.mentionedProbability = true;
      return model ? `the ${model} model's probability` : `the probability by ${sourceName(source)}`;
    case "price":
      ctx.mentionedPrice = true;
      return `the price`;
    case "marketProbability":
      return "Pinnacle's no-vig probability";
    case "role":
      return "the selection";
    case "tier":
      return "the signal tier";
    case "hoursToKickoff":
      return "the time to kick-off";
    case "restDays":
      return "the team's rest";
    case "roof":
      return "the stadium";
    case "temperatureC":
      return "the temperature";
    case "windKph":
      return "the wind";
    case "clv":
      return "the closing line value";
    default:
      return `the ${def.label.charAt(0).toLowerCase()}${def.label.slice(1)}`;
  }
}

function valuePhrase(field: string, def: FieldDefinition, value: number | string, ctx: Context): string {
  if (typeof value === "string") {
    if (field === "league") return ctx.league(value);
    if (field === "bookmaker") return ctx.book(value);
    if (field === "role") return `the ${value}`;
    if (field === "roof") return ROOF_WORDS[value] ?? value;
    return value;
  }
  if (def.type !== "number") return String(value);
  if (def.format === "percent") return percent(value);
  if (def.format === "odds") return odds(value);
  if (!def.unit) return String(value);
  const unit = value === 1 && def.unit.endsWith("s") ? def.unit.slice(0, -1) : def.unit;
  return `${value} ${unit}`;
}

function listPhrase(
  values: readonly (string | number)[],
  negated: boolean,
  render: (v: string | number) => string,
): string {
  const words = values.map(render);
  if (!negated) return `is ${joinWords(words, "or")}`;
  if (words.length === 1) return `is not ${words[0]}`;
  if (words.length === 2) return `is neither ${words[0]} nor ${words[1]}`;
  return `is none of ${joinWords(words, "and")}`;
}

const OP_WORDS = { gt: "above", gte: "at least", lt: "below", lte: "at most" } as const;

function comparisonPhrase(c: Comparison, ctx: Context, negated = false): string {
  const def = fieldOf(c.field);
  if (!def) return `"${c.field}" ${c.op} ${JSON.stringify(c.value)}`;
  const subject = fieldPhrase(c.field, def, ctx);
  const render = (v: string | number) => valuePhrase(c.field, def, v, ctx);
  const values = Array.isArray(c.value) ? c.value : [c.value];
  const not = negated ? "not " : "";
  switch (c.op) {
    case "gt":
    case "gte":
    case "lt":
    case "lte":
      return `${subject} is ${not}${OP_WORDS[c.op]} ${render(values[0] ?? NaN)}`;
    case "between":
      return `${subject} is ${not}between ${render(values[0] ?? NaN)} and ${render(values[1] ?? NaN)}`;
    case "in":
      return `${subject} ${listPhrase(values, negated, render)}`;
    case "notIn":
      return `${subject} ${listPhrase(values, !negated, render)}`;
  }
}

function conditionPhrase(cond: Condition, ctx: Context, parent: "all" | "any" | "not" | null): string {
  if ("all" in cond || "any" in cond) {
    const kind = "all" in cond ? "all" : "any";
    const children = "all" in cond ? cond.all : cond.any;
    if (children.length === 0) return kind === "all" ? "always" : "never";
    if (children.length === 1) return conditionPhrase(children[0]!, ctx, parent);
    const text = joinWords(
      children.map((c) => conditionPhrase(c, ctx, kind)),
      kind === "all" ? "and" : "or",
    );
    // Brackets only where the grouping would otherwise be ambiguous: a group inside a different group.
    return parent !== null && parent !== kind ? `(${text})` : text;
  }
  if ("not" in cond) {
    const inner = cond.not;
    if (!("all" in inner) && !("any" in inner) && !("not" in inner)) return comparisonPhrase(inner, ctx, true);
    if ("not" in inner) return conditionPhrase(inner.not, ctx, parent);
    return `it is not true that ${conditionPhrase(inner, ctx, "not")}`;
  }
  return comparisonPhrase(cond, ctx);
}

/** A top-level "selection in [...]" becomes the subject of the sentence: "Bet the home side ...". */
function hoistSelection(when: Condition): { who: string | null; rest: Condition[] } {
  const conjuncts = "all" in when ? when.all : [when];
  const index = conjuncts.findIndex((c) => "field" in c && c.field === "selection" && c.op === "in");
  const hoisted = conjuncts[index];
  if (!hoisted || !("field" in hoisted)) return { who: null, rest: conjuncts };
  const values = Array.isArray(hoisted.value) ? hoisted.value : [hoisted.value];
  const who = joinWords(
    values.map((v) => SELECTION_WORDS[String(v)] ?? String(v)),
    "or",
  );
  return { who, rest: conjuncts.filter((_, i) => i !== index) };
}

function kellyWords(fraction: number): string {
  const near = (x: number) => Math.abs(fraction - x) < 1e-9;
  if (near(1)) return "full Kelly";
  if (near(0.5)) return "half Kelly";
  if (near(0.25)) return "a quarter of Kelly";
  if (near(1 / 3)) return "a third of Kelly";
  if (near(0.1)) return "a tenth of Kelly";
  return `${percent(fraction)} of Kelly`;
}

function stakePhrase(stake: Stake): string {
  switch (stake.kind) {
    case "flat":
      return `stake ${stake.units} unit${stake.units === 1 ? "" : "s"} a bet`;
    case "percent":
      return `stake ${percent(stake.fraction)} of the bankroll a bet`;
    case "kelly": {
      const minEdge = stake.minEdge !== undefined ? `, and only at an edge of at least ${percent(stake.minEdge)}` : "";
      return `stake ${kellyWords(stake.fraction)}, never more than ${percent(stake.maxFraction)} of the bankroll${minEdge}`;
    }
  }
}

function limitsPhrase(limits: Limits): string | null {
  const parts: string[] = [];
  if (limits.maxBetsPerDay !== undefined)
    parts.push(`at most ${limits.maxBetsPerDay} bet${limits.maxBetsPerDay === 1 ? "" : "s"} a day`);
  if (limits.maxBetsPerGame !== undefined)
    parts.push(`at most ${limits.maxBetsPerGame} bet${limits.maxBetsPerGame === 1 ? "" : "s"} per game`);
  if (limits.maxDailyExposure !== undefined)
    parts.push(`at most ${percent(limits.maxDailyExposure)} of the bankroll staked in a day`);
  if (limits.maxOpenExposure !== undefined)
    parts.push(`at most ${percent(limits.maxOpenExposure)} of the bankroll on open bets`);
  if (limits.stopAfterDrawdown !== undefined)
    parts.push(`stop after a drawdown of ${percent(limits.stopAfterDrawdown)}`);
  if (limits.pauseAfterLosses) {
    const { days, losses, lastBets } = limits.pauseAfterLosses;
    parts.push(
      `pause ${days} day${days === 1 ? "" : "s"} after ${losses} loss${losses === 1 ? "" : "es"} in the last ${lastBets} bet${lastBets === 1 ? "" : "s"}`,
    );
  }
  return parts.length > 0 ? `Limits: ${parts.join("; ")}.` : null;
}

export function summarizeStrategy(strategy: Strategy, names: SummaryNames = {}): string {
  const ctx: Context = {
    strategy,
    league: (key) => names.league?.(key) ?? key,
    book: (key) => names.book?.(key) ?? key,
    mentionedPrice: false,
    mentionedProbability: false,
  };
  const { who, rest } = hoistSelection(strategy.when);
  const markets = joinWords(strategy.markets.map((m) => MARKET_WORDS[m] ?? m));
  const leagues = strategy.leagues.length === 0 ? "every league" : joinWords(strategy.leagues.map(ctx.league));
  const conditions =
    rest.length === 0 ? null : conditionPhrase(rest.length === 1 ? rest[0]! : { all: rest }, ctx, null);
  const at = ctx.mentionedPrice ? "" : ` at ${pricePhrase(ctx)}`;
  let main = `Bet ${who ?? "any selection"} on ${markets} in ${leagues}${at}${conditions ? ` when ${conditions}` : ""}`;

  if (strategy.pick === "best-per-game") main += ", only the selection with the largest edge in each game";
  if (strategy.pick === "top-3-daily") {
    const t = strategy.topPicks ?? DEFAULT_TOP_PICKS;
    main +=
      `, only the day's top ${t.count} by a score of confidence (40%), expected value (35%) and risk-adjusted return (25%)` +
      ` among picks with a confidence of at least ${percent(t.minConfidence)}, an expected value of at least ${percent(t.minEdge)} and a risk of at most ${t.maxRisk}`;
  }
  main += `; ${stakePhrase(strategy.stake)}.`;

  const sentences = [main];
  if (strategy.inverse)
    sentences.push(
      `It bets against ${sourceName(strategy.probability)}: each probability is turned into the chance of the other outcomes.`,
    );
  else if (!ctx.mentionedProbability) sentences.push(`Probabilities come from ${sourceName(strategy.probability)}.`);
  if (strategy.bankroll !== 100) sentences.push(`The bankroll starts at ${strategy.bankroll}.`);
  const limits = strategy.limits ? limitsPhrase(strategy.limits) : null;
  if (limits) sentences.push(limits);
  if (strategy.tiers)
    sentences.push(
      `Signal tiers: A from ${percent(strategy.tiers.a)}, B from ${percent(strategy.tiers.b)}, C from ${percent(strategy.tiers.c)}, D below.`,
    );
  return sentences.join(" ");
}
