import { expectedScore, EloRatings } from "./elo";
import { fairProbabilities, outcomeOf, type GameRecord } from "./records";
import type { SportSettings } from "./sports";
import { MarginRatings } from "./margin-rating";
import { QuarterbackHistory, ShotHistory } from "./match-stats";
import { TeamHistory } from "./team-history";

export type FeatureGroup = "stats-only" | "market-aware";

export interface FeatureSpec {
  name: string;
  group: FeatureGroup;
}

export interface FeatureRow {
  game: GameRecord;
  /** Values in `FeatureSet.specs` order; NaN where the information did not exist yet. */
  values: number[];
  /** Class index (0 home, then 1 draw and 2 away for 3 classes; 1 home win and 0 away for 2); null if unplayed. */
  label: number | null;
}

export interface FeatureSet {
  specs: FeatureSpec[];
  rows: FeatureRow[];
}

const DAY_MS = 86_400_000;
const utcDay = (d: Date) => Math.floor(d.getTime() / DAY_MS);

function labelOf(game: GameRecord, classes: 2 | 3): number | null {
  const outcome = outcomeOf(game);
  if (outcome === null) return null;
  if (classes === 3) return outcome === "HOME" ? 0 : outcome === "DRAW" ? 1 : 2;
  return outcome === "DRAW" ? null : outcome === "HOME" ? 1 : 0;
}

/**
 * Features for every game, in time order. A game sees only games of earlier UTC days: the state is
 * updated once a whole day has been read, so results from later the same day (times are not always
 * known) can never leak into it. Values from the market come only from opening prices.
 */
export function buildFeatures(records: GameRecord[], settings: SportSettings): FeatureSet {
  const games = [...records].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.id.localeCompare(b.id));
  const elo = new EloRatings(settings.elo);
  // The same ratings updating slower and faster: the model weighs long-run strength against recent form.
  const eloSlow = new EloRatings({ ...settings.elo, k: settings.elo.k / 2 });
  const eloFast = new EloRatings({ ...settings.elo, k: settings.elo.k * 1.5 });
  const margins = new MarginRatings(0.1, settings.elo.carryOver);
  const history = new TeamHistory();
  const shots = new ShotHistory();
  const quarterbacks = new QuarterbackHistory();
  const specs: FeatureSpec[] = [];
  const stat = (name: string) => specs.push({ name, group: "stats-only" });
  const market = (name: string) => specs.push({ name, group: "market-aware" });
  ["elo_diff", "elo_home_expectation", "elo_abs_diff", "elo_slow_diff", "elo_fast_diff", "margin_rating_diff"].forEach(stat);
  ["rest_home", "rest_away", "rest_diff", "short_rest_home", "short_rest_away", "games_14d_home", "games_14d_away"].forEach(stat);
  for (const n of [5, 10]) [`form${n}_win_diff`, `form${n}_margin_diff`].forEach(stat);
  ["form10_for_home", "form10_against_home", "form10_for_away", "form10_against_away"].forEach(stat);
  ["strength_attack_diff", "strength_defence_diff", "strength_total"].forEach(stat);
  ["h2h_margin", "h2h_count", "neutral"].forEach(stat);
  if (settings.weather) ["indoor", "temperature_c", "wind_kph"].forEach(stat);
  if (settings.matchStats === "shots") {
    for (const side of ["home", "away"]) [`shots_for_${side}`, `shots_against_${side}`, `on_target_for_${side}`, `on_target_against_${side}`].forEach(stat);
    ["on_target_balance_diff"].forEach(stat);
  }
  if (settings.matchStats === "quarterbacks") {
    for (const side of ["home", "away"]) [`qb_experience_${side}`, `qb_usual_starter_${side}`, `qb_margin_${side}`].forEach(stat);
  }
  ["open_fair_home", "open_fair_draw", "open_fair_away", "open_home_logit"].forEach(market);

  const rows: FeatureRow[] = [];
  let day: number | null = null;
  let pending: GameRecord[] = [];
  const settle = () => {
    for (const g of pending) {
      if (g.homeScore === null || g.awayScore === null) continue;
      for (const ratings of [elo, eloSlow, eloFast, margins]) ratings.update(g.home, g.away, g.season, g.neutral, g.homeScore, g.awayScore);
      history.record(g.home, g.away, g.startsAt, g.homeScore, g.awayScore);
      shots.record(g.home, g.away, g.matchStats);
      quarterbacks.record(g.home, g.matchStats?.homeQuarterback, g.homeScore - g.awayScore);
      quarterbacks.record(g.away, g.matchStats?.awayQuarterback, g.awayScore - g.homeScore);
    }
    pending = [];
  };

  for (const g of games) {
    if (utcDay(g.startsAt) !== day) {
      settle();
      day = utcDay(g.startsAt);
    }
    pending.push(g);
    const diff = elo.difference(g.home, g.away, g.season, g.neutral);
    const restHome = history.restDays(g.home, g.startsAt, settings.maxRestDays);
    const restAway = history.restDays(g.away, g.startsAt, settings.maxRestDays);
    const values: number[] = [
      diff,
      expectedScore(diff),
      Math.abs(diff),
      eloSlow.difference(g.home, g.away, g.season, g.neutral),
      eloFast.difference(g.home, g.away, g.season, g.neutral),
      margins.expectedMargin(g.home, g.away, g.season, g.neutral),
    ];
    values.push(restHome, restAway, restHome - restAway, restHome <= 1.5 ? 1 : 0, restAway <= 1.5 ? 1 : 0);
    values.push(history.gamesWithin(g.home, g.startsAt, 14), history.gamesWithin(g.away, g.startsAt, 14));
    for (const n of [5, 10]) {
      const h = history.form(g.home, n);
      const a = history.form(g.away, n);
      values.push(h.winShare - a.winShare, h.margin - a.margin);
    }
    const h10 = history.form(g.home, 10);
    const a10 = history.form(g.away, 10);
    values.push(h10.scored, h10.conceded, a10.scored, a10.conceded);
    const hs = history.weightedStrength(g.home);
    const as = history.weightedStrength(g.away);
    values.push(hs.scored - as.scored, hs.conceded - as.conceded, hs.scored + as.scored + hs.conceded + as.conceded);
    const h2h = history.headToHead(g.home, g.away, 5);
    values.push(h2h.margin, h2h.count, g.neutral ? 1 : 0);
    if (settings.weather) {
      const indoor = g.roof === "dome" || g.roof === "closed" ? 1 : 0;
      // Indoor games have no weather; the sources leave those cells blank.
      values.push(indoor, indoor ? 21 : (g.temperatureC ?? NaN), indoor ? 0 : (g.windKph ?? NaN));
    }
    if (settings.matchStats === "shots") {
      const h = shots.of4(g.home);
      const a = shots.of4(g.away);
      values.push(...h, ...a, h[2]! - h[3]! - (a[2]! - a[3]!));
    }
    if (settings.matchStats === "quarterbacks") {
      values.push(...quarterbacks.features(g.home, g.matchStats?.homeQuarterback), ...quarterbacks.features(g.away, g.matchStats?.awayQuarterback));
    }
    if (g.opening) {
      const [ph, pd, pa] = fairProbabilities(g.opening);
      values.push(ph!, g.opening.draw === null ? NaN : pd!, pa!, Math.log(ph! / pa!));
    } else values.push(NaN, NaN, NaN, NaN);
    rows.push({ game: g, values, label: labelOf(g, settings.classes) });
  }
  return { specs, rows };
}
