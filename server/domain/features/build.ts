import { expectedScore, EloRatings } from "./elo";
import { fairProbabilities, outcomeOf, type GameRecord } from "./records";
import type { SportSettings } from "./sports";
import { MarginRatings } from "./margin-rating";
import { QuarterbackHistory, ShotHistory } from "./match-stats";
import { TeamHistory } from "./team-history";
import { FeatureWriter, INJURY_REPORT_KNOWN, type FeatureSpec } from "./feature-writer";

export { INJURY_REPORT_KNOWN } from "./feature-writer";
export type { FeatureGroup, FeatureSpec } from "./feature-writer";

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
  const features = new FeatureWriter();
  const { stat, market, injury } = features;
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
    stat("elo_diff", diff);
    stat("elo_home_expectation", expectedScore(diff));
    stat("elo_abs_diff", Math.abs(diff));
    stat("elo_slow_diff", eloSlow.difference(g.home, g.away, g.season, g.neutral));
    stat("elo_fast_diff", eloFast.difference(g.home, g.away, g.season, g.neutral));
    stat("margin_rating_diff", margins.expectedMargin(g.home, g.away, g.season, g.neutral));
    const restHome = history.restDays(g.home, g.startsAt, settings.maxRestDays);
    const restAway = history.restDays(g.away, g.startsAt, settings.maxRestDays);
    stat("rest_home", restHome);
    stat("rest_away", restAway);
    stat("rest_diff", restHome - restAway);
    stat("short_rest_home", restHome <= 1.5 ? 1 : 0);
    stat("short_rest_away", restAway <= 1.5 ? 1 : 0);
    stat("games_14d_home", history.gamesWithin(g.home, g.startsAt, 14));
    stat("games_14d_away", history.gamesWithin(g.away, g.startsAt, 14));
    for (const n of [5, 10]) {
      const h = history.form(g.home, n);
      const a = history.form(g.away, n);
      stat(`form${n}_win_diff`, h.winShare - a.winShare);
      stat(`form${n}_margin_diff`, h.margin - a.margin);
    }
    const h10 = history.form(g.home, 10);
    const a10 = history.form(g.away, 10);
    stat("form10_for_home", h10.scored);
    stat("form10_against_home", h10.conceded);
    stat("form10_for_away", a10.scored);
    stat("form10_against_away", a10.conceded);
    const hs = history.weightedStrength(g.home);
    const as = history.weightedStrength(g.away);
    stat("strength_attack_diff", hs.scored - as.scored);
    stat("strength_defence_diff", hs.conceded - as.conceded);
    stat("strength_total", hs.scored + as.scored + hs.conceded + as.conceded);
    const h2h = history.headToHead(g.home, g.away, 5);
    stat("h2h_margin", h2h.margin);
    stat("h2h_count", h2h.count);
    stat("neutral", g.neutral ? 1 : 0);
    if (settings.weather) {
      const indoor = g.roof === "dome" || g.roof === "closed" ? 1 : 0;
      stat("indoor", indoor);
      // Indoor games have no weather; the sources leave those cells blank.
      stat("temperature_c", indoor ? 21 : (g.temperatureC ?? NaN));
      stat("wind_kph", indoor ? 0 : (g.windKph ?? NaN));
    }
    if (settings.matchStats === "shots") {
      const sides = [["home", shots.of4(g.home)], ["away", shots.of4(g.away)]] as const;
      for (const [side, [shotsFor, shotsAgainst, targetFor, targetAgainst]] of sides) {
        stat(`shots_for_${side}`, shotsFor!);
        stat(`shots_against_${side}`, shotsAgainst!);
        stat(`on_target_for_${side}`, targetFor!);
        stat(`on_target_against_${side}`, targetAgainst!);
      }
      const [h, a] = sides.map(([, s]) => s[2]! - s[3]!);
      stat("on_target_balance_diff", h! - a!);
    }
    if (settings.matchStats === "quarterbacks") {
      const sides = [["home", g.home, g.matchStats?.homeQuarterback], ["away", g.away, g.matchStats?.awayQuarterback]] as const;
      for (const [side, team, quarterback] of sides) {
        const [experience, usualStarter, margin] = quarterbacks.features(team, quarterback);
        stat(`qb_experience_${side}`, experience!);
        stat(`qb_usual_starter_${side}`, usualStarter!);
        stat(`qb_margin_${side}`, margin!);
      }
    }
    // Injury reports as known at the record's as-of time (see GameRecord.injuries). Unknown reads as nobody
    // out with the indicator at 0, so a model trained without reports gives these columns no weight.
    const injuries = g.injuries;
    injury(INJURY_REPORT_KNOWN, injuries?.home || injuries?.away ? 1 : 0);
    injury("players_out_home", injuries?.home?.out ?? 0);
    injury("players_out_away", injuries?.away?.out ?? 0);
    if (settings.quarterbackInjuries) {
      injury("qb_out_home", injuries?.home?.quarterbackOut ? 1 : 0);
      injury("qb_out_away", injuries?.away?.quarterbackOut ? 1 : 0);
    }
    const [ph, pd, pa] = g.opening ? fairProbabilities(g.opening) : [NaN, NaN, NaN];
    market("open_fair_home", ph!);
    market("open_fair_draw", g.opening?.draw === null ? NaN : pd!);
    market("open_fair_away", pa!);
    market("open_home_logit", Math.log(ph! / pa!));
    rows.push({ game: g, values: features.endRow(), label: labelOf(g, settings.classes) });
  }
  return { specs: features.specs, rows };
}
