import type { Queryable } from "@/server/db/pool";
import type { ModelProbabilities } from "@/server/domain/backtest/dataset";
import type { Strategy } from "@/server/domain/strategies/schema";
import type { SummaryNames } from "@/server/domain/strategies/summary";
import { loadWalkForwardProbabilities } from "@/server/services/models/walk-forward-predictions";

/**
 * What a backtest reads besides games and prices: walk-forward predictions for strategies that take their
 * probability from a model (the user's latest successful evaluation per league; every game in it was predicted
 * by models trained on earlier seasons only), and the names summaries use.
 */
export async function modelProbabilitiesFor(
  db: Queryable,
  userId: string,
  strategies: Strategy[],
  gameIds: Map<string, number>,
): Promise<Map<string, ModelProbabilities>> {
  const names = [
    ...new Set(
      strategies
        .map((s) => s.probability)
        .filter((p) => p.startsWith("model:"))
        .map((p) => p.slice(6)),
    ),
  ];
  const out = new Map<string, ModelProbabilities>();
  if (names.length === 0) return out;
  const recordOf = new Map([...gameIds].map(([record, id]) => [id, record]));
  for (const model of names) {
    const byGame = await loadWalkForwardProbabilities(db, { userId, leagueIds: [], model });
    const byRecord = new Map<string, { home: number; draw: number | null; away: number }>();
    for (const [gameId, p] of byGame) {
      const record = recordOf.get(gameId);
      if (record) byRecord.set(record, p);
    }
    out.set(model, byRecord);
  }
  return out;
}

/** League names as they read in a sentence and bookmaker names, for the plain-English summary. */
export async function summaryNames(db: Queryable): Promise<SummaryNames> {
  const [leagues, books] = await Promise.all([
    db.query<{ key: string; name: string }>(`SELECT key, name FROM "League"`),
    db.query<{ key: string; name: string }>(`SELECT key, name FROM "Bookmaker"`),
  ]);
  const league = new Map(leagues.rows.map((r) => [r.key, r.name]));
  const book = new Map(books.rows.map((r) => [r.key, r.name]));
  return { league: (k) => league.get(k) ?? k, book: (k) => book.get(k) ?? k };
}
