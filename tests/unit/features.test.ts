import { describe, expect, it } from "vitest";
import { buildFeatures } from "@/server/domain/features/build";
import { FeatureWriter } from "@/server/domain/features/feature-writer";
import { EloRatings, expectedScore } from "@/server/domain/features/elo";
import { recordsFromBatch, type GameRecord } from "@/server/domain/features/records";
import { SPORT_SETTINGS } from "@/server/domain/features/sports";
import { parseFootballData } from "@/server/domain/imports/football-data";
import { brier, calibrationGate, eceNoiseFloor, homeAuc, logLoss, rankedProbabilityScore, reliability } from "@/server/domain/evaluation/metrics";
import { runValueStrategy } from "@/server/domain/evaluation/value-strategy";
import { walkForwardWindows } from "@/server/domain/evaluation/windows";
import { syntheticLeagueCsv } from "../support/synthetic-league";

const soccer = SPORT_SETTINGS.soccer!;
const league = (seasons: number[], unplayed = 0) => recordsFromBatch(parseFootballData(syntheticLeagueCsv(seasons, unplayed), "synthetic.csv"));

describe("features", () => {
  it("do not change when later games are added (no leakage)", () => {
    const all = league([2015, 2016, 2017]);
    const cut = new Date(Date.UTC(2017, 0, 1));
    const early = all.filter((g) => g.startsAt < cut);
    expect(early.length).toBeGreaterThan(100);
    expect(all.length - early.length).toBeGreaterThan(50);
    const before = buildFeatures(early, soccer);
    const after = buildFeatures(all, soccer);
    const byId = new Map(after.rows.map((r) => [r.game.id, r.values]));
    for (const row of before.rows) expect(byId.get(row.game.id)).toEqual(row.values);
  });

  it("do not see other results of the same day, and see every result of an earlier day", () => {
    const base = league([2015]).slice(0, 40);
    const day = base[20]!.startsAt;
    const sameDay = base.filter((g) => g.startsAt.getTime() === day.getTime());
    expect(sameDay.length).toBeGreaterThan(1);
    // Flip the result of one game of that day: the others' features must not move.
    const flipped: GameRecord[] = base.map((g) => (g.id === sameDay[0]!.id ? { ...g, homeScore: 9, awayScore: 0 } : g));
    const a = buildFeatures(base, soccer);
    const b = buildFeatures(flipped, soccer);
    const later = base.find((g) => g.startsAt > day && (g.home === sameDay[0]!.home || g.away === sameDay[0]!.home))!;
    for (const g of sameDay) expect(b.rows.find((r) => r.game.id === g.id)!.values).toEqual(a.rows.find((r) => r.game.id === g.id)!.values);
    expect(b.rows.find((r) => r.game.id === later.id)!.values).not.toEqual(a.rows.find((r) => r.game.id === later.id)!.values);
  });

  it("keep opening prices in the market-aware group only, and leave closing prices out", () => {
    const set = buildFeatures(league([2015]), soccer);
    const market = set.specs.filter((s) => s.group === "market-aware").map((s) => s.name);
    expect(market).toEqual(["open_fair_home", "open_fair_draw", "open_fair_away", "open_home_logit"]);
    expect(set.specs.some((s) => /clos/.test(s.name))).toBe(false);
    const row = set.rows[0]!;
    const [h, d, a] = market.slice(0, 3).map((n) => row.values[set.specs.findIndex((s) => s.name === n)]!);
    expect(h! + d! + a!).toBeCloseTo(1, 9);
  });

  it.each(Object.values(SPORT_SETTINGS))("line up names and values for $sport", (settings) => {
    // Soccer fixtures dressed with what the sport's features read: roofs and weather, starting quarterbacks.
    const quarterbacks = ["A. Arm", "B. Bomb", "C. Cannon"];
    const records = league([2015, 2016], 20).map((g, i) => ({
      ...g,
      neutral: i % 17 === 0,
      roof: settings.weather ? (i % 3 === 0 ? "dome" : "outdoors") : null,
      temperatureC: settings.weather ? 5 + (i % 20) : null,
      windKph: settings.weather ? i % 30 : null,
      matchStats: settings.matchStats === "quarterbacks" ? { homeQuarterback: quarterbacks[i % 3], awayQuarterback: quarterbacks[(i + 1) % 3] } : g.matchStats,
    }));
    const set = buildFeatures(records, settings);
    const names = set.specs.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    expect(set.rows).toHaveLength(records.length);
    for (const row of set.rows) {
      expect(row.values).toHaveLength(names.length);
      const v = Object.fromEntries(names.map((n, i) => [n, row.values[i]!]));
      expect(v.elo_abs_diff).toBe(Math.abs(v.elo_diff!));
      expect(v.elo_home_expectation).toBe(expectedScore(v.elo_diff!));
      expect(v.rest_diff).toBe(v.rest_home! - v.rest_away!);
      expect(v.short_rest_home).toBe(v.rest_home! <= 1.5 ? 1 : 0);
      expect(v.short_rest_away).toBe(v.rest_away! <= 1.5 ? 1 : 0);
      expect(v.neutral).toBe(row.game.neutral ? 1 : 0);
      if (settings.weather) {
        expect(v.indoor).toBe(row.game.roof === "dome" ? 1 : 0);
        expect(v.temperature_c).toBe(v.indoor ? 21 : row.game.temperatureC);
        expect(v.wind_kph).toBe(v.indoor ? 0 : row.game.windKph);
      }
      if (settings.matchStats === "shots" && !Number.isNaN(v.on_target_for_home) && !Number.isNaN(v.on_target_for_away)) {
        expect(v.on_target_balance_diff).toBeCloseTo(v.on_target_for_home! - v.on_target_against_home! - (v.on_target_for_away! - v.on_target_against_away!), 12);
      }
      if (settings.matchStats === "quarterbacks") {
        // Every game names its quarterbacks: experience is a log count, the usual-starter share a share.
        expect(v.qb_experience_home).toBeGreaterThanOrEqual(0);
        if (!Number.isNaN(v.qb_usual_starter_home)) expect(v.qb_usual_starter_home).toBeGreaterThanOrEqual(0);
        if (!Number.isNaN(v.qb_usual_starter_home)) expect(v.qb_usual_starter_home).toBeLessThanOrEqual(1);
      }
      if (row.game.opening) {
        expect(v.open_fair_home! + (Number.isNaN(v.open_fair_draw) ? 0 : v.open_fair_draw!) + v.open_fair_away!).toBeCloseTo(1, 12);
        expect(v.open_home_logit).toBeCloseTo(Math.log(v.open_fair_home! / v.open_fair_away!), 12);
      }
    }
  });

  it("read injuries as known at the record's as-of time, zero with the indicator off where none were collected", () => {
    const nfl = SPORT_SETTINGS["american-football"]!;
    const records = league([2015], 4);
    const upcoming = records.filter((g) => g.homeScore === null);
    const withReport = upcoming[0]!.id;
    const dressed = records.map((g) =>
      g.id === withReport ? { ...g, injuries: { home: { out: 3, quarterbackOut: true }, away: null } } : g,
    );
    const set = buildFeatures(dressed, nfl);
    const injuryNames = set.specs.filter((s) => s.fromInjuryReports).map((s) => s.name);
    expect(injuryNames).toEqual(["injury_report_known", "players_out_home", "players_out_away", "qb_out_home", "qb_out_away"]);
    expect(set.specs.filter((s) => s.fromInjuryReports).every((s) => s.group === "stats-only")).toBe(true);
    const valuesOf = (id: string) => {
      const row = set.rows.find((r) => r.game.id === id)!;
      return Object.fromEntries(injuryNames.map((n) => [n, row.values[set.specs.findIndex((s) => s.name === n)]]));
    };
    expect(valuesOf(withReport)).toEqual({ injury_report_known: 1, players_out_home: 3, players_out_away: 0, qb_out_home: 1, qb_out_away: 0 });
    expect(valuesOf(upcoming[1]!.id)).toEqual({ injury_report_known: 0, players_out_home: 0, players_out_away: 0, qb_out_home: 0, qb_out_away: 0 });
    // Only the NFL has the quarterback columns.
    expect(buildFeatures(records, soccer).specs.filter((s) => s.fromInjuryReports).map((s) => s.name)).toEqual([
      "injury_report_known",
      "players_out_home",
      "players_out_away",
    ]);
  });

  it("are written name and value together, in the same order for every row", () => {
    const writer = new FeatureWriter();
    writer.stat("a", 1);
    writer.market("b", 2);
    expect(writer.endRow()).toEqual([1, 2]);
    writer.stat("a", 3);
    expect(() => writer.stat("c", 4)).toThrow(/feature 2 is "c".*"b"/);
    const short = new FeatureWriter();
    short.stat("a", 1);
    short.stat("b", 2);
    short.endRow();
    short.stat("a", 1);
    expect(() => short.endRow()).toThrow(/1 features.*2/);
    expect(writer.specs).toEqual([
      { name: "a", group: "stats-only" },
      { name: "b", group: "market-aware" },
    ]);
  });

  it("Elo is zero-sum, rewards wins by more with a bigger margin, and regresses between seasons", () => {
    const elo = new EloRatings(soccer.elo);
    elo.update("A", "B", 2015, false, 1, 0);
    const narrow = elo.rating("A", 2015) - 1500;
    expect(elo.rating("A", 2015) + elo.rating("B", 2015)).toBeCloseTo(3000, 9);
    const other = new EloRatings(soccer.elo);
    other.update("A", "B", 2015, false, 4, 0);
    expect(other.rating("A", 2015) - 1500).toBeGreaterThan(narrow);
    const kept = other.rating("A", 2015) - 1500;
    expect(other.rating("A", 2016) - 1500).toBeCloseTo(kept * soccer.elo.carryOver, 9);
    expect(expectedScore(0)).toBe(0.5);
  });
});

