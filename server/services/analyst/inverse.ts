import type { Queryable } from "@/server/db/pool";
import { inverseTable, INVERSE_WINDOWS_DAYS, type GradedPrediction, type InverseRow, type WinnerKey } from "@/server/domain/inverse/inverse";
import { asOpeningOrClosing, byReference, type Quote } from "@/server/domain/quotes";
import { SELECTIONS, winnerMarketOf, type Market } from "@/server/domain/vocabulary";
import { loadQuotes } from "@/server/services/quotes/load-quotes";

/**
 * The inverse view of the user's models and bots (server/domain/inverse): their predictions on games that finished in the
 * longest window before `now`, each made before its game's kick-off (later ones could have seen the result),
 * priced at the closing reference price: the first book in the product's reference order (Pinnacle, sharp
 * books, other books, aggregates) with a closing price for every selection of the winner market.
 * Where one model has several versions that predicted a game, the newest version's prediction counts.
 */
export async function modelInverseView(db: Queryable, userId: string, now: Date): Promise<{ rows: InverseRow[]; games: number }> {
  const from = new Date(now.getTime() - Math.max(...INVERSE_WINDOWS_DAYS) * 86_400_000);
  const { rows } = await db.query<{
    model: string;
    gameId: number;
    startsAt: Date;
    sport: string;
    homeScore: number;
    awayScore: number;
    probabilities: Record<string, number>;
  }>(
    `SELECT DISTINCT ON (v.name, g.id) v.name AS model, g.id AS "gameId", g."startsAt", s.key AS sport, g."homeScore", g."awayScore", p.probabilities
       FROM "Prediction" p
       JOIN "ModelVersion" v ON v.id = p."modelVersionId"
       JOIN "Game" g ON g.id = p."gameId"
       JOIN "League" l ON l.id = g."leagueId" JOIN "Sport" s ON s.id = l."sportId"
      WHERE v."userId" = $1 AND g.status = 'FINAL' AND g."homeScore" IS NOT NULL AND g."awayScore" IS NOT NULL
        AND g."startsAt" > $2 AND g."startsAt" <= $3 AND p."createdAt" <= g."startsAt"
      ORDER BY v.name, g.id, v.version DESC`,
    [userId, from, now],
  );
  // Bots' winner-market picks locked before kick-off, as predictions that are certain of the side picked: the
  // pick's record is the bot's own (at the closing line), the inverse is betting the other side(s).
  const bots = await db.query<(typeof rows)[number]>(
    `SELECT 'Bot: ' || b.name AS model, g.id AS "gameId", g."startsAt", s.key AS sport, g."homeScore", g."awayScore",
            jsonb_build_object(lower(p.selection::text), 1) AS probabilities
       FROM "BotPick" p
       JOIN "Bot" b ON b.id = p."botId"
       JOIN "Game" g ON g.id = p."gameId"
       JOIN "League" l ON l.id = g."leagueId" JOIN "Sport" s ON s.id = l."sportId"
      WHERE b."userId" = $1 AND p.market IN ('ONE_X_TWO', 'MONEYLINE') AND g.status = 'FINAL'
        AND g."homeScore" IS NOT NULL AND g."awayScore" IS NOT NULL
        AND g."startsAt" > $2 AND g."startsAt" <= $3 AND p."lockedAt" < g."startsAt"`,
    [userId, from, now],
  );
  for (const r of bots.rows) {
    const keys = r.sport === "soccer" ? ["home", "draw", "away"] : ["home", "away"];
    rows.push({ ...r, probabilities: Object.fromEntries(keys.map((k) => [k, r.probabilities[k] ?? 0])) });
  }
  if (rows.length === 0) return { rows: [], games: 0 };
  const games = [...new Map(rows.map((r) => [r.gameId, { id: r.gameId, startsAt: r.startsAt }])).values()];
  const quotes = await loadQuotes(db, games, { markets: ["ONE_X_TWO", "MONEYLINE"], period: "FULL_GAME" });
  const byGame = new Map<number, Quote[]>();
  for (const q of quotes) byGame.set(q.gameId, [...(byGame.get(q.gameId) ?? []), q]);
  const sportOf = new Map(rows.map((r) => [r.gameId, r.sport]));
  const closing = new Map(games.map((g) => [g.id, closingPrices(byGame.get(g.id) ?? [], winnerMarketOf(sportOf.get(g.id)!))]));

  const graded: GradedPrediction[] = [];
  for (const r of rows) {
    const prices = closing.get(r.gameId);
    if (!prices) continue;
    const draw = r.sport === "soccer";
    const winner: WinnerKey = r.homeScore > r.awayScore ? "home" : r.homeScore < r.awayScore ? "away" : "draw";
    // A two-way market has no draw to grade (a tie is a push there): such games are left out.
    if (winner === "draw" && !draw) continue;
    graded.push({
      model: r.model,
      sport: r.sport,
      market: winnerMarketOf(r.sport),
      gameId: r.gameId,
      startsAt: r.startsAt,
      probabilities: r.probabilities as GradedPrediction["probabilities"],
      closing: prices,
      winner,
    });
  }
  return { rows: inverseTable(graded, now), games: new Set(graded.map((g) => g.gameId)).size };
}

/** The closing prices of the reference book that closed every selection of the market, or null. */
function closingPrices(quotes: Quote[], market: Market): Partial<Record<WinnerKey, number>> | null {
  const inMarket = quotes.filter((q) => q.market === market && q.price !== null);
  const { closing } = asOpeningOrClosing(inMarket);
  const codes = market === "ONE_X_TWO" ? (["HOME", "DRAW", "AWAY"] as const) : (["HOME", "AWAY"] as const);
  for (const q of byReference([...new Map(closing.map((c) => [c.bookmaker.id, c])).values()])) {
    const mine = closing.filter((c) => c.bookmaker.id === q.bookmaker.id);
    const prices = codes.map((s) => mine.find((c) => c.selection === s)?.price ?? null);
    if (prices.every((p): p is number => p !== null && p > 1)) {
      return Object.fromEntries(codes.map((s, i) => [SELECTIONS[s].key, prices[i]!]));
    }
  }
  return null;
}
