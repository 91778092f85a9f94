import type { PrismaClient } from "@/server/db/generated/client";
import { resultKey } from "@/server/domain/bots/decide";
import type { ResultPayload } from "@/server/domain/records/payload";
import { appendRecordEntries } from "@/server/services/records/chain";

/**
 * Adds a "result" entry to each bot's record for every pick whose paper bet has settled (or was voided):
 * later entries, never edits. Idempotent by the key `result:<pickSeq>` (a re-run or a concurrent grader
 * appends nothing twice); one transaction per bot.
 */
export async function gradeBots(db: PrismaClient, opts: { botIds?: number[] } = {}) {
  const picks = await db.botPick.findMany({
    where: {
      resultSeq: null,
      pickSeq: { not: null },
      bet: { status: { in: ["SETTLED", "VOID"] } },
      ...(opts.botIds ? { botId: { in: opts.botIds } } : {}),
    },
    orderBy: [{ botId: "asc" }, { pickSeq: "asc" }],
    take: 5000,
    select: {
      id: true,
      botId: true,
      pickSeq: true,
      bot: { select: { recordChainId: true } },
      bet: {
        select: {
          status: true,
          outcome: true,
          profitCents: true,
          closingPrice: true,
          clv: true,
          settledAt: true,
          updatedAt: true,
        },
      },
    },
  });
  const byBot = new Map<number, typeof picks>();
  for (const p of picks) byBot.set(p.botId, [...(byBot.get(p.botId) ?? []), p]);
  let appended = 0;
  for (const [, list] of byBot) {
    await db.$transaction(async (tx) => {
      const entries = list.map((p) => {
        const bet = p.bet!;
        const gradedAt = bet.status === "VOID" ? bet.updatedAt : bet.settledAt!;
        const closing = bet.closingPrice === null ? null : Number(bet.closingPrice);
        const payload: ResultPayload = {
          kind: "result",
          pickSeq: p.pickSeq!,
          outcome: bet.status === "VOID" ? "VOID" : bet.outcome!,
          profitCents: bet.status === "VOID" ? 0 : Number(bet.profitCents ?? 0n),
          closingPrice: closing !== null && closing > 1 ? closing : null,
          clv: bet.clv !== null && Number.isFinite(bet.clv) && bet.clv >= -1 ? bet.clv : null,
          gradedAt: gradedAt.toISOString(),
        };
        return { key: resultKey(p.pickSeq!), payload, lockedAt: gradedAt };
      });
      const written = await appendRecordEntries(tx, list[0]!.bot.recordChainId, entries);
      for (const [i, w] of written.entries()) {
        if (w.inserted) appended++;
        await tx.botPick.update({ where: { id: list[i]!.id }, data: { resultSeq: w.seq } });
      }
    });
  }
  return { picks: picks.length, appended };
}
