import { forwardOnlyReason } from "@/server/domain/strategies/forward-only";
import type pg from "pg";
import { prepareData, viewKeyOf, viewOf } from "@/server/domain/backtest/dataset";
import type { BacktestGame } from "@/server/domain/backtest/games";
import { runStrategy } from "@/server/domain/backtest/engine";
import { dataNotes } from "@/server/domain/backtest/notes";
import { summarize, type VariantSummary } from "@/server/domain/backtest/run";
import { strategyHash } from "@/server/domain/strategies/canonical";
import { summarizeStrategy } from "@/server/domain/strategies/summary";
import { parseStrategy, type StrategyError } from "@/server/domain/strategies/validate";
import { getSystemSettings } from "@/server/services/system-settings/settings";
import { modelProbabilitiesFor, summaryNames } from "./context";
import { loadBacktestGames } from "./load-games";

/**
 * The builder's live mini-backtest: the strategy over the last completed season of its leagues, answered
 * in well under a second. Games and prices of a season are kept in memory for a few minutes, so typing in
 * the builder reads the database once; the strategy itself always runs fresh.
 */
export type Preview =
  | { ok: false; errors: StrategyError[] }
  | ({
      ok: true;
      hash: string;
      summary: string;
      season: number | null;
      games: number;
      startBankroll: number;
      equity: { date: string; bankroll: number }[];
      notes: string[];
      milliseconds: number;
    } & Pick<VariantSummary, "bets" | "staked" | "profit" | "roi" | "meanClv" | "maxDrawdown" | "finalBankroll">);

const CACHE_MS = 5 * 60_000;
const CACHE_ENTRIES = 16;
const cache = new Map<string, { until: number; games: BacktestGame[]; gameIds: Map<string, number> }>();

/** The latest season of these leagues with played games and nothing left to play (else the latest played one). */
async function lastCompletedSeason(db: pg.Pool, leagues: string[] | null): Promise<number | null> {
  const { rows } = await db.query<{ season: number; open: boolean }>(
    `SELECT se."startYear" AS season, bool_or(g.status = 'SCHEDULED') AS open
       FROM "Game" g JOIN "Season" se ON se.id = g."seasonId" JOIN "League" l ON l.id = g."leagueId"
      WHERE g.status IN ('FINAL', 'SCHEDULED') AND ($1::text[] IS NULL OR l.key = ANY($1))
      GROUP BY se."startYear" HAVING count(*) FILTER (WHERE g.status = 'FINAL') > 0
      ORDER BY se."startYear" DESC LIMIT 5`,
    [leagues],
  );
  return (rows.find((r) => !r.open) ?? rows[0])?.season ?? null;
}

async function seasonGames(db: pg.Pool, leagues: string[] | null, season: number) {
  const key = `${leagues?.join(",") ?? "*"}|${season}`;
  const hit = cache.get(key);
  if (hit && hit.until > Date.now()) return hit;
  const loaded = await loadBacktestGames(db, { leagueKeys: leagues, fromSeason: season, toSeason: season });
  if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
  const entry = { until: Date.now() + CACHE_MS, ...loaded };
  cache.set(key, entry);
  return entry;
}

export async function previewBacktest(db: pg.Pool, userId: string, input: unknown): Promise<Preview> {
  const parsed = parseStrategy(input);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  const strategy = parsed.strategy;
  const forwardOnly = forwardOnlyReason(strategy);
  if (forwardOnly) return { ok: false, errors: [{ path: "probability", field: "probability", code: "bad-value", message: forwardOnly }] };
  const started = performance.now();
  const leagues = strategy.leagues.length ? strategy.leagues : null;
  const season = await lastCompletedSeason(db, leagues);
  const { games, gameIds } =
    season === null ? { games: [], gameIds: new Map<string, number>() } : await seasonGames(db, leagues, season);
  const { tiers } = await getSystemSettings(db);
  const data = prepareData(games, await modelProbabilitiesFor(db, userId, [strategy], gameIds), tiers);
  const run = runStrategy(data.dates, strategy, viewOf(data, viewKeyOf(strategy, data.tiers)));
  const hash = await strategyHash(strategy);
  const figures = summarize(strategy, hash, run, data.dates);
  const equity = data.dates.flatMap((date, d) => (run.betDays[d] ? [{ date, bankroll: run.end[d]! }] : []));
  return {
    ok: true,
    hash,
    summary: summarizeStrategy(strategy, await summaryNames(db)),
    season,
    games: games.length,
    bets: figures.bets,
    staked: figures.staked,
    profit: figures.profit,
    roi: figures.roi,
    meanClv: figures.meanClv,
    maxDrawdown: figures.maxDrawdown,
    finalBankroll: figures.finalBankroll,
    startBankroll: strategy.bankroll,
    equity: [{ date: data.dates[0] ?? "", bankroll: strategy.bankroll }, ...equity].filter((p) => p.date),
    notes:
      season === null
        ? ["No played games in these leagues yet: import results and prices to see a preview."]
        : dataNotes(data, [strategy]),
    milliseconds: Math.round(performance.now() - started),
  };
}
