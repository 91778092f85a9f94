import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { decodeText, SOURCE_FORMATS } from "../server/domain/imports";
import { gamesFromBatch, type BacktestGame } from "../server/domain/backtest/games";
import { prepareData, viewKeyOf, viewOf } from "../server/domain/backtest/dataset";
import { runStrategy } from "../server/domain/backtest/engine";
import { compileColumns } from "../server/domain/strategies/evaluate";
import { parseStrategy } from "../server/domain/strategies/validate";
import { strategyHash } from "../server/domain/strategies/canonical";
import type { Condition, Strategy } from "../server/domain/strategies/schema";
import { runSweepInParallel } from "../server/services/backtests/parallel";

/**
 * `npm run bench:backtest`, on the real EPL and La Liga files 2016-17 to 2024-25 (../shared/data):
 *  - rule evaluation: selection-rules per second on one thread (rows x comparisons / time) through the
 *    column evaluator;
 *  - a 1,000-variant sweep (1X2, opening prices, Kelly staking; a grid over minimum edge and maximum price)
 *    end to end after the files are read: columns, every variant, deflated Sharpe and PBO;
 *  - the live mini-backtest: one strategy over the last completed season, columns included.
 */
const folder = path.resolve("../shared/data/soccer/football-data");
if (!existsSync(folder)) {
  console.log(
    `bench:backtest skipped: ${folder} is not there (the real football-data files sit beside the repository)`,
  );
  process.exit(0);
}
const files = readdirSync(folder).filter(
  (f) => /^(E0|SP1)_(\d{4})\.csv$/.test(f) && Number(f.slice(-8, -6)) >= 16 && Number(f.slice(-8, -6)) <= 24,
);
const games: BacktestGame[] = [];
for (const f of files)
  games.push(
    ...gamesFromBatch(SOURCE_FORMATS["football-data"].parse(decodeText(readFileSync(path.join(folder, f))), f)),
  );
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

function strategy(when: Condition, name = "bench"): Strategy {
  const parsed = parseStrategy({
    schemaVersion: 1,
    name,
    markets: ["1x2"],
    probability: "market:pinnacle-opening",
    price: "best",
    decideAt: "opening",
    when,
    stake: { kind: "kelly", fraction: 0.25, maxFraction: 0.02 },
  });
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join("; "));
  return parsed.strategy;
}

console.log(`data: ${files.length} files, ${games.length} games (EPL + La Liga 2016-17 to 2024-25)`);

// Rule evaluation on one thread.
const data = prepareData(games);
const base = strategy({ all: [] });
const view = viewOf(data, viewKeyOf(base, data.tiers));
const rules: Condition = {
  all: [
    { field: "edge", op: "gte", value: 0.01 },
    { field: "price", op: "between", value: [1.5, 6] },
    { field: "probability", op: "gt", value: 0.2 },
    { field: "selection", op: "in", value: ["home", "away"] },
    { field: "marketProbability", op: "lt", value: 0.9 },
  ],
};
const compiled = compileColumns(rules);
const out = new Uint8Array(view.length);
for (let i = 0; i < 50; i++) compiled(view, out);
const reps = 2000;
const t0 = performance.now();
for (let i = 0; i < reps; i++) compiled(view, out);
const seconds = (performance.now() - t0) / 1000;
const rate = (reps * view.length * 5) / seconds;
// The same five comparisons that every selection passes: no row is dropped early, every comparison runs.
const passAll = compileColumns({
  all: [
    { field: "edge", op: "gte", value: -1 },
    { field: "price", op: "between", value: [1, 1000] },
    { field: "probability", op: "gte", value: 0 },
    { field: "selection", op: "in", value: ["home", "draw", "away"] },
    { field: "impliedProbability", op: "lte", value: 1 },
  ],
});
for (let i = 0; i < 50; i++) passAll(view, out);
const t1 = performance.now();
for (let i = 0; i < reps; i++) passAll(view, out);
const fullRate = (reps * view.length * 5) / ((performance.now() - t1) / 1000);
console.log(
  `rule evaluation: ${(rate / 1e6).toFixed(0)}M selection-rules/s on one thread with a selective rule (rows dropped early count as evaluated), ` +
    `${(fullRate / 1e6).toFixed(0)}M when every selection passes every comparison (${view.length} selections x 5 comparisons, ${reps} passes)`,
);

// The 1,000-variant sweep, end to end after the files are read, three times.
const variants: { strategy: Strategy; hash: string }[] = [];
for (let e = 0; e < 40; e++) {
  for (let m = 0; m < 25; m++) {
    const s = strategy(
      {
        all: [
          { field: "edge", op: "gte", value: e * 0.001 },
          { field: "price", op: "lte", value: 2 + m * 0.25 },
        ],
      },
      `edge>=${(e * 0.1).toFixed(1)}% price<=${2 + m * 0.25}`,
    );
    variants.push({ strategy: s, hash: await strategyHash(s) });
  }
}
const walls: number[] = [];
let last;
for (let run = 0; run < 3; run++) {
  const started = performance.now();
  last = await runSweepInParallel(prepareData(games), variants, { minWork: 0 });
  walls.push((performance.now() - started) / 1000);
}
const single = performance.now();
const { runSweep } = await import("../server/domain/backtest/run");
runSweep(prepareData(games), variants);
const singleSeconds = (performance.now() - single) / 1000;
const best = [...last!.variants].sort((a, b) => (b.sharpe ?? -Infinity) - (a.sharpe ?? -Infinity))[0]!;
console.log(
  `1,000-variant sweep: ${pct(walls, 50).toFixed(2)} s median of 3 (${walls.map((w) => w.toFixed(2)).join(", ")}) on worker threads, ${singleSeconds.toFixed(2)} s on one thread; ` +
    `best "${best.name}" (${best.bets} bets) daily Sharpe ${best.sharpe?.toFixed(3)}, ROI ${((best.roi ?? 0) * 100).toFixed(1)}%, deflated Sharpe ${last!.deflatedSharpe?.toFixed(3) ?? "none"}, PBO ${last!.pbo?.toFixed(3) ?? "none"}`,
);

// The live mini-backtest: the last completed season, columns built from scratch each time.
const lastSeason = Math.max(...games.filter((g) => g.homeScore !== null).map((g) => g.season)) - 1;
const seasonGames = games.filter((g) => g.season === lastSeason);
const mini: number[] = [];
for (let i = 0; i < 20; i++) {
  const started = performance.now();
  const season = prepareData(seasonGames);
  const s = strategy({ all: [{ field: "edge", op: "gte", value: 0.02 }] });
  runStrategy(season.dates, s, viewOf(season, viewKeyOf(s, season.tiers)));
  mini.push((performance.now() - started) * 1000);
}
console.log(
  `mini-backtest (${seasonGames.length} games of ${lastSeason}-${(lastSeason + 1) % 100}): p50 ${(pct(mini, 50) / 1000).toFixed(1)} ms, p95 ${(pct(mini, 95) / 1000).toFixed(1)} ms`,
);
