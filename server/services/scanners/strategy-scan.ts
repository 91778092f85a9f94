import type { Queryable } from "@/server/db/pool";
import type { ModelProbabilities } from "@/server/domain/backtest/dataset";
import type { BacktestGame } from "@/server/domain/backtest/games";
import { detectAnomalies, withoutAnomalies } from "@/server/domain/collectors/anomalies";
import { quotesKnownBy } from "@/server/domain/quotes";
import { strategySignals } from "@/server/domain/scanners/strategy-scan";
import { receivedQuotes } from "@/server/domain/scanners/upcoming";
import { AppError } from "@/server/errors";
import { loadGameInjuries } from "@/server/services/injuries/known-injuries";
import { loadQuotes, quotesByGame } from "@/server/services/quotes/load-quotes";
import { getStrategy, parseStrategyOrRefuse } from "@/server/services/strategies/strategies";
import { getSystemSettings } from "@/server/services/system-settings/settings";
import { latestPredictions } from "@/server/services/upcoming/upcoming";

const MAX_GAMES = 300;

/**
 * One of the caller's saved strategies over the games starting in the next `hours`, on the prices known now
 * (flagged prices left out) and, for a "model:<name>" source, the caller's newest prediction of that model made
 * before now. Another user's strategy is NOT_FOUND. On a delayed plan, prices captured after `pricesKnownBy` are not used.
 */
export async function scanWithStrategy(
  db: Queryable,
  userId: string,
  req: { strategyId: number; hours: number; now: Date; pricesKnownBy?: Date | null },
) {
  const saved = await getStrategy(db, userId, req.strategyId);
  if (!saved.definition) throw new AppError("BAD_REQUEST", "This strategy has no saved version yet: save it first.");
  const strategy = parseStrategyOrRefuse(saved.definition);
  const { rows } = await db.query<{
    id: number; startsAt: Date; localDate: string; season: number; league: string; sport: string; home: string; away: string;
    roof: string | null; temperatureC: number | null; windKph: number | null; homeTeamId: number; awayTeamId: number;
  }>(
    `SELECT g.id, g."startsAt", to_char(g."localDate", 'YYYY-MM-DD') AS "localDate", se."startYear" AS season,
            l.key AS league, sp.key AS sport, h.name AS home, a.name AS away, g.roof, g."temperatureC", g."windKph",
            g."homeTeamId", g."awayTeamId"
       FROM "Game" g JOIN "Season" se ON se.id = g."seasonId"
       JOIN "League" l ON l.id = g."leagueId" JOIN "Sport" sp ON sp.id = l."sportId"
       JOIN "Team" h ON h.id = g."homeTeamId" JOIN "Team" a ON a.id = g."awayTeamId"
      WHERE g.status = 'SCHEDULED' AND g."startsAt" > $1 AND g."startsAt" <= $2
      ORDER BY g."startsAt", g.id
      LIMIT ${MAX_GAMES}`,
    [req.now, new Date(req.now.getTime() + req.hours * 3_600_000)],
  );
  const byGame = quotesByGame(quotesKnownBy(await loadQuotes(db, rows, { period: "FULL_GAME" }), req.pricesKnownBy ?? null));
  const injuries = await loadGameInjuries(db, rows, req.now);
  const recordOf = new Map<number, string>();
  const games = rows.map((g): BacktestGame => {
    const record = `${g.league}:${g.localDate}:${g.home}:${g.away}`;
    recordOf.set(g.id, record);
    const { known, asOf } = receivedQuotes(byGame.get(g.id) ?? [], req.now);
    const trusted = withoutAnomalies(known, detectAnomalies(known, asOf));
    return {
      id: record, league: g.league, sport: g.sport, season: g.season, startsAt: g.startsAt, home: g.home, away: g.away,
      homeScore: null, awayScore: null, roof: g.roof, temperatureC: g.temperatureC, windKph: g.windKph,
      injuries: injuries.get(g.id) ?? null,
      quotes: trusted.flatMap((q) => (q.price === null ? [] : [{ ...q, price: q.price }])),
    };
  });
  const models = new Map<string, ModelProbabilities>();
  if (strategy.probability.startsWith("model:")) {
    const name = strategy.probability.slice(6);
    const byRecord = new Map<string, { home: number; draw: number | null; away: number }>();
    for (const [gameId, predictions] of await latestPredictions(db, userId, [...recordOf.keys()], req.now)) {
      const p = predictions.find((x) => x.model === name)?.probabilities;
      if (p?.home !== undefined && p.away !== undefined) byRecord.set(recordOf.get(gameId)!, { home: p.home, draw: p.draw ?? null, away: p.away });
    }
    models.set(name, byRecord);
  }
  const idOf = new Map([...recordOf].map(([id, record]) => [record, id]));
  const info = new Map(rows.map((g) => [g.id, g]));
  return {
    strategy: { id: saved.id, name: saved.name, probability: strategy.probability, decideAt: strategy.decideAt },
    asOf: req.now,
    games: rows.length,
    signals: strategySignals(strategy, games, models, (await getSystemSettings(db)).tiers).map((s) => {
      const gameId = idOf.get(s.game)!;
      const g = info.get(gameId)!;
      return { ...s, gameId, startsAt: g.startsAt, home: g.home, away: g.away, sport: g.sport };
    }),
  };
}
