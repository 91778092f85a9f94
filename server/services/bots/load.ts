import type pg from "pg";
import type { PrismaClient } from "@/server/db/generated/client";
import { summarizeLedger } from "@/server/domain/bankroll/ledger";
import { candidateKey, LOCK_MARGIN_MS, type BankrollState, type LiveGame } from "@/server/domain/bots/decide";
import { utcDate } from "@/server/domain/backtest/dataset";
import { backtestQuotesOf } from "@/server/domain/backtest/games";
import { loadGameInjuries } from "@/server/services/injuries/known-injuries";
import { loadQuotes, quotesByGame } from "@/server/services/quotes/load-quotes";

/** What a run reads, as of its time: games in the window with their prices, the bankroll, picks so far. */

export interface UpcomingGame extends LiveGame {
  leagueName: string;
}

/** Scheduled games kicking off inside (now + lock margin, now + window], of the given leagues (null = all). */
export async function loadUpcomingGames(
  pool: pg.Pool,
  now: Date,
  windowHours: number,
  leagues: string[] | null,
): Promise<UpcomingGame[]> {
  const { rows } = await pool.query<{
    id: number;
    startsAt: Date;
    season: number;
    league: string;
    leagueName: string;
    sport: string;
    home: string;
    away: string;
    roof: string | null;
    temperatureC: number | null;
    windKph: number | null;
    homeTeamId: number;
    awayTeamId: number;
  }>(
    `SELECT g.id, g."startsAt", se."startYear" AS season, l.key AS league, l.name AS "leagueName", sp.key AS sport,
            h.name AS home, a.name AS away, g.roof, g."temperatureC", g."windKph", g."homeTeamId", g."awayTeamId"
       FROM "Game" g JOIN "Season" se ON se.id = g."seasonId"
       JOIN "League" l ON l.id = g."leagueId" JOIN "Sport" sp ON sp.id = l."sportId"
       JOIN "Team" h ON h.id = g."homeTeamId" JOIN "Team" a ON a.id = g."awayTeamId"
      WHERE g.status = 'SCHEDULED' AND g."startsAt" > $1 AND g."startsAt" <= $2
        AND ($3::text[] IS NULL OR l.key = ANY($3))
      ORDER BY g."startsAt", g.id
      LIMIT 2000`,
    [new Date(now.getTime() + LOCK_MARGIN_MS), new Date(now.getTime() + windowHours * 3_600_000), leagues],
  );
  const byGame = quotesByGame(await loadQuotes(pool, rows, { period: "FULL_GAME" }));
  const injuries = await loadGameInjuries(pool, rows, now);
  return rows.map((g) => ({
    injuries: injuries.get(g.id) ?? null,
    gameId: g.id,
    league: g.league,
    leagueName: g.leagueName,
    sport: g.sport,
    season: g.season,
    startsAt: g.startsAt,
    home: g.home,
    away: g.away,
    homeScore: null,
    awayScore: null,
    roof: g.roof,
    temperatureC: g.temperatureC,
    windKph: g.windKph,
    quotes: backtestQuotesOf(byGame.get(g.id) ?? []),
  }));
}

/**
 * The latest prediction per game of the pinned model versions made BEFORE the run (a prediction stored
 * after it cannot have informed it), with the version's label for the record.
 */
export async function loadModelProbabilities(
  db: PrismaClient,
  modelVersionIds: number[],
  gameIds: number[],
  now: Date,
) {
  const out = new Map<number, { home: number; draw: number | null; away: number; modelVersion: string }>();
  if (modelVersionIds.length === 0 || gameIds.length === 0) return out;
  const rows = await db.prediction.findMany({
    where: { modelVersionId: { in: modelVersionIds }, gameId: { in: gameIds }, createdAt: { lt: now } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { gameId: true, probabilities: true, modelVersion: { select: { name: true, version: true } } },
  });
  for (const r of rows) {
    if (out.has(r.gameId)) continue;
    const p = r.probabilities as { home?: number; draw?: number; away?: number };
    if (typeof p.home !== "number" || typeof p.away !== "number") continue;
    out.set(r.gameId, {
      home: p.home,
      draw: typeof p.draw === "number" ? p.draw : null,
      away: p.away,
      modelVersion: `${r.modelVersion.name}@${r.modelVersion.version}`,
    });
  }
  return out;
}

/** The bot's bankroll as it stands now, and its picks so far (for the limits and the exactly-once check). */
export async function loadBankrollState(
  db: PrismaClient,
  bot: { id: number; bankrollId: number; unitCents: bigint },
  now: Date,
): Promise<{ state: BankrollState; lockedKeys: Set<string> }> {
  const dayStart = new Date(`${utcDate(now)}T00:00:00Z`);
  const [entries, settled, picks] = await Promise.all([
    db.ledgerEntry.findMany({
      where: { bankrollId: bot.bankrollId },
      select: { kind: true, amountCents: true, betId: true, occurredAt: true },
      orderBy: { id: "asc" },
    }),
    db.bet.findMany({
      where: { bankrollId: bot.bankrollId, status: "SETTLED", settledAt: { not: null } },
      orderBy: [{ settledAt: "desc" }, { id: "desc" }],
      take: 1000,
      select: { outcome: true, settledAt: true },
    }),
    db.botPick.findMany({
      where: { botId: bot.id },
      select: { gameId: true, market: true, selection: true, stakeCents: true, lockedAt: true },
    }),
  ]);
  const summary = summarizeLedger(entries.map((e) => ({ ...e, amountCents: Number(e.amountCents) })));
  const capital = summary.depositedCents - summary.withdrawnCents;
  const peakRealised = summary.curve.reduce((m, p) => Math.max(m, p.profitCents), 0);
  const today = picks.filter((p) => p.lockedAt >= dayStart);
  const perGame = new Map<number, number>();
  for (const p of picks) perGame.set(p.gameId, (perGame.get(p.gameId) ?? 0) + 1);
  return {
    state: {
      balanceCents: summary.balanceCents,
      openStakeCents: summary.openStakeCents,
      equityCents: capital + summary.profitCents,
      peakEquityCents: capital + peakRealised,
      stakedTodayCents: today.reduce((s, p) => s + Number(p.stakeCents), 0),
      picksToday: today.length,
      picksPerGame: perGame,
      recentSettled: settled
        .reverse()
        .map((b) => ({ lost: b.outcome === "LOSS" || b.outcome === "HALF_LOSS", settledAt: b.settledAt! })),
      unitCents: Number(bot.unitCents),
    },
    lockedKeys: new Set(picks.map((p) => candidateKey(p.gameId, p.market, p.selection))),
  };
}
