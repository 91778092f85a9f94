import type { PrismaClient } from "@/server/db/generated/client";
import { breakdown } from "@/server/domain/bets/breakdown";

export async function betBreakdown(db: PrismaClient, userId: string, bankrollId?: number) {
  const bets = await db.bet.findMany({
    where: { userId, status: "SETTLED", ...(bankrollId ? { bankrollId } : {}) },
    select: { stakeCents: true, profitCents: true, clv: true, market: true, lateEntry: true, game: { select: { startsAt: true, league: { select: { name: true } } } } },
  });
  return breakdown(
    bets.map((b) => ({
      league: b.game.league.name,
      market: b.market,
      settledMonth: b.game.startsAt.toISOString().slice(0, 7),
      stakeCents: Number(b.stakeCents),
      profitCents: Number(b.profitCents ?? 0),
      clv: b.clv,
      lateEntry: b.lateEntry,
    })),
  );
}