describe("walk-forward windows", () => {
  it("train only on seasons before the test season, rolling or expanding", () => {
    const seasons = [2010, 2011, 2012, 2013, 2014];
    expect(walkForwardWindows(seasons, { fromSeason: 2012 })).toEqual([
      { testSeason: 2012, trainSeasons: [2010, 2011] },
      { testSeason: 2013, trainSeasons: [2010, 2011, 2012] },
      { testSeason: 2014, trainSeasons: [2010, 2011, 2012, 2013] },
    ]);
    expect(walkForwardWindows(seasons, { fromSeason: 2011, trainSeasons: 2, minTrainSeasons: 1 }).map((w) => w.trainSeasons)).toEqual([[2010], [2010, 2011], [2011, 2012], [2012, 2013]]);
    for (const w of walkForwardWindows(seasons, { fromSeason: 2000, minTrainSeasons: 0 })) expect(w.trainSeasons.every((s) => s < w.testSeason)).toBe(true);
  });
});

describe("probability metrics", () => {
  it("match hand-worked values", () => {
    const probs = [
      [0.5, 0.3, 0.2],
      [0.2, 0.3, 0.5],
    ];
    const labels = [0, 1];
    // RPS: game 1 ((0.5-1)^2 + (0.8-1)^2)/2 = 0.145; game 2 ((0.2)^2 + (0.5-1)^2)/2 = 0.145.
    expect(rankedProbabilityScore(probs, labels)).toBeCloseTo(0.145, 12);
    expect(logLoss(probs, labels)).toBeCloseTo(-(Math.log(0.5) + Math.log(0.3)) / 2, 12);
    expect(brier(probs, labels)).toBeCloseTo((0.25 + 0.09 + 0.04 + (0.04 + 0.49 + 0.25)) / 2, 12);
    expect(brier([[0.3, 0.7]], [1])).toBeCloseTo(0.09, 12);
  });

  it("ECE is 0 for calibrated bins and AUC is 1 for a perfect ranking", () => {
    const probs = Array.from({ length: 100 }, (_, i) => [i < 50 ? 0.8 : 0.2, i < 50 ? 0.2 : 0.8]);
    const labels = probs.map((_, i) => (i < 50 ? (i < 10 ? 1 : 0) : i < 90 ? 1 : 0));
    expect(reliability(probs, labels).ece).toBeCloseTo(0, 12);
    expect(homeAuc([[0.9, 0.1], [0.2, 0.8]], [0, 1], 1)).toBe(1);
  });

  it("the ECE noise floor is what a calibrated forecaster scores, and the gate refuses a miscalibrated one", () => {
    let state = 7;
    const random = () => ((state = (state * 48271) % 2147483647) / 2147483647);
    const probs = Array.from({ length: 2000 }, () => {
      const p = 0.2 + 0.6 * random();
      return [1 - p, p];
    });
    const calibrated = probs.map((p) => (random() < p[1]! ? 1 : 0));
    const floor = eceNoiseFloor(probs);
    expect(floor).toBeGreaterThan(0.005);
    expect(floor).toBeLessThan(0.04);
    expect(calibrationGate({ ece: reliability(probs, calibrated).ece, eceNoise: floor }).passed).toBe(true);
    // Outcomes from probabilities pulled halfway to 0.5: the forecaster is overconfident.
    const overconfident = probs.map((p) => (random() < 0.5 + (p[1]! - 0.5) / 2 ? 1 : 0));
    const gate = calibrationGate({ ece: reliability(probs, overconfident).ece, eceNoise: floor });
    expect(gate.passed).toBe(false);
    expect(gate.limit).toBeGreaterThanOrEqual(0.02);
  });

  it("the value strategy bets only with 3% edge, caps stakes at 2%, and measures CLV against the close", () => {
    const result = runValueStrategy([
      { model: [0.6, 0.4], price: [2.0, 2.0], closingFair: [0.55, 0.45], label: 0 },
      { model: [0.51, 0.49], price: [2.0, 2.0], closingFair: [0.5, 0.5], label: 1 },
    ]);
    expect(result.bets).toBe(1);
    expect(result.staked).toBeCloseTo(0.02, 12); // quarter Kelly would be 5%; the cap is 2%
    expect(result.profit).toBeCloseTo(0.02, 12);
    expect(result.meanClv).toBeCloseTo(2 * 0.55 - 1, 12);
  });
});
