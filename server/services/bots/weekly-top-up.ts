import type { PrismaClient } from "@/server/db/generated/client";
import { weekStartUtc, weeklyTopUp } from "@/server/domain/analyst/weekly-bankroll";
import { lockBankroll } from "@/server/services/bets/bankrolls";

/**
 * Benny's bankroll is $100 a week, topped up weekly as the source system does. The amount is computed from the
 * balance at the start of the week (ledger entries before Monday 00:00 UTC), so whichever run of the week comes
 * first tops up the same amount; the deposit's key names the week, so retried or concurrent runs deposit once.
 * The week the bot was created is funded by its initial deposit.
 */
export async function topUpWeekly(db: PrismaClient, bankrollId: number, now: Date): Promise<bigint> {
  const weekStart = weekStartUtc(now);
  return db.$transaction(async (tx) => {
    await lockBankroll(tx, bankrollId);
    const bankroll = await tx.bankroll.findUniqueOrThrow({ where: { id: bankrollId }, select: { createdAt: true } });
    if (bankroll.createdAt >= weekStart) return 0n;
    const before = await tx.ledgerEntry.aggregate({
      where: { bankrollId, occurredAt: { lt: weekStart } },
      _sum: { amountCents: true },
    });
    const topUp = weeklyTopUp(before._sum.amountCents ?? 0n, weekStart);
    if (topUp.depositCents === 0n) return 0n;
    const { count } = await tx.ledgerEntry.createMany({
      data: [
        {
          bankrollId,
          kind: "DEPOSIT",
          amountCents: topUp.depositCents,
          idempotencyKey: topUp.idempotencyKey,
          occurredAt: weekStart,
          note: "Weekly top-up to $100 (Benny)",
        },
      ],
      skipDuplicates: true,
    });
    return count === 1 ? topUp.depositCents : 0n;
  });
}
