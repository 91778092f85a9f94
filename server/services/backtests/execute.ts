import type pg from "pg";
import { buildReport, reportBetsOf } from "@/server/domain/backtest/build-report";
import { prepareData, viewKeyOf, viewOf } from "@/server/domain/backtest/dataset";
import { runStrategy } from "@/server/domain/backtest/engine";
import type { BacktestReport, ReportBet, SweepSummary } from "@/server/domain/backtest/report";
import { runSweep } from "@/server/domain/backtest/run";
import { expandSweep } from "@/server/domain/backtest/sweep";
import { walkForwardOptimise } from "@/server/domain/backtest/walk-forward";
import { strategyHash } from "@/server/domain/strategies/canonical";
import type { Strategy } from "@/server/domain/strategies/schema";
import { summarizeStrategy } from "@/server/domain/strategies/summary";
import { parseStrategy } from "@/server/domain/strategies/validate";
import { AppError } from "@/server/errors";
import { BACKTEST_CODE_VERSION } from "./code-version";
import { modelProbabilitiesFor, summaryNames } from "./context";
import { loadBacktestGames } from "./load-games";
import { tiersOfRequest, type BacktestRequest } from "./request";

/**
 * One queued backtest: the played games of the strategy's leagues and the seasons asked for, with every
 * stored price, then the engine (one run, and the sweep's variants and walk-forward steps when asked for).
 * Sweeps run on this thread: the bundled server has no TypeScript loader for workers, and a 1,000-variant
 * sweep takes about 2 s here.
 */
export async function executeBacktest(
  pool: pg.Pool,
  job: { id: number; userId: string; strategy: Strategy; request: BacktestRequest },
  progress: (fraction: number, note: string) => Promise<void>,
): Promise<BacktestReport> {
  const { strategy, request } = job;
  await progress(0.05, "Reading games and prices");
  const variants = request.sweep
    ? expandSweep(strategy, request.sweep.parameters).map(({ strategy: input, values }) => ({
        strategy: parsedVariant(input),
        values,
      }))
    : [];
  const { games, models, data, hash, run, started } = await runOne(
    pool,
    job.userId,
    strategy,
    request,
    variants.map((v) => v.strategy),
  );
  await progress(0.3, `Ran on ${games.length.toLocaleString("en")} games`);
  let sweep: Omit<SweepSummary, "verdict"> | null = null;
  let walkForward = null;
  if (request.sweep) {
    await progress(0.4, `Sweeping ${variants.length.toLocaleString("en")} variants`);
    const hashed = await Promise.all(
      variants.map(async (v) => ({ strategy: v.strategy, hash: await strategyHash(v.strategy) })),
    );
    const result = runSweep(data, hashed);
    let best: number | null = null;
    result.variants.forEach((v, i) => {
      if (v.sharpe !== null && (best === null || v.sharpe > result.variants[best]!.sharpe!)) best = i;
    });
    sweep = {
      parameters: request.sweep.parameters,
      variants: result.variants.map((v, i) => ({ ...v, values: variants[i]!.values })),
      best,
      deflatedSharpe: result.deflatedSharpe,
      pbo: result.pbo,
    };
    if (request.sweep.walkForward) {
      await progress(0.7, "Walk-forward optimisation");
      walkForward = walkForwardOptimise(games, hashed, models, {
        trainSeasons: request.sweep.walkForward.trainSeasons,
        tiers: data.tiers,
      });
    }
  }
  await progress(0.9, "Writing the report");
  return buildReport({
    data,
    strategy,
    hash,
    run,
    summary: summarizeStrategy(strategy, await summaryNames(pool)),
    codeVersion: BACKTEST_CODE_VERSION,
    seconds: (performance.now() - started) / 1000,
    sweep,
    walkForward,
  });
}

/** The strategy itself over the games of its request (variants' model sources loaded with it). */
async function runOne(
  pool: pg.Pool,
  userId: string,
  strategy: Strategy,
  request: BacktestRequest,
  variants: Strategy[] = [],
) {
  const { games, gameIds } = await loadBacktestGames(pool, {
    leagueKeys: strategy.leagues.length ? strategy.leagues : null,
    fromSeason: request.fromSeason ?? undefined,
    toSeason: request.toSeason ?? undefined,
  });
  if (games.length === 0) {
    throw new AppError(
      "BAD_REQUEST",
      "No played games in the leagues and seasons asked for: import results and prices first.",
    );
  }
  const models = await modelProbabilitiesFor(pool, userId, [strategy, ...variants], gameIds);
  const started = performance.now();
  const data = prepareData(games, models, tiersOfRequest(request));
  const hash = await strategyHash(strategy);
  const run = runStrategy(data.dates, strategy, viewOf(data, viewKeyOf(strategy, data.tiers)));
  return { games, models, data, hash, run, started };
}

/** Every bet of a stored run, recomputed (reports keep the first REPORT_BET_LIMIT): the same engine, same data. */
export async function allBetsOf(
  pool: pg.Pool,
  userId: string,
  strategy: Strategy,
  request: BacktestRequest,
): Promise<ReportBet[]> {
  const { data, run } = await runOne(pool, userId, strategy, request);
  return reportBetsOf(data, strategy, run);
}

function parsedVariant(input: unknown): Strategy {
  const parsed = parseStrategy(input);
  if (!parsed.ok)
    throw new AppError("BAD_REQUEST", `A sweep value makes the strategy invalid: ${parsed.errors[0]!.message}`);
  return parsed.strategy;
}
